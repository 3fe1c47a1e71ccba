import { defineModule, fn } from '../model';

export default defineModule({
  name: 'mutex',
  summary: 'Mutual exclusion between the fibers of one VM.',
  classes: { mutex: 'A fiber mutex: lock() (suspends, not a cancellation point), try_lock() -> boolean, unlock().' },
  entries: [
    fn('new() -> mutex', 'A new, unlocked mutex. Mutexes cannot be sent to other actors.'),
  ],
});
