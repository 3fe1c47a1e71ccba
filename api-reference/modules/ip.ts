import { defineModule, fn, table } from '../model';

const resolver = (proto: string) => [
  fn(`${proto}.get_address_info(host: string|ip.address, service: string|integer, flags?: string[]) -> table[]`, 'Resolves host and service (getaddrinfo) into { address, port, canonical_name? } entries.', { suspends: true }),
  fn(`${proto}.get_address_v4_info(host: string|ip.address, service: string|integer, flags?: string[]) -> table[]`, 'As get_address_info, IPv4 only.', { suspends: true }),
  fn(`${proto}.get_address_v6_info(host: string|ip.address, service: string|integer, flags?: string[]) -> table[]`, 'As get_address_info, IPv6 only.', { suspends: true }),
  fn(`${proto}.get_name_info(address: ip.address, port: integer, flags?: string[]) -> table[]`, 'The { host_name, service_name } entries of an endpoint (getnameinfo).', { suspends: true }),
];

export default defineModule({
  name: 'ip',
  summary: 'IP addresses, TCP and UDP sockets, name resolution.',
  differences: ['ip.tcp.socket:send_file (Windows only in Emilua) raises ENOSYS.'],
  classes: {
    'ip.address': 'An IPv4 or IPv6 address: to_v4(), to_v6(), is_loopback, is_v4, scope_id...; compares and prints.',
    'ip.tcp.socket': 'connect, read_some, write_some, receive, send, wait (suspend); open, bind, shutdown, options, local/remote address and port...',
    'ip.tcp.acceptor': 'open, bind, listen, accept() and wait() (suspend), options...',
    'ip.udp.socket': 'receive, receive_from, send, send_to (suspend); open, bind, connect, options (multicast...)...',
  },
  entries: [
    table('address', 'IP addresses.'),
    fn('address.new(text?: string) -> ip.address', 'The address text names, or the unspecified IPv4 address.', { errors: ['EINVAL when text is not an address.'] }),
    fn('address.any_v4() -> ip.address', '0.0.0.0'),
    fn('address.any_v6() -> ip.address', '::'),
    fn('address.loopback_v4() -> ip.address', '127.0.0.1'),
    fn('address.loopback_v6() -> ip.address', '::1'),
    fn('address.broadcast_v4() -> ip.address', '255.255.255.255'),
    fn('host_name() -> string', "This machine's host name."),
    fn('connect(socket: ip.tcp.socket|ip.udp.socket, endpoints: table[], condition?: function) -> table', 'Tries each endpoint (get_address_info results) until a connection succeeds.', { suspends: true }),
    fn('tostring(address: ip.address, port?: integer) -> string', 'The text of an address or endpoint ("[::1]:80").'),
    fn('toendpoint(text: string) -> ip.address, integer', 'The address and port of a numeric endpoint text ("127.0.0.1:80", "[::1]:80").'),
    table('tcp', 'TCP.'),
    table('tcp.socket', 'TCP sockets.'),
    fn('tcp.socket.new() -> ip.tcp.socket', 'A closed TCP socket.'),
    table('tcp.acceptor', 'Listening TCP sockets.'),
    fn('tcp.acceptor.new() -> ip.tcp.acceptor', 'A closed acceptor.'),
    fn('tcp.dial(endpoint: string) -> ip.tcp.socket', 'Resolves "host:service" (an IPv6 host in brackets) and connects to the first endpoint that answers.', { suspends: true }),
    fn('tcp.listen(endpoint: string) -> ip.tcp.acceptor', 'An acceptor bound to endpoint ("host:port", reuse_address set) and listening.'),
    ...resolver('tcp'),
    table('udp', 'UDP.'),
    table('udp.socket', 'UDP sockets.'),
    fn('udp.socket.new() -> ip.udp.socket', 'A closed UDP socket.'),
    fn('udp.dial(endpoint: string) -> ip.udp.socket', 'Resolves "host:service" and connects a UDP socket to the first endpoint.', { suspends: true }),
    ...resolver('udp'),
  ],
});
