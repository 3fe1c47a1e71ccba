// native/addon/socket.cc: sockets: creation, connection, addresses, options,
// readiness. Addresses are the raw bytes of a struct sockaddr
// (runtime/io/socket-address.ts builds and reads them). Every socket created
// here is close-on-exec and non-blocking. Transfers: socket-transfer.ts.
// Part of NativeAddon (../addon-api.ts); conventions there.

export interface SocketApi {
  /** socket(2) | -errno. */
  sockOpen(family: number, type: number): number;
  /** socketpair(AF_UNIX): [a, b] | -errno. */
  sockPair(type: number): [number, number] | number;
  /** bind(2). 0 | -errno. */
  sockBind(fd: number, address: Uint8Array): number;
  /** connect(2) without waiting. 0 | -errno (-EINPROGRESS: see sockConnectResult; -EAGAIN: a full UNIX listener). */
  sockConnect(fd: number, address: Uint8Array): number;
  /** SO_ERROR (cleared by reading): the outcome of an EINPROGRESS connect. 0 | -errno. */
  sockConnectResult(fd: number): number;
  /** listen(2). 0 | -errno. */
  sockListen(fd: number, backlog: number): number;
  /** accept4(2), the new socket close-on-exec and non-blocking | -errno. */
  sockAccept(fd: number): number;
  /** shutdown(2) with SHUT_RD/SHUT_WR/SHUT_RDWR. 0 | -errno. */
  sockShutdown(fd: number, how: number): number;
  /** getsockname(2), or getpeername(2) when `peer`: sockaddr bytes | -errno. */
  sockAddress(fd: number, peer: boolean): Buffer | number;
  /** getsockopt(2) of an int option | -errno. */
  sockGetOption(fd: number, level: number, name: number): number;
  /** setsockopt(2) of an int option. 0 | -errno. */
  sockSetOption(fd: number, level: number, name: number, value: number): number;
  /** getsockopt(2) into at most `size` (<= 4096) bytes: what the kernel wrote | -errno. */
  sockGetOptionBytes(fd: number, level: number, name: number, size: number): Buffer | number;
  /** setsockopt(2) of a struct given as bytes. 0 | -errno. */
  sockSetOptionBytes(fd: number, level: number, name: number, bytes: Uint8Array): number;
  /** poll(2) without waiting for 1 readable / 2 writable / 8 priority: ready bits (+4 error/hang-up) | -errno. */
  sockPollNow(fd: number, events: number): number;
  /** ppoll(2) of one descriptor, waiting (blocking the thread) at most timeoutUs microseconds (-1: no limit); bits as sockPollNow | -errno. */
  sockPollWait(fd: number, events: number, timeoutUs: number): number;
  /** ioctl(FIONREAD) | -errno. */
  sockBytesReadable(fd: number): number;
  /** sockatmark(3): 1 | 0 | -errno. */
  sockAtMark(fd: number): number;
  /** Linux values of AF_*, SOCK_*, SHUT_*, MSG_*, SOL_SOCKET/SO_*, IPPROTO_*, TCP_NODELAY, IP_*, IPV6_*, SOMAXCONN, SCM_MAX_FD. */
  sockConstants(): Record<string, number>;
}

/** The names of SocketApi's functions: a name missing here, or one not in SocketApi, fails to compile. */
export const SOCKET_FUNCTIONS: Record<keyof SocketApi, true> = {
  sockOpen: true,
  sockPair: true,
  sockBind: true,
  sockConnect: true,
  sockConnectResult: true,
  sockListen: true,
  sockAccept: true,
  sockShutdown: true,
  sockAddress: true,
  sockGetOption: true,
  sockSetOption: true,
  sockGetOptionBytes: true,
  sockSetOptionBytes: true,
  sockPollNow: true,
  sockPollWait: true,
  sockBytesReadable: true,
  sockAtMark: true,
  sockConstants: true,
};
