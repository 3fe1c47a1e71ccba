import { defineModule, pattern } from '../model';

export default defineModule({
  name: 'generic_error',
  summary: 'Error values of the generic category, to compare errors portably.',
  description: ["`generic_error.EEXIST` (any errno name) is a fresh error table of the generic category on every access; compare with `e:togeneric() == generic_error.EEXIST`."],
  entries: [
    pattern('E*: table', 'The generic error for that errno name (EEXIST, ENOENT, ...); nil for other keys.', { example: 'EEXIST' }),
  ],
});
