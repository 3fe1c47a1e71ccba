import { defineModule, fn } from '../model';

export default defineModule({
  name: 'byte_span',
  summary: "Mutable byte buffers with Go slices' semantics (also the global byte_span).",
  description: [
    'A span is a view (1-based) of a shared buffer with a length and a capacity. Methods: sub, first, last, copy, append, fill, ' +
    'string searches (starts_with, find, ...), get_/set_ integer and float accessors, and indexing by byte.',
  ],
  classes: { byte_span: 'A view of a shared byte buffer: #span bytes, span.capacity, span[i] the byte at i.' },
  entries: [
    fn('new(length: integer, capacity?: integer) -> byte_span', 'A new span of length bytes whose capacity is capacity (default length).', {
      errors: ['EINVAL (generic_error) when length or capacity is negative or capacity < length.'],
    }),
    fn('with_zeros(length: integer, capacity?: integer) -> byte_span', 'As new, with every byte zero.'),
    fn('append(...: byte_span|string|nil) -> byte_span', 'A new span holding the bytes of each argument in order (nil adds nothing).'),
  ],
});
