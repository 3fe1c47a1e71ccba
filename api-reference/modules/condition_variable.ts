import { defineModule, fn } from '../model';

export default defineModule({
  name: 'condition_variable',
  summary: 'Fibers wait on it until another notifies them.',
  classes: { condition_variable: 'wait(m) (suspends; a cancellation point; m is locked again before it returns), notify_one(), notify_all().' },
  entries: [
    fn('new() -> condition_variable', 'A new condition variable.'),
  ],
});
