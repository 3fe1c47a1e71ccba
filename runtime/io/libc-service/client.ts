// The slave's end of libc_service inside the host of a subprocess actor:
// the same requests and replies as the preload library (native/preload/,
// wire.ts), one at a time, synchronously. The host's thread waits for each
// answer (poll(2) on the socket), as a libc call of a C program waits in
// the preload library: the actor's fibers do not run meanwhile.
//
// Threat model: the master is the trusted side, but its replies are still
// read with bounds (wire.decodeReply); a reply that is not one well-formed
// answer, or a master that went away, turns the service off with one line
// on stderr, and every later call is made by the host itself (as conn.c
// does). Descriptors that come with a reply are close-on-exec and owned by
// the caller.

import { loadAddon } from '../../native/load-addon';
import { writeAllSync } from '../../lua/print';
import { errnoCodes } from '../../errors/categories';
import * as wire from './wire';

const READABLE = 1;
const WRITABLE = 2;

export type Answer =
  | { readonly kind: 'pass' }
  | { readonly kind: 'result'; readonly result: number; readonly errno: number; readonly fds: number[]; readonly extra: Uint8Array };

export const PASS: Answer = { kind: 'pass' };

export class LibcClient {
  private fd: number;
  private readonly buffer = new Uint8Array(wire.MAX_REPLY + 1);
  constructor(fd: number, readonly filters: ReadonlyMap<wire.FunctionName, Uint8Array>) {
    this.fd = fd;
  }

  get connected(): boolean {
    return this.fd !== -1;
  }

  /** One request and its answer; PASS when the master said use_slave_credentials or is gone. */
  ask(name: wire.FunctionName, ints: readonly [number, number, number], str0: Uint8Array, str1: Uint8Array = new Uint8Array(0), dirfd = -1): Answer {
    if (this.fd === -1) return PASS;
    if (str0.length > wire.MAX_STR || str1.length > wire.MAX_STR) {
      return { kind: 'result', result: -1, errno: errnoCodes.ENAMETOOLONG, fds: [], extra: new Uint8Array(0) };
    }
    const request = wire.encodeRequest(name, ints, str0, str1, dirfd >= 0);
    const addon = loadAddon();
    for (;;) {
      const sent = addon.sockSendFds(this.fd, request, dirfd >= 0 ? [dirfd] : [], null, 0);
      if (sent >= 0) break;
      if (sent !== -errnoCodes.EAGAIN || addon.sockPollWait(this.fd, WRITABLE, -1) < 0) return this.drop(-sent);
    }
    for (;;) {
      const got = addon.sockRecvFds(this.fd, this.buffer, wire.MAX_REPLY_FDS, 0, true);
      if (got === -errnoCodes.EAGAIN) {
        const ready = addon.sockPollWait(this.fd, READABLE, -1);
        if (ready < 0) return this.drop(-ready);
        continue;
      }
      if (typeof got === 'number') return this.drop(-got);
      const [count, status, , , ...fds] = got;
      if (count === 0 && status === 0) return this.drop(errnoCodes.ECONNRESET);
      const reply = status === 0 ? wire.decodeReply(this.buffer.subarray(0, count)) : null;
      if (reply === null) {
        for (const fd of fds) addon.fdClose(fd);
        return this.drop(errnoCodes.EPROTO);
      }
      if (reply.kind === wire.REPLY_USE_SLAVE) {
        for (const fd of fds) addon.fdClose(fd);
        return PASS;
      }
      return { kind: 'result', result: reply.result, errno: reply.errno, fds, extra: reply.extra };
    }
  }

  private drop(errno: number): Answer {
    writeAllSync(2, Buffer.from(`emilua-ts libc_service: the master is gone (errno ${errno}); calls are made by the actor now\n`));
    loadAddon().fdClose(this.fd);
    this.fd = -1;
    return PASS;
  }
}

/**
 * Reads the filter config the master sent when the slave was consumed (the
 * first datagram on the socket). Null when it is malformed: the service is
 * then off, as in the preload library.
 */
export function readConfig(fd: number): Map<wire.FunctionName, Uint8Array> | null {
  const addon = loadAddon();
  const buffer = new Uint8Array(wire.MAX_CONFIG + 1);
  for (;;) {
    const got = addon.sockRecvFds(fd, buffer, 0, 0, true);
    if (got === -errnoCodes.EAGAIN) {
      if (addon.sockPollWait(fd, READABLE, -1) < 0) return null;
      continue;
    }
    if (typeof got === 'number' || got[1] !== 0) return null;
    return wire.decodeConfig(buffer.subarray(0, got[0]));
  }
}
