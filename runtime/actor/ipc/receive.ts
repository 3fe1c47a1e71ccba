// The receiving end of an IPC actor socket: one recvmsg(2), then the checks
// that decide whether what arrived is a message.
//
// Threat model: the peer is another process, possibly sandboxed and under
// an attacker's control. It can send any bytes, datagrams larger than any
// message, more descriptors than any message names (up to SCM_MAX_FD), or
// descriptors of any kind: FIFOs whose open would block, devices, sockets
// of another type, memfds. Defences, in order:
//   - recvmsg never waits (MSG_DONTWAIT, in the addon) and makes every
//     received descriptor close-on-exec (MSG_CMSG_CLOEXEC);
//   - room for MAX_FDS descriptors only: when more arrive the control data
//     is cut short (MSG_CTRUNC), the kernel drops the rest and the addon
//     closes the ones that did arrive;
//   - a datagram longer than MAX_MESSAGE_BYTES is cut short (MSG_TRUNC) and
//     dropped with everything that came with it;
//   - each descriptor is classified with fstat(2) (and getsockopt(2) for
//     addresses), never with ioctl(2) or fcntl(2) flag changes: those could
//     act on a device, or flip O_NONBLOCK under another process;
//   - codec.ts decodes with bounds and owns the descriptors from then on;
//   - an address must be a unix SOCK_SEQPACKET socket, since it becomes a
//     channel the runtime will write messages to.
// Whatever is dropped, every descriptor that arrived is closed exactly once.

import type { RecvFdsResult } from '../../native/addon-api';
import { loadAddon } from '../../native/load-addon';
import { ioConstant } from '../../io/native';
import { sockConstant } from '../../io/socket-address';
import { errnoCodes } from '../../errors/categories';
import { decode, MAX_MESSAGE_BYTES, type DecodeErrorReason, type FdCloser } from './codec';
import { MAX_FDS, isFdLike, type IpcValue } from './value';

/** The syscalls this file uses; tests and the fuzz bench may pass their own. */
export interface ReceiveSystem {
  sockRecvFds(fd: number, bytes: Uint8Array, maxfds: number, flags: number, rejectTruncated: boolean): RecvFdsResult | number;
  /** fstat's st_mode & S_IFMT | -errno. */
  fdFileType(fd: number): number;
  /** getsockopt(SOL_SOCKET) SO_DOMAIN (0) / SO_TYPE (1) | -errno. */
  fdSocketOption(fd: number, which: 0 | 1 | 2): number;
  close: FdCloser;
}

let addonSystem: ReceiveSystem | undefined;

/** The addon's syscalls (loaded on first use, then kept). */
export function addonReceiveSystem(): ReceiveSystem {
  if (addonSystem !== undefined) return addonSystem;
  const addon = loadAddon();
  return addonSystem = {
    sockRecvFds: (fd, bytes, maxfds, flags, reject) => addon.sockRecvFds(fd, bytes, maxfds, flags, reject),
    fdFileType: (fd) => addon.fdFileType(fd),
    fdSocketOption: (fd, which) => addon.fdSocketOption(fd, which),
    close: (fd) => {
      addon.fdClose(fd);
    },
  };
}

export type DropReason = DecodeErrorReason | 'control_truncated' | 'fd_unusable' | 'address_not_seqpacket';

export type ReceiveResult =
  /** A message. fileTypes[i] is S_IFMT of the i-th descriptor in the value (tag order). */
  | { readonly type: 'message'; readonly value: IpcValue; readonly fileTypes: number[] }
  /** A zero-length datagram (or the peer's end of file): this capability is closed. */
  | { readonly type: 'closed' }
  /** Nothing to read now. */
  | { readonly type: 'would_block' }
  /** Something arrived that is not a message; it and all its descriptors are gone. */
  | { readonly type: 'dropped'; readonly reason: DropReason; readonly detail: string }
  /** recvmsg failed: -errno. */
  | { readonly type: 'failed'; readonly errno: number };

/** A buffer for receiveMessage(): one byte more than the largest message is not needed (MSG_TRUNC tells). */
export function newReceiveBuffer(): Uint8Array {
  return new Uint8Array(MAX_MESSAGE_BYTES);
}

function closeAll(fds: readonly number[], close: FdCloser): void {
  for (const fd of fds) close(fd);
}

function descriptorsIn(value: IpcValue): Array<{ kind: 'fd' | 'address'; fd: number }> {
  if (isFdLike(value)) return [value];
  if (typeof value === 'object' && !(value instanceof Uint8Array) && value.kind === 'object') {
    return value.values.filter(isFdLike);
  }
  return [];
}

/**
 * Reads one datagram from `sock` (a SOCK_SEQPACKET socket) into `buffer`
 * and returns what it was. Never throws for anything the peer does.
 */
export function receiveMessage(sock: number, buffer: Uint8Array, system: ReceiveSystem = addonReceiveSystem()): ReceiveResult {
  const got = system.sockRecvFds(sock, buffer, MAX_FDS, 0, true);
  if (typeof got === 'number') {
    return got === -errnoCodes.EAGAIN ? { type: 'would_block' } : { type: 'failed', errno: -got };
  }
  const [count, status, , closed, ...fds] = got;
  if (status === 1) {
    return { type: 'dropped', reason: 'control_truncated', detail: `more than ${MAX_FDS} descriptors (${closed} closed)` };
  }
  if (status === 2) {
    return { type: 'dropped', reason: 'oversized', detail: `longer than ${MAX_MESSAGE_BYTES} bytes (${closed} descriptors closed)` };
  }
  const fileTypes: number[] = [];
  for (const fd of fds) {
    const type = system.fdFileType(fd);
    if (type < 0) {
      closeAll(fds, system.close);
      return { type: 'dropped', reason: 'fd_unusable', detail: `fstat of a received descriptor failed (errno ${-type})` };
    }
    fileTypes.push(type);
  }
  const decoded = decode(buffer.subarray(0, count), fds, system.close);
  if (decoded.type === 'closed') return decoded;
  if (decoded.type === 'error') return { type: 'dropped', reason: decoded.error.reason, detail: decoded.error.detail };
  const carried = descriptorsIn(decoded.value);
  for (let i = 0; i < carried.length; i++) {
    if (carried[i].kind === 'address' && !isSeqpacketUnixSocket(carried[i].fd, fileTypes[i], system)) {
      closeAll(fds, system.close);
      return { type: 'dropped', reason: 'address_not_seqpacket', detail: `address ${i + 1} is not a unix SOCK_SEQPACKET socket` };
    }
  }
  return { type: 'message', value: decoded.value, fileTypes };
}

function isSeqpacketUnixSocket(fd: number, fileType: number, system: ReceiveSystem): boolean {
  return fileType === ioConstant('S_IFSOCK') &&
    system.fdSocketOption(fd, 0) === sockConstant('AF_UNIX') &&
    system.fdSocketOption(fd, 1) === sockConstant('SOCK_SEQPACKET');
}
