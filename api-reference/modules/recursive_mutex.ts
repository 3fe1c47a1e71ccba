import { defineModule, fn } from '../model';

export default defineModule({
  name: 'recursive_mutex',
  summary: 'A mutex the fiber that holds it may lock again.',
  classes: { recursive_mutex: 'A re-entrant fiber mutex: lock(), try_lock() -> boolean, unlock().' },
  entries: [
    fn('new() -> recursive_mutex', 'A new, unlocked recursive mutex.'),
  ],
});
