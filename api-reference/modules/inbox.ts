import { defineModule, fn } from '../model';

export default defineModule({
  name: 'inbox',
  summary: "The calling VM's inbox: the messages other actors send to it.",
  entries: [
    fn('receive(self: inbox) -> any', 'The next message (a copy of what was sent); waits for one.', {
      suspends: true,
      errors: ['channel_closed (Emilua error) when the inbox is closed or no sender can reach it any more.'],
    }),
    fn('close(self: inbox)', 'Closes the inbox: senders get an error, receive fails.'),
  ],
});
