// libc_service.slave's state: the slave's end of the socketpair and its
// filter chunks, until a call consumes it (system.spawn's extra_fds, or
// spawn_vm's subprocess.libc_service). Consuming sends the filter config
// through the master's end first (the slave side reads it before its first
// request: native/preload/conn.c, client.ts here) and hands the socket out;
// a slave is consumed once.

import { toUserdata, type LuaState } from '../../lua/lua-api';
import { errnoCodes } from '../../errors/categories';
import { loadAddon } from '../../native/load-addon';
import { disownVmResource, type VmResource } from '../vm-resources';
import * as wire from './wire';

export const SLAVE_KIND = 'libc_service.slave';

/** What a slave needs of its master: the master's end (-1 once closed). */
export interface MasterEnd {
  readonly fd: number;
}

export type ConsumeFailure = { errno: number; detail: string };

export class Slave implements VmResource {
  filters = new Map<wire.FunctionName, Uint8Array>();
  constructor(public fd: number, readonly master: MasterEnd) {}
  closeForVm(): void {
    if (this.fd !== -1) loadAddon().fdClose(this.fd);
    this.fd = -1;
  }
  /** Why consume() would fail now (checked before anything is created), or null. */
  check(): ConsumeFailure | null {
    if (this.fd === -1) return { errno: errnoCodes.EBUSY, detail: 'libc_service.slave already consumed' };
    const size = wire.encodeConfig(this.filters).length;
    if (size > wire.MAX_CONFIG) {
      return { errno: errnoCodes.EMSGSIZE, detail: `libc_service: the filters take ${size} bytes, more than ${wire.MAX_CONFIG}` };
    }
    if (this.master.fd === -1) return { errno: errnoCodes.EPIPE, detail: 'libc_service.master is closed' };
    return null;
  }
  /** Sends the filter config and hands the socket out (the caller owns it), or says why not. */
  consume(): number | ConsumeFailure {
    const failure = this.check();
    if (failure !== null) return failure;
    const sent = loadAddon().sockSendFds(this.master.fd, wire.encodeConfig(this.filters), [], null, 0);
    if (sent < 0) return { errno: -sent, detail: 'libc_service: sending the filters to the slave failed' };
    const fd = this.fd;
    this.fd = -1;
    disownVmResource(this);
    return fd;
  }
}

export function toSlave(L: LuaState, idx: number): Slave | undefined {
  return toUserdata<Slave>(L, idx, SLAVE_KIND);
}
