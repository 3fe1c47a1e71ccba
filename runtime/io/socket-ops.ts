// Lua methods shared by every socket class (unix and ip): open/assign/
// release/close/cancel, shutdown, io_control, and the suspending transfers,
// accept, connect and wait, each built on SocketHandle.submit() and
// fiber-io.ts's suspendOnIo(). Transfers with descriptors (SCM_RIGHTS) are in
// socket-fds.ts.

import { lua, lauxlib, toText, LuaState, LuaJsFunction, indexKey } from '../lua/lua-api';
import { raiseSystemError } from '../errors/error-object';
import { einval, checkFlagList } from '../errors/args';
import { checkResult } from '../errors/errno';
import { errnoCodes } from '../errors/categories';
import { checkSuspensionAllowed } from '../fiber/suspension';
import { checkByteSpan } from './byte-span/lua-binding';
import { checkFileDescriptor, pushFileDescriptor } from './descriptor-object';
import { loadAddon } from '../native/load-addon';
import { luaWrittenInEmilua } from '../errors/lua-written';
import { suspendOnIo, deliverCount, raiseIoError } from './fiber-io';
import { raiseEofError, raiseAlreadyOpen } from './errors';
import { sockConstant } from './socket-address';
import { READABLE, WRITABLE, HANGUP, PRIORITY } from './readiness';
import { SocketClass, SocketObject, closeHandleWithObject } from './socket-object';
import type { Lane } from './socket-io';
import { servedSocketCall } from './libc-service/gate';

const { EAGAIN, EINPROGRESS, ECONNABORTED, EBADF } = errnoCodes;

// --- arguments -------------------------------------------------------------

/** A list of flag names (nil: none) as MSG_* bits; `allowed` maps names to constant names. */
export function checkMessageFlags(L: LuaState, idx: number, allowed: Readonly<Record<string, string>>): number {
  const type = lua.lua_type(L, idx);
  if (type === lua.LUA_TNIL || type === lua.LUA_TNONE) return 0;
  return checkFlagList(L, idx, allowed, sockConstant);
}

// --- plain methods -----------------------------------------------------------

export function commonMethods(cls: SocketClass): Record<string, LuaJsFunction> {
  return {
    close(L) {
      cls.check(L, 1).handle.close();
      return 0;
    },
    cancel(L) {
      const obj = cls.check(L, 1);
      obj.openFd(L);
      obj.handle.cancel();
      return 0;
    },
    release(L) {
      const obj = cls.check(L, 1);
      obj.openFd(L);
      pushFileDescriptor(L, obj.handle.release());
      return 1;
    },
  };
}

export const isOpenProperty = (L: LuaState, obj: SocketObject): number => {
  lua.lua_pushboolean(L, obj.handle.isOpen);
  return 1;
};

/** open(): a new socket of the class's type in `family`. */
export function openSocket(L: LuaState, obj: SocketObject, family: number): void {
  if (obj.handle.isOpen) raiseAlreadyOpen(L);
  const fd = checkResult(L, loadAddon().sockOpen(family, obj.cls.type));
  obj.family = family;
  obj.adopt(L, fd);
  closeHandleWithObject(L, 1, obj);
}

/** assign(fd): the file_descriptor at fdIdx becomes the object's descriptor. */
export function assignDescriptor(L: LuaState, obj: SocketObject, fdIdx: number, family: number): void {
  const handle = checkFileDescriptor(L, fdIdx);
  if (obj.handle.isOpen) raiseAlreadyOpen(L);
  const fd = handle.release();
  obj.family = family;
  obj.adopt(L, fd);
  closeHandleWithObject(L, 1, obj);
}

export function bindSocket(L: LuaState, obj: SocketObject, address: Uint8Array): void {
  const fd = obj.openFd(L);
  checkResult(L, servedSocketCall('bind', fd, address) ?? loadAddon().sockBind(fd, address));
}

export function listenMethod(cls: SocketClass): LuaJsFunction {
  return (L) => {
    lua.lua_settop(L, 2);
    const obj = cls.check(L, 1);
    let backlog = sockConstant('SOMAXCONN');
    if (!lua.lua_isnil(L, 2)) {
      if (lua.lua_type(L, 2) !== lua.LUA_TNUMBER) return einval(L, 2);
      backlog = Math.trunc(lua.lua_tonumber(L, 2)) | 0;
    }
    checkResult(L, loadAddon().sockListen(obj.openFd(L), backlog));
    return 0;
  };
}

const SHUTDOWN: Readonly<Record<string, string>> = { receive: 'SHUT_RD', send: 'SHUT_WR', both: 'SHUT_RDWR' };

export function shutdownMethod(cls: SocketClass): LuaJsFunction {
  return (L) => {
    const obj = cls.check(L, 1);
    const what = indexKey(L);
    if (!Object.hasOwn(SHUTDOWN, what)) return einval(L, 2);
    checkResult(L, loadAddon().sockShutdown(obj.openFd(L), sockConstant(SHUTDOWN[what])));
    return 0;
  };
}

export function ioControlMethod(cls: SocketClass): LuaJsFunction {
  return (L) => {
    const obj = cls.check(L, 1);
    lauxlib.luaL_checktype(L, 2, lua.LUA_TSTRING);
    if (toText(L, 2) !== 'bytes_readable') return einval(L, 2);
    lua.lua_pushnumber(L, checkResult(L, loadAddon().sockBytesReadable(obj.openFd(L))));
    return 1;
  };
}

export function disconnect(L: LuaState, obj: SocketObject, unspecified: Uint8Array): void {
  checkResult(L, loadAddon().sockConnect(obj.openFd(L), unspecified));
}

// --- suspending operations -------------------------------------------------------

/** Runs `attempt` in `lane` and suspends the fiber until it completes. */
export function suspendOn(L: LuaState, obj: SocketObject, lane: Lane, attempt: () => number,
  deliver: (L: LuaState, result: number) => number): number {
  return suspendOnIo(L, (done) => obj.handle.submit(lane, attempt, done), deliver);
}

/** What a zero-byte receive means: end of file always (seqpacket), only for a non-empty buffer (stream), never (datagram). */
export type EofRule = 'always' | 'nonempty' | 'never';

export function isEof(rule: EofRule, count: number, bufferLength: number): boolean {
  if (count !== 0) return false;
  return rule === 'always' || (rule === 'nonempty' && bufferLength > 0);
}

/** Pushes the sender's address of a receive_from (returns how many values). */
export type AddressPusher = (L: LuaState, address: Uint8Array) => number;

export interface ReceiveSpec {
  readonly eof: EofRule;
  /** Index of the flags argument, or 0 when the method takes none. */
  readonly flagsArg: number;
  readonly flags: Readonly<Record<string, string>>;
  /** receive_from: pushes the sender's address after the count. */
  readonly from?: AddressPusher;
}

/** read_some / receive / receive_from. */
export function receiveMethod(cls: SocketClass, spec: ReceiveSpec): LuaJsFunction {
  return luaWrittenInEmilua((L: LuaState) => {
    checkSuspensionAllowed(L, false);
    const obj = cls.check(L, 1);
    const bytes = checkByteSpan(L, 2).bytes;
    const flags = spec.flagsArg === 0 ? 0 : checkMessageFlags(L, spec.flagsArg, spec.flags);
    const fd = obj.fd;
    // A stream socket has nothing to do for an empty buffer.
    const nothing = bytes.length === 0 && spec.eof === 'nonempty';
    let sender: Uint8Array = new Uint8Array(0);
    const from = spec.from;
    const attempt = from === undefined
      ? () => (nothing ? 0 : loadAddon().sockRecv(fd, bytes, flags))
      : () => {
        const ret = loadAddon().sockRecvFrom(fd, bytes, flags);
        if (typeof ret === 'number') return ret;
        sender = ret[1];
        return ret[0];
      };
    return suspendOn(L, obj, 'read', attempt, (L, result) => {
      if (result >= 0 && isEof(spec.eof, result, bytes.length)) return raiseEofError(L);
      if (result < 0) return raiseIoError(L, -result);
      lua.lua_pushnumber(L, result);
      return from === undefined ? 1 : 1 + from(L, sender);
    });
  });
}

export interface SendSpec {
  readonly flagsArg: number;
  readonly flags: Readonly<Record<string, string>>;
  /** send_to: reads the destination address starting at argument 3. */
  readonly to?: (L: LuaState) => Uint8Array;
  /** A stream socket: an empty buffer completes at once with 0. */
  readonly stream: boolean;
}

/** write_some / send / send_to. */
export function sendMethod(cls: SocketClass, spec: SendSpec): LuaJsFunction {
  return luaWrittenInEmilua((L: LuaState) => {
    checkSuspensionAllowed(L, false);
    const obj = cls.check(L, 1);
    const bytes = checkByteSpan(L, 2).bytes;
    const to = spec.to === undefined ? null : spec.to(L);
    const flags = spec.flagsArg === 0 ? 0 : checkMessageFlags(L, spec.flagsArg, spec.flags);
    const fd = obj.fd;
    const nothing = spec.stream && bytes.length === 0;
    const attempt = to === null
      ? () => (nothing ? 0 : loadAddon().sockSend(fd, bytes, flags))
      : () => loadAddon().sockSendTo(fd, bytes, to, flags);
    return suspendOn(L, obj, 'write', attempt, deliverCount);
  });
}

/** accept(): the new connection as an object of `socketCls`. */
export function acceptMethod(cls: SocketClass, socketCls: SocketClass): LuaJsFunction {
  return luaWrittenInEmilua((L: LuaState) => {
    checkSuspensionAllowed(L, false);
    const obj = cls.check(L, 1);
    const fd = obj.fd;
    let peer: SocketObject | null = null;
    const attempt = (): number => {
      // Only accept what is there: if another process sharing this socket
      // switched it back to blocking mode, accept4 must not wait for the next
      // connection.
      const ready = loadAddon().sockPollNow(fd, READABLE);
      if (ready < 0) return ready;
      if ((ready & (READABLE | HANGUP)) === 0) return -EAGAIN;
      const nb = obj.ensureNonBlocking();
      if (nb < 0) return nb;
      const ret = loadAddon().sockAccept(fd);
      // Asio retries a connection aborted before it was taken, unless asked
      // to report it: wait for the next one.
      if (ret === -ECONNABORTED && !obj.enableConnectionAborted) return -EAGAIN;
      if (ret < 0) return ret;
      peer = new SocketObject(socketCls, obj.family);
      peer.adopt(L, ret);
      return 0;
    };
    return suspendOn(L, obj, 'read', attempt, (L, result) => {
      if (result < 0 || peer === null) return raiseIoError(L, -result);
      socketCls.push(L, peer);
      return 1;
    });
  });
}

const WAIT_TYPES: Readonly<Record<string, [Lane, number]>> = {
  read: ['read', READABLE], write: ['write', WRITABLE], error: ['error', PRIORITY],
};

/** wait("read"|"write"|"error"): readiness, without transferring anything. */
export function waitMethod(cls: SocketClass): LuaJsFunction {
  return luaWrittenInEmilua((L: LuaState) => {
    checkSuspensionAllowed(L, false);
    const obj = cls.check(L, 1);
    lauxlib.luaL_checktype(L, 2, lua.LUA_TSTRING);
    const type = toText(L, 2);
    if (!Object.hasOwn(WAIT_TYPES, type)) return einval(L, 2);
    const [lane, bits] = WAIT_TYPES[type];
    const fd = obj.fd;
    const attempt = (): number => {
      const ready = loadAddon().sockPollNow(fd, bits);
      if (ready < 0) return ready;
      return (ready & (bits | HANGUP)) !== 0 ? 0 : -EAGAIN;
    };
    return suspendOn(L, obj, lane, attempt, (L, result) => (result < 0 ? raiseIoError(L, -result) : 0));
  });
}

/** connect() returned EAGAIN (a full UNIX listener): an error, not a wait. */
const CONNECT_WOULD_BLOCK = -0x7fff0000;

/**
 * Connects `obj` (opened in `family` first if it is closed, as Asio does) to
 * `address`; suspends until the connection is made or fails.
 */
export function suspendConnect(L: LuaState, obj: SocketObject, family: number, address: Uint8Array,
  deliver: (L: LuaState, result: number) => number = (L, result) => (result < 0 ? raiseIoError(L, -result) : 0)): number {
  checkSuspensionAllowed(L, false);
  if (!obj.handle.isOpen) {
    const fd = checkResult(L, loadAddon().sockOpen(family, obj.cls.type));
    obj.family = family;
    obj.adopt(L, fd);
    if (obj.cls.to(L, 1) === obj) closeHandleWithObject(L, 1, obj);
  }
  const fd = obj.fd;
  let started = false;
  const attempt = (): number => {
    if (!started) {
      started = true;
      const nb = obj.ensureNonBlocking();
      if (nb < 0) return nb;
      const ret = servedSocketCall('connect', fd, address) ?? loadAddon().sockConnect(fd, address);
      if (ret === -EAGAIN) return CONNECT_WOULD_BLOCK;
      if (ret !== -EINPROGRESS) return ret;
    }
    const ready = loadAddon().sockPollNow(fd, WRITABLE);
    if (ready < 0) return ready;
    if ((ready & (WRITABLE | HANGUP)) === 0) return -EAGAIN;
    return loadAddon().sockConnectResult(fd);
  };
  return suspendOn(L, obj, 'write', attempt, (L, result) => deliver(L, result === CONNECT_WOULD_BLOCK ? -EAGAIN : result));
}

/** EBADF for an object whose descriptor is gone; used by property getters. */
export function raiseClosed(L: LuaState): never {
  return raiseSystemError(L, EBADF);
}
