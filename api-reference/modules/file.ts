import { defineModule, fn, table } from '../model';

export default defineModule({
  name: 'file',
  summary: 'Regular files, read and written without blocking the VM (the thread pool).',
  classes: {
    'file.stream': 'A file read and written at its offset: open(path, flags), read_some, write_some (suspend), seek, resize, close, release, lock...; is_open, size.',
    'file.random_access': 'A file read and written at given offsets: read_some_at, write_some_at (suspend), open, close, resize, release, lock...; is_open, size.',
  },
  entries: [
    table('stream', 'Files used as streams.'),
    fn('stream.new(fd?: file_descriptor) -> file.stream', 'A closed file stream, or one adopting fd.'),
    table('random_access', 'Files used with offsets.'),
    fn('random_access.new(fd?: file_descriptor) -> file.random_access', 'A closed random-access file, or one adopting fd.'),
    fn('read_all_at(io: file.random_access, offset: integer, buffer: byte_span) -> integer', 'Reads from offset until buffer is full.', { suspends: true }),
    fn('read_at_least_at(io: file.random_access, offset: integer, buffer: byte_span, minimum: integer) -> integer', 'Reads at least minimum bytes from offset.', { suspends: true }),
    fn('write_all_at(io: file.random_access, offset: integer, buffer: byte_span) -> integer', 'Writes all of buffer at offset.', { suspends: true }),
    fn('write_at_least_at(io: file.random_access, offset: integer, buffer: byte_span, minimum: integer) -> integer', 'Writes at least minimum bytes at offset.', { suspends: true }),
  ],
});
