// require 'libc_service': new() -> master, slave (Emilua's libc_service;
// docs/sandboxing.md). The slave is a socketpair end plus filter chunks,
// consumed by system.spawn's extra_fds; the master answers the requests of
// the preload library (native/preload/) over the other end.
//
// Threat model: the slave process is foreign and possibly hostile. Every
// read is MSG_DONTWAIT behind the runtime's epoll, bounded in size and
// descriptors (receive guard of runtime/actor/ipc/), decoded with bounds
// (wire.ts); a malformed request closes its descriptors and raises a clear
// error from receive(), and the next receive() serves the next request.
// Replies never wait: a slave that stops reading gets its connection
// dropped.

import { lua, lauxlib, luaString, setFunctions, pushUserdata, toUserdata, indexKey, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { raiseGenericError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { checkSuspensionAllowed } from '../../fiber/suspension';
import { suspendOnIo } from '../../io/fiber-io';
import { ReadinessWatch, READABLE } from '../../io/readiness';
import { pushPathBytes } from '../../io/path-object';
import { pushFileDescriptor, toFileDescriptor } from '../../io/descriptor-object';
import { sockConstant } from '../../io/socket-address';
import { loadAddon } from '../../native/load-addon';
import { adoptVmResource, closeWithUserdata, disownVmResource, type VmResource } from '../../io/vm-resources';
import * as wire from '../../io/libc-service/wire';
import { Slave, SLAVE_KIND } from '../../io/libc-service/slave';
import { toFileTimeTicks, unixNsFromTicks } from '../filesystem/clock';
import { pushAddress, toAddress } from '../ip/address';
import { preloadLibraryPath } from '../../native/preload-path';

const MASTER = 'libc_service.master';
const NS = 1_000_000_000n;
const MASTER_MT = luaString('emilua-ts libc_service.master');
const SLAVE_MT = luaString('emilua-ts libc_service.slave');

class Master implements VmResource {
  request: wire.Request | null = null;
  fds: number[] = [];
  answered = true;
  watch: ReadinessWatch | null = null;
  /** One buffer for every request (a request is copied out of it when decoded). */
  readonly buffer = new Uint8Array(wire.MAX_REQUEST);
  constructor(public fd: number) {}
  dropFds(): void {
    for (const fd of this.fds) loadAddon().fdClose(fd);
    this.fds = [];
  }
  /** Drops the connection (a slave that misbehaved, or the object's end). */
  closeForVm(): void {
    this.watch?.dispose();
    this.watch = null;
    this.dropFds();
    if (this.fd !== -1) loadAddon().fdClose(this.fd);
    this.fd = -1;
  }
}

export { toSlave, type Slave } from '../../io/libc-service/slave';

function checkMaster(L: LuaState): Master {
  const m = toUserdata<Master>(L, 1, MASTER);
  if (m === undefined) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
  return m;
}

const receive: LuaJsFunction = (L) => {
  checkSuspensionAllowed(L, false);
  const m = checkMaster(L);
  if (m.fd === -1) return raiseGenericError(L, errnoCodes.EBADF);
  m.dropFds();
  let failure = '';
  const buffer = m.buffer;
  const attempt = (): number => {
    const got = loadAddon().sockRecvFds(m.fd, buffer, 1, 0, true);
    if (typeof got === 'number') return got;
    const [count, status, , , ...fds] = got;
    if (status !== 0) {
      failure = status === 1 ? 'request with too many descriptors' : `request longer than ${wire.MAX_REQUEST} bytes`;
      return 1;
    }
    if (count === 0) {
      failure = 'the slave closed its end';
      return 1;
    }
    const decoded = wire.decodeRequest(buffer.subarray(0, count), fds.length);
    if (!decoded.ok) {
      for (const fd of fds) loadAddon().fdClose(fd);
      failure = decoded.reason;
      return 1;
    }
    m.request = decoded.request;
    m.fds = fds;
    m.answered = false;
    return 0;
  };
  if (m.watch !== null) return raiseGenericError(L, errnoCodes.EBUSY, { detail: 'libc_service.master: receive() already waiting' });
  return suspendOnIo(L, (done) => {
    const stop = (): void => {
      m.watch?.dispose();
      m.watch = null;
    };
    const step = (): void => {
      if (m.fd === -1) {
        stop();
        done(-errnoCodes.EBADF);
        return;
      }
      const r = attempt();
      if (r === -errnoCodes.EAGAIN) {
        m.watch ??= new ReadinessWatch(m.fd, step);
        m.watch.arm(READABLE);
        return;
      }
      stop();
      done(r);
    };
    step();
    return { cancel: () => { stop(); return true; } };
  }, (L, r) => {
    if (r < 0) return raiseGenericError(L, -r);
    if (failure !== '') return raiseGenericError(L, errnoCodes.EPROTO, { detail: `libc_service: ${failure}; request dropped` });
    return 0;
  });
};

function reply(L: LuaState, m: Master, bytes: Uint8Array, fds: number[]): number {
  if (m.request === null || m.answered) return raiseGenericError(L, errnoCodes.EINVAL, { detail: 'no request to answer' });
  m.answered = true;
  const sent = loadAddon().sockSendFds(m.fd, bytes, fds, null, 0);
  if (sent < 0) {
    // A slave that stopped reading (EAGAIN) or went away: dropped.
    disownVmResource(m);
    m.closeForVm();
    return raiseGenericError(L, -sent, { detail: 'libc_service: the slave is not reading; dropped' });
  }
  return 0;
}

function errnoArg(L: LuaState, idx: number): number {
  if (lua.lua_isnoneornil(L, idx)) return 0;
  if (lua.lua_type(L, idx) === lua.LUA_TNUMBER) return lua.lua_tointeger(L, idx);
  if (lua.lua_type(L, idx) === lua.LUA_TTABLE || lua.lua_type(L, idx) === lua.LUA_TUSERDATA) {
    lua.lua_getfield(L, idx, luaString('code'));
    const code = lua.lua_tointeger(L, -1);
    lua.lua_pop(L, 1);
    return code;
  }
  return raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
}

function encodeResult(L: LuaState, m: Master, errIdx: number): Uint8Array {
  const fn = m.request?.function;
  if (fn === 'stat' || fn === 'lstat') {
    if (lua.lua_type(L, 2) === lua.LUA_TNUMBER) return wire.encodeReply(wire.REPLY_RESULT, lua.lua_tointeger(L, 2), errnoArg(L, errIdx));
    if (lua.lua_type(L, 2) !== lua.LUA_TTABLE) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 2 });
    const fields = new Map<string, bigint>();
    const nsec = new Map<string, bigint>();
    for (const name of wire.STAT_FIELDS) {
      const type = lua.lua_getfield(L, 2, luaString(name));
      if (type === lua.LUA_TNUMBER) {
        fields.set(name, BigInt(lua.lua_tointeger(L, -1)));
      } else if (type !== lua.LUA_TNIL) {
        // atime, mtime, ctime: filesystem.clock.time_point (Emilua's shape).
        const ticks = name.endsWith('time') ? toFileTimeTicks(L, -1) : undefined;
        if (ticks === undefined) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 2, detail: `stat field ${name}` });
        const unixNs = unixNsFromTicks(ticks);
        const sec = unixNs >= 0n ? unixNs / NS : -((-unixNs + NS - 1n) / NS);
        fields.set(name, sec);
        nsec.set(name, unixNs - sec * NS);
      }
      lua.lua_pop(L, 1);
    }
    lua.lua_getfield(L, 2, luaString('type'));
    const types: Record<string, number> = { regular: 0o100000, directory: 0o40000, symlink: 0o120000, block: 0o60000, character: 0o20000, fifo: 0o10000, socket: 0o140000 };
    const t = lua.lua_isstring(L, -1) ? lua.lua_tojsstring(L, -1) : '';
    lua.lua_pop(L, 1);
    return wire.encodeReply(wire.REPLY_RESULT, 0, 0, wire.encodeStat(fields, types[t] ?? 0, nsec));
  }
  if (fn === 'getaddrinfo') return encodeAddrinfoResult(L, errIdx);
  if (lua.lua_type(L, 2) !== lua.LUA_TNUMBER) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 2 });
  return wire.encodeReply(wire.REPLY_RESULT, lua.lua_tointeger(L, 2), errnoArg(L, errIdx));
}

/** getaddrinfo's reply: an error name (+ errno after "system"), nil, or {ip.address, port|nil}. */
function encodeAddrinfoResult(L: LuaState, errIdx: number): Uint8Array {
  const type = lua.lua_type(L, 2);
  if (type === lua.LUA_TNIL || type === lua.LUA_TNONE) return wire.encodeReply(wire.REPLY_RESULT, 0, 0, wire.encodeAddrinfo(1, 0));
  if (type === lua.LUA_TSTRING) {
    const name = lua.lua_tojsstring(L, 2);
    if (!Object.hasOwn(wire.EAI_CODES, name)) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 2 });
    const errno = name === 'system' ? errnoArg(L, errIdx) : 0;
    return wire.encodeReply(wire.REPLY_RESULT, 0, errno, wire.encodeAddrinfo(2, wire.EAI_CODES[name]));
  }
  if (type !== lua.LUA_TTABLE) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 2 });
  lua.lua_rawgeti(L, 2, 1);
  const address = toAddress(L, -1);
  lua.lua_pop(L, 1);
  if (address === undefined) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 2 });
  let port: number | undefined;
  if (lua.lua_rawgeti(L, 2, 2) !== lua.LUA_TNIL) {
    const value = lua.lua_type(L, -1) === lua.LUA_TNUMBER && Number.isInteger(lua.lua_tonumber(L, -1)) ? lua.lua_tonumber(L, -1) : -1;
    if (value < 0 || value > 65535) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 2 });
    port = value;
  }
  lua.lua_pop(L, 1);
  return wire.encodeReply(wire.REPLY_RESULT, 0, 0, wire.encodeAddrinfo(0, 0, address, port));
}

const send: LuaJsFunction = (L) => {
  const m = checkMaster(L);
  return reply(L, m, encodeResult(L, m, 3), []);
};

const sendWithFds: LuaJsFunction = (L) => {
  const m = checkMaster(L);
  if (lua.lua_type(L, 3) !== lua.LUA_TTABLE) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 3 });
  const fds: number[] = [];
  const n = lua.lua_rawlen(L, 3);
  if (n > wire.MAX_REPLY_FDS) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 3 });
  for (let i = 1; i <= n; i++) {
    lua.lua_rawgeti(L, 3, i);
    const handle = toFileDescriptor(L, -1);
    lua.lua_pop(L, 1);
    if (handle === undefined) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 3 });
    if (handle.fd === -1) return raiseGenericError(L, errnoCodes.EBUSY, { arg: 3 });
    fds.push(handle.fd);
  }
  return reply(L, m, encodeResult(L, m, 4), fds);
};

const USE_SLAVE_REPLY = wire.encodeReply(wire.REPLY_USE_SLAVE, 0, 0);

const useSlaveCredentials: LuaJsFunction = (L) => {
  const m = checkMaster(L);
  return reply(L, m, USE_SLAVE_REPLY, []);
};

const descriptors: LuaJsFunction = (L) => {
  const m = checkMaster(L);
  const fds = m.fds;
  m.fds = [];
  for (const fd of fds) pushFileDescriptor(L, fd);
  return fds.length;
};

const ACCESS_BITS: ReadonlyArray<[string, number]> = [['r', 4], ['w', 2], ['x', 1]];

const argumentsFn: LuaJsFunction = (L) => {
  const m = checkMaster(L);
  const r = m.request;
  if (r === null) return 0;
  const [i0, i1, i2] = r.ints;
  switch (r.function) {
    case 'open': case 'openat': {
      pushPathBytes(L, r.str0);
      lua.lua_newtable(L);
      wire.openFlagNames(i0, i2).forEach((name, i) => {
        lua.lua_pushstring(L, luaString(name));
        lua.lua_rawseti(L, -2, i + 1);
      });
      if (!wire.openHasMode(i0)) return 2;
      lua.lua_pushinteger(L, i1);
      return 3;
    }
    case 'rename':
      pushPathBytes(L, r.str0);
      pushPathBytes(L, r.str1);
      return 2;
    case 'access': case 'eaccess':
      pushPathBytes(L, r.str0);
      if (i0 === 0) {
        lua.lua_pushstring(L, luaString('f'));
      } else {
        lua.lua_newtable(L);
        let n = 0;
        for (const [name, bit] of ACCESS_BITS) {
          if (i0 & bit) {
            lua.lua_pushstring(L, luaString(name));
            lua.lua_rawseti(L, -2, ++n);
          }
        }
      }
      return 2;
    case 'mkdir':
      pushPathBytes(L, r.str0);
      lua.lua_pushinteger(L, i0);
      return 2;
    case 'unlink': case 'rmdir': case 'stat': case 'lstat': case 'connect_unix': case 'bind_unix':
      pushPathBytes(L, r.str0);
      return 1;
    case 'connect_inet': case 'bind_inet': case 'connect_inet6': case 'bind_inet6':
      pushAddress(L, { bytes: r.str0, scopeId: r.str0.length === 16 ? i1 >>> 0 : 0 });
      lua.lua_pushinteger(L, i0);
      return 2;
    case 'getaddrinfo':
      if (i1 & 1) lua.lua_pushstring(L, r.str0); else lua.lua_pushnil(L);
      if (i1 & 2) lua.lua_pushstring(L, r.str1); else lua.lua_pushnil(L);
      if (i0 === 1 || i0 === 2) lua.lua_pushstring(L, luaString(i0 === 1 ? 'tcp' : 'udp')); else lua.lua_pushnil(L);
      return 3;
  }
};

const masterIndex: LuaJsFunction = (L) => {
  const m = checkMaster(L);
  const key = indexKey(L);
  if (key === 'function_') {
    if (m.request === null) return 0;
    lua.lua_pushstring(L, luaString(m.request.function));
    return 1;
  }
  const method = METHODS[key];
  if (method === undefined) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 2 });
  lua.lua_pushcfunction(L, method);
  return 1;
};

const METHODS: Record<string, LuaJsFunction> = {
  receive, send, send_with_fds: sendWithFds, use_slave_credentials: useSlaveCredentials, arguments: argumentsFn, descriptors,
};

const slaveNewindex: LuaJsFunction = (L) => {
  const s = toUserdata<Slave>(L, 1, SLAVE_KIND);
  if (s === undefined) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
  if (s.fd === -1) return raiseGenericError(L, errnoCodes.EBUSY, { detail: 'libc_service.slave already consumed' });
  const key = indexKey(L);
  if (!(wire.FUNCTIONS as readonly string[]).includes(key) || key === '') return raiseGenericError(L, errnoCodes.EINVAL, { arg: 2 });
  if (lua.lua_type(L, 3) !== lua.LUA_TSTRING) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 3 });
  s.filters.set(key as wire.FunctionName, lua.lua_tolstring(L, 3) as Uint8Array);
  return 0;
};

const newService: LuaJsFunction = (L) => {
  const pair = loadAddon().sockPair(sockConstant('SOCK_SEQPACKET'));
  if (typeof pair === 'number') return raiseGenericError(L, -pair);
  const master = new Master(pair[0]);
  pushUserdata(L, MASTER, master, MASTER_MT, installMetatables);
  adoptVmResource(L, master);
  closeWithUserdata(L, -1, master);
  const slave = new Slave(pair[1], master);
  pushUserdata(L, SLAVE_KIND, slave, SLAVE_MT, installMetatables);
  adoptVmResource(L, slave);
  closeWithUserdata(L, -1, slave);
  return 2;
};

function installMetatables(L: LuaState): void {
  lauxlib.luaL_newmetatable(L, MASTER_MT);
  setFunctions(L, -1, { __index: masterIndex });
  lua.lua_pop(L, 1);
  lauxlib.luaL_newmetatable(L, SLAVE_MT);
  setFunctions(L, -1, { __newindex: slaveNewindex });
  lua.lua_pop(L, 1);
}

export function openLibcServiceModule(L: LuaState): void {
  lua.lua_newtable(L);
  setFunctions(L, -1, { new: newService });
  // nil when the library is not built (npm run build:native builds it).
  const preload = preloadLibraryPath();
  if (preload !== undefined) {
    lua.lua_pushstring(L, luaString(preload));
    lua.lua_setfield(L, -2, luaString('preload_library_path'));
  }
}
