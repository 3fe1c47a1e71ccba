import { defineModule, fn, table } from '../model';

const sockets = (kind: string, what: string) => [
  table(kind, `UNIX ${what} sockets.`),
  table(`${kind}.socket`, `UNIX ${what} socket objects.`),
  fn(`${kind}.socket.new(fd?: file_descriptor) -> unix.${kind}.socket`, 'A closed socket, or one adopting fd.'),
  fn(`${kind}.socket.pair() -> unix.${kind}.socket, unix.${kind}.socket`, 'Two connected sockets (socketpair(2)).'),
];

export default defineModule({
  name: 'unix',
  summary: 'UNIX domain sockets (stream, seqpacket, datagram), with descriptor passing (SCM_RIGHTS).',
  description: ['A path starting with "@" names an abstract socket. Descriptors received with receive_with_fds arrive close-on-exec and belong to the receiving VM.'],
  classes: {
    'unix.stream.socket': 'read_some, write_some, receive_with_fds, send_with_fds, connect (suspend); bind, shutdown, set_option, get_option, close, release...',
    'unix.seqpacket.socket': 'receive, send, receive_with_fds, send_with_fds, connect (suspend); bind, shutdown, options, close, release...',
    'unix.datagram.socket': 'receive, receive_from, send, send_to and their _with_fds forms (suspend); bind, connect, options, close, release...',
    'unix.stream.acceptor': 'open, bind, listen(backlog?), accept() -> socket and wait() (suspend), options, close, release...',
    'unix.seqpacket.acceptor': 'open, bind, listen(backlog?), accept() -> socket and wait() (suspend), options, close, release...',
  },
  entries: [
    ...sockets('stream', 'stream'),
    table('stream.acceptor', 'Listening UNIX stream sockets.'),
    fn('stream.acceptor.new() -> unix.stream.acceptor', 'A closed acceptor.'),
    fn('stream.listen(path: string|filesystem.path, mode?: integer) -> unix.stream.acceptor', 'An acceptor bound to path and listening; mode sets its permission bits.'),
    fn('stream.dial(path: string|filesystem.path) -> unix.stream.socket', 'A socket connected to path.', { suspends: true }),
    ...sockets('seqpacket', 'seqpacket'),
    table('seqpacket.acceptor', 'Listening UNIX seqpacket sockets.'),
    fn('seqpacket.acceptor.new() -> unix.seqpacket.acceptor', 'A closed acceptor.'),
    fn('seqpacket.listen(path: string|filesystem.path, mode?: integer) -> unix.seqpacket.acceptor', 'An acceptor bound to path and listening.'),
    fn('seqpacket.dial(path: string|filesystem.path) -> unix.seqpacket.socket', 'A socket connected to path.', { suspends: true }),
    ...sockets('datagram', 'datagram'),
    fn('datagram.dial(path: string|filesystem.path) -> unix.datagram.socket', 'A datagram socket connected to path.', { suspends: true }),
  ],
});
