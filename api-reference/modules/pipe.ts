import { defineModule, fn, table } from '../model';

export default defineModule({
  name: 'pipe',
  summary: 'Anonymous pipes as streams.',
  classes: {
    'pipe.read_stream': 'The read end: read_some(buf) (suspends), close(), cancel(), assign(fd), release() -> file_descriptor, is_open.',
    'pipe.write_stream': 'The write end: write_some(buf) (suspends), close(), cancel(), assign(fd), release() -> file_descriptor, is_open.',
  },
  entries: [
    fn('pair() -> pipe.read_stream, pipe.write_stream', 'A new pipe: its read end and its write end.', { errors: ['The system error of pipe2(2) (EMFILE...).'] }),
    table('read_stream', 'Read ends of pipes.'),
    fn('read_stream.new(fd?: file_descriptor) -> pipe.read_stream', 'A read end, closed or adopting fd.'),
    table('write_stream', 'Write ends of pipes.'),
    fn('write_stream.new(fd?: file_descriptor) -> pipe.write_stream', 'A write end, closed or adopting fd.'),
  ],
});
