// native/addon/socket_transfer.cc: socket transfers that never wait
// (MSG_DONTWAIT whatever the descriptor's O_NONBLOCK flag), including
// descriptors passed with SCM_RIGHTS. Addresses as in socket.ts.
// Part of NativeAddon (../addon-api.ts); conventions there.

/**
 * What {@link SocketTransferApi.sockRecvFds} returns on success: the byte count,
 * the status (0 complete; 1 control data truncated or more than `maxfds`
 * descriptors; 2 payload truncated, only when `rejectTruncated`), the
 * sender's sockaddr bytes, how many arriving descriptors were closed
 * (status 1 and 2), then the received descriptors (none unless status is 0).
 */
export type RecvFdsResult = [count: number, status: 0 | 1 | 2, sender: Buffer, closed: number, ...fds: number[]];

export interface SocketTransferApi {
  /** recv(MSG_DONTWAIT | flags): count | -errno. */
  sockRecv(fd: number, bytes: Uint8Array, flags: number): number;
  /** send(MSG_DONTWAIT | MSG_NOSIGNAL | flags): count | -errno. */
  sockSend(fd: number, bytes: Uint8Array, flags: number): number;
  /** recvfrom(MSG_DONTWAIT | flags): [count, sender sockaddr bytes] | -errno. */
  sockRecvFrom(fd: number, bytes: Uint8Array, flags: number): [number, Buffer] | number;
  /** sendto(MSG_DONTWAIT | MSG_NOSIGNAL | flags): count | -errno. */
  sockSendTo(fd: number, bytes: Uint8Array, address: Uint8Array, flags: number): number;
  /**
   * recvmsg(MSG_DONTWAIT | MSG_CMSG_CLOEXEC | flags) with room for at most
   * `maxfds` (0..253) descriptors: {@link RecvFdsResult} | -errno. Unless
   * the status is 0, the descriptors that arrived are already closed.
   */
  sockRecvFds(fd: number, bytes: Uint8Array, maxfds: number, flags: number, rejectTruncated: boolean): RecvFdsResult | number;
  /**
   * sendmsg(MSG_DONTWAIT | MSG_NOSIGNAL | flags) with `fds` (<= 253) in one
   * SCM_RIGHTS message, to `address` when not null: count | -errno.
   */
  sockSendFds(fd: number, bytes: Uint8Array, fds: number[], address: Uint8Array | null, flags: number): number;
}

/** The names of SocketTransferApi's functions: a name missing here, or one not in SocketTransferApi, fails to compile. */
export const SOCKET_TRANSFER_FUNCTIONS: Record<keyof SocketTransferApi, true> = {
  sockRecv: true,
  sockSend: true,
  sockRecvFrom: true,
  sockSendTo: true,
  sockRecvFds: true,
  sockSendFds: true,
};
