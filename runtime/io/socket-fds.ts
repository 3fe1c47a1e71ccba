// Transfers with descriptors (SCM_RIGHTS) for the socket classes that have
// them (unix): receive_with_fds / receive_from_with_fds and send_with_fds /
// send_to_with_fds, built like the plain transfers of socket-ops.ts.
//
// Received descriptors belong to the VM from the moment they arrive (an
// OwnedDescriptor adopted at once), so they are closed even if the fiber
// never resumes to take them. Descriptors to send are duplicated when the
// call is made and the duplicates closed when the operation ends, so closing
// (and reusing the number of) a file_descriptor while a send waits cannot
// send another file. The peer is not trusted: a message whose descriptors or
// payload did not fit raises EMSGSIZE after the addon closed what arrived.

import { lua, LuaState, LuaJsFunction } from '../lua/lua-api';
import { raiseGenericError, raiseSystemError, pushSystemError } from '../errors/error-object';
import { einval } from '../errors/args';
import { errnoCodes } from '../errors/categories';
import { checkSuspensionAllowed } from '../fiber/suspension';
import { checkByteSpan } from './byte-span/lua-binding';
import { pushFileDescriptor, toFileDescriptor } from './descriptor-object';
import { OwnedDescriptor } from './descriptor-handle';
import { loadAddon } from '../native/load-addon';
import { suspendOnIo, deliverCount, raiseIoError } from './fiber-io';
import { raiseEofError } from './errors';
import { adoptVmResource } from './vm-resources';
import { sockConstant } from './socket-address';
import { luaWrittenInEmilua } from '../errors/lua-written';
import type { SocketClass } from './socket-object';
import { suspendOn, isEof, type EofRule, type AddressPusher } from './socket-ops';

const { EBUSY, EMSGSIZE } = errnoCodes;

export interface ReceiveFdsSpec {
  readonly eof: EofRule;
  /** A datagram or seqpacket socket: a truncated payload is an error too. */
  readonly rejectTruncated: boolean;
  readonly from?: AddressPusher;
}

/** Raised when a peer's message did not fit: its descriptors were closed. */
function raiseTruncated(L: LuaState, what: 'control' | 'payload', closed: number): never {
  pushSystemError(L, EMSGSIZE, {
    truncated: what,
    closed_fds: closed,
    reason: what === 'control'
      ? 'the peer sent more file descriptors than the receiver accepts; every one that arrived was closed'
      : 'the message was longer than the buffer; every file descriptor that came with it was closed',
  });
  return lua.lua_error(L) as never;
}

/** receive_with_fds(buf, maxfds) / receive_from_with_fds(buf, maxfds). */
export function receiveFdsMethod(cls: SocketClass, spec: ReceiveFdsSpec): LuaJsFunction {
  return luaWrittenInEmilua((L: LuaState) => {
    checkSuspensionAllowed(L, false);
    const obj = cls.check(L, 1);
    const bytes = checkByteSpan(L, 2).bytes;
    if (lua.lua_type(L, 3) !== lua.LUA_TNUMBER) return einval(L, 3);
    const maxfds = lua.lua_tonumber(L, 3);
    if (!Number.isInteger(maxfds) || maxfds < 0 || maxfds > sockConstant('SCM_MAX_FD')) return einval(L, 3);
    const fd = obj.fd;
    let status = 0;
    let closed = 0;
    let sender: Uint8Array = new Uint8Array(0);
    let received: OwnedDescriptor[] = [];
    const attempt = (): number => {
      const ret = loadAddon().sockRecvFds(fd, bytes, maxfds, 0, spec.rejectTruncated);
      if (typeof ret === 'number') return ret;
      const [count, outcome, address, closedCount, ...fds] = ret;
      status = outcome;
      closed = closedCount;
      sender = address;
      received = fds.map((n) => {
        const holder = new OwnedDescriptor(n);
        adoptVmResource(L, holder);
        return holder;
      });
      return count;
    };
    return suspendOn(L, obj, 'read', attempt, (L, result) => {
      if (result < 0) return raiseIoError(L, -result);
      if (status === 1) return raiseTruncated(L, 'control', closed);
      if (status === 2) return raiseTruncated(L, 'payload', closed);
      if (isEof(spec.eof, result, bytes.length)) {
        for (const holder of received) holder.close();
        return raiseEofError(L);
      }
      lua.lua_pushnumber(L, result);
      let pushed = 1;
      if (spec.from !== undefined) pushed += spec.from(L, sender);
      lua.lua_createtable(L, received.length, 0);
      received.forEach((holder, i) => {
        pushFileDescriptor(L, holder.release());
        lua.lua_rawseti(L, -2, i + 1);
      });
      return pushed + 1;
    });
  });
}

/** The descriptors of a file_descriptor[] argument, duplicated (the caller closes the copies). */
function duplicateFds(L: LuaState, idx: number): number[] {
  if (lua.lua_type(L, idx) !== lua.LUA_TTABLE) return einval(L, idx);
  const fds: number[] = [];
  const limit = sockConstant('SCM_MAX_FD');
  for (let i = 1; ; i++) {
    const t = lua.lua_rawgeti(L, idx, i);
    if (t === lua.LUA_TNIL) {
      lua.lua_pop(L, 1);
      break;
    }
    const handle = toFileDescriptor(L, -1);
    lua.lua_pop(L, 1);
    if (handle === undefined || i > limit) {
      closeAll(fds);
      return einval(L, idx);
    }
    if (handle.fd === -1) {
      closeAll(fds);
      return raiseGenericError(L, EBUSY);
    }
    const copy = loadAddon().fdDup(handle.fd);
    if (copy < 0) {
      closeAll(fds);
      return raiseSystemError(L, -copy);
    }
    fds.push(copy);
  }
  return fds;
}

function closeAll(fds: number[]): void {
  for (const fd of fds) loadAddon().fdClose(fd);
  fds.length = 0;
}

export interface SendFdsSpec {
  /** send_to_with_fds: reads the destination at argument 3 (the fds then come at 4). */
  readonly to?: (L: LuaState) => Uint8Array;
}

/** send_with_fds(buf, fds) / send_to_with_fds(buf, path, fds). */
export function sendFdsMethod(cls: SocketClass, spec: SendFdsSpec): LuaJsFunction {
  return luaWrittenInEmilua((L: LuaState) => {
    checkSuspensionAllowed(L, false);
    const obj = cls.check(L, 1);
    const bytes = checkByteSpan(L, 2).bytes;
    const to = spec.to === undefined ? null : spec.to(L);
    const copies = duplicateFds(L, to === null ? 3 : 4);
    const fd = obj.fd;
    const attempt = (): number => loadAddon().sockSendFds(fd, bytes, copies, to, 0);
    let submitted = false;
    try {
      return suspendOnIo(L, (done) => {
        submitted = true;
        return obj.handle.submit('write', attempt, (result) => {
          closeAll(copies);
          done(result);
        });
      }, deliverCount);
    } catch (err) {
      // Either the fiber yielded (the operation owns the copies now) or the
      // suspension was refused before anything started (forbid-suspend, a
      // pending cancellation): then nobody else will close them.
      if (!submitted) closeAll(copies);
      throw err;
    }
  });
}
