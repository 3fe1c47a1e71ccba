import { defineModule, fn } from '../model';

export default defineModule({
  name: 'future',
  summary: 'A value set once by one fiber and awaited by others.',
  classes: {
    promise: 'The writing end: set_value(v), set_error(e).',
    future_object: 'The reading end: get() suspends until the value (or error) is set.',
  },
  entries: [
    fn('new() -> promise, future_object', 'A new promise and its future.'),
  ],
});
