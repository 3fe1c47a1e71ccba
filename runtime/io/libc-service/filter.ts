// libc_service filters in the host of a subprocess actor. The preload
// library runs a slave's chunks in LuaJIT with init.script's C API; the
// host is Node, so a chunk runs here in a fengari state of its own (one per
// function, made on first use), with the standard libraries (no io/os),
// `bit`, `print`, `errexit = false` and a small C API: C.dup, C.dup2,
// C.close (what a chunk needs to put a descriptor the master sent in
// place). Any other C.<name> raises an error saying it is not available
// here (docs/compat.md). The chunk gets (real_fn, args...) in the shapes of
// Emilua's libc_service.slave page and returns result[, errno] (stat: a
// table; getaddrinfo: an error name, nil, or nil + address bytes + port).
//
// Threat model: the chunk is the spawner's code (trusted as much as
// init.script); it runs in the actor's process, which holds nothing more
// than the actor does. A chunk that fails to load or raises makes the call
// fail with EIO and says why on stderr, as in the preload library.

import { lua, lauxlib, lualib, luaString, toText, setFunctions, type LuaState, type LuaJsFunction } from '../../lua/lua-api';
import { openBitLibrary } from '../../lua/dialect/bit-library';
import { print, writeAllSync } from '../../lua/print';
import { loadAddon } from '../../native/load-addon';
import { errnoCodes } from '../../errors/categories';
import type { Call, StatValues } from './calls';
import type { GaiOutcome, IntOutcome, StatOutcome } from './answers';
import * as wire from './wire';

/** What real_fn does for each shape; the filter code does not know the client. */
export interface RealFunctions {
  int(call: Call): IntOutcome;
  stat(call: Call): StatOutcome;
  gai(call: Call): GaiOutcome;
}

const NS = 1_000_000_000n;
const O_CREAT = 0o100;
const O_TMPFILE = 0o20200000;

function cFunction(op: (L: LuaState) => number): LuaJsFunction {
  return (L) => {
    const r = op(L);
    if (r >= 0) {
      lua.lua_pushinteger(L, r);
      return 1;
    }
    lua.lua_getglobal(L, luaString('errexit'));
    const errexit = lua.lua_toboolean(L, -1);
    lua.lua_pop(L, 1);
    if (errexit) return lauxlib.luaL_error(L, luaString(`C call failed (errno ${-r})`));
    lua.lua_pushinteger(L, -1);
    lua.lua_pushinteger(L, -r);
    return 2;
  };
}

const C_API: Record<string, LuaJsFunction> = {
  dup: cFunction((L) => loadAddon().fdDup(lauxlib.luaL_checkinteger(L, 1))),
  dup2: cFunction((L) => {
    const newfd = lauxlib.luaL_checkinteger(L, 2);
    const r = loadAddon().fdDupOnto(lauxlib.luaL_checkinteger(L, 1), newfd);
    return r < 0 ? r : newfd;
  }),
  close: cFunction((L) => loadAddon().fdClose(lauxlib.luaL_checkinteger(L, 1))),
};

const cIndex: LuaJsFunction = (L) => {
  const name = lua.lua_type(L, 2) === lua.LUA_TSTRING ? toText(L, 2) : '?';
  return lauxlib.luaL_error(L, luaString(`C.${name} is not available in the libc_service filters of subprocess actors (emilua-ts has C.dup, C.dup2, C.close there)`));
};

function newState(name: string, source: Uint8Array): LuaState | null {
  const L = lauxlib.luaL_newstate();
  for (const [lib, open] of [['_G', lualib.luaopen_base], ['table', lualib.luaopen_table], ['string', lualib.luaopen_string],
    ['math', lualib.luaopen_math]] as Array<[string, LuaJsFunction]>) {
    lauxlib.luaL_requiref(L, luaString(lib), open, 1);
    lua.lua_pop(L, 1);
  }
  openBitLibrary(L);
  lua.lua_setglobal(L, luaString('bit'));
  lua.lua_pushcfunction(L, print);
  lua.lua_setglobal(L, luaString('print'));
  for (const unsafe of ['dofile', 'loadfile']) {
    lua.lua_pushnil(L);
    lua.lua_setglobal(L, luaString(unsafe));
  }
  lua.lua_pushboolean(L, false);
  lua.lua_setglobal(L, luaString('errexit'));
  lua.lua_newtable(L);
  setFunctions(L, -1, C_API);
  lua.lua_newtable(L);
  setFunctions(L, -1, { __index: cIndex });
  lua.lua_setmetatable(L, -2);
  lua.lua_setglobal(L, luaString('C'));
  if (lauxlib.luaL_loadbuffer(L, source, source.length, luaString('=libc_service filter')) !== lua.LUA_OK) {
    complain(name, lua.lua_type(L, -1) === lua.LUA_TSTRING ? toText(L, -1) : 'load error');
    return null;
  }
  lua.lua_setfield(L, lua.LUA_REGISTRYINDEX, luaString('emilua_ts_filter'));
  return L;
}

function complain(name: string, message: string): void {
  writeAllSync(2, Buffer.from(`emilua-ts libc_service: ${name} filter: ${message}\n`));
}

function bytesArg(L: LuaState, idx: number): Uint8Array {
  return Uint8Array.from(lauxlib.luaL_checklstring(L, idx) as Uint8Array);
}

function optBytes(L: LuaState, idx: number): Uint8Array | null {
  return lua.lua_isnoneornil(L, idx) ? null : bytesArg(L, idx);
}

/** An address given as an integer array (plus the scope id for IPv6, first from the array's 17th item). */
function addressArg(L: LuaState, idx: number, size: number): Uint8Array {
  lauxlib.luaL_checktype(L, idx, lua.LUA_TTABLE);
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    lua.lua_rawgeti(L, idx, i + 1);
    const v = lua.lua_tointeger(L, -1);
    lua.lua_pop(L, 1);
    if (v < 0 || v > 255) lauxlib.luaL_argerror(L, idx, luaString('address byte out of range'));
    out[i] = v;
  }
  return out;
}

/** The call real_fn is asked for, from its Lua arguments (the filter may have changed them). */
function callFromLua(L: LuaState, name: wire.FunctionName): Call {
  switch (name) {
    case 'open': return { name, path: bytesArg(L, 1), flags: lauxlib.luaL_checkinteger(L, 2), mode: lauxlib.luaL_optinteger(L, 3, 0) };
    case 'unlink': case 'rmdir': case 'stat': case 'lstat': return { name, path: bytesArg(L, 1) };
    case 'rename': return { name, path: bytesArg(L, 1), path2: bytesArg(L, 2) };
    case 'mkdir': return { name, path: bytesArg(L, 1), mode: lauxlib.luaL_checkinteger(L, 2) };
    case 'connect_unix': case 'bind_unix': return { name, fd: lauxlib.luaL_checkinteger(L, 1), path: bytesArg(L, 2) };
    case 'connect_inet': case 'bind_inet':
      return { name, fd: lauxlib.luaL_checkinteger(L, 1), addr: addressArg(L, 2, 4), port: lauxlib.luaL_checkinteger(L, 3) & 0xffff, scopeId: 0 };
    case 'connect_inet6': case 'bind_inet6':
      return { name, fd: lauxlib.luaL_checkinteger(L, 1), addr: addressArg(L, 2, 16), port: lauxlib.luaL_checkinteger(L, 3) & 0xffff,
        scopeId: lauxlib.luaL_optinteger(L, 4, 0) >>> 0 };
    case 'getaddrinfo': {
      const protocol = lua.lua_isnoneornil(L, 3) ? null : toText(L, 3);
      if (protocol !== null && protocol !== 'tcp' && protocol !== 'udp') lauxlib.luaL_argerror(L, 3, luaString('"tcp", "udp" or nil'));
      return { name, node: optBytes(L, 1), service: optBytes(L, 2), protocol: protocol as 'tcp' | 'udp' | null };
    }
    default: return lauxlib.luaL_error(L, luaString(`real_fn of ${name} is not available in subprocess actors`));
  }
}

function pushBytesArray(L: LuaState, bytes: Uint8Array, extra?: number): void {
  lua.lua_createtable(L, bytes.length + (extra === undefined ? 0 : 1), 0);
  bytes.forEach((b, i) => {
    lua.lua_pushinteger(L, b);
    lua.lua_rawseti(L, -2, i + 1);
  });
  if (extra !== undefined) {
    lua.lua_pushinteger(L, extra);
    lua.lua_rawseti(L, -2, bytes.length + 1);
  }
}

function pushStat(L: LuaState, st: StatValues): void {
  lua.lua_createtable(L, 0, 13);
  const set = (key: string, value: bigint | number): void => {
    lua.lua_pushnumber(L, Number(value));
    lua.lua_setfield(L, -2, luaString(key));
  };
  set('mode', st.mode);
  for (const key of ['dev', 'ino', 'nlink', 'uid', 'gid', 'rdev', 'size', 'blksize', 'blocks'] as const) set(key, st[key]);
  for (const [key, ns] of [['atim', st.atimeNs], ['mtim', st.mtimeNs], ['ctim', st.ctimeNs]] as const) {
    const sec = ns >= 0n ? ns / NS : -((-ns + NS - 1n) / NS);
    lua.lua_createtable(L, 0, 2);
    set('sec', sec);
    set('nsec', ns - sec * NS);
    lua.lua_setfield(L, -2, luaString(key));
  }
}

function bigField(L: LuaState, idx: number, key: string): bigint {
  lua.lua_getfield(L, idx, luaString(key));
  const v = lua.lua_type(L, -1) === lua.LUA_TNUMBER ? BigInt(Math.trunc(lua.lua_tonumber(L, -1))) : 0n;
  lua.lua_pop(L, 1);
  return v;
}

function statFromLua(L: LuaState, idx: number): StatValues {
  const time = (key: string): bigint => {
    if (lua.lua_getfield(L, idx, luaString(key)) !== lua.LUA_TTABLE) {
      lua.lua_pop(L, 1);
      return 0n;
    }
    const t = lua.lua_gettop(L);
    const ns = bigField(L, t, 'sec') * NS + bigField(L, t, 'nsec');
    lua.lua_pop(L, 1);
    return ns;
  };
  return {
    mode: Number(bigField(L, idx, 'mode')), dev: bigField(L, idx, 'dev'), ino: bigField(L, idx, 'ino'),
    nlink: bigField(L, idx, 'nlink'), uid: bigField(L, idx, 'uid'), gid: bigField(L, idx, 'gid'),
    rdev: bigField(L, idx, 'rdev'), size: bigField(L, idx, 'size'), blksize: bigField(L, idx, 'blksize'),
    blocks: bigField(L, idx, 'blocks'), atimeNs: time('atim'), mtimeNs: time('mtim'), ctimeNs: time('ctim'),
  };
}

function pushGai(L: LuaState, g: GaiOutcome): number {
  if (g.kind === 'none') {
    lua.lua_pushnil(L);
    return 1;
  }
  if (g.kind === 'error') {
    const name = Object.keys(wire.EAI_CODES).find((k) => wire.EAI_CODES[k] === g.eai) ?? 'fail';
    lua.lua_pushstring(L, luaString(name));
    if (name !== 'system') return 1;
    lua.lua_pushinteger(L, g.errno);
    return 2;
  }
  lua.lua_pushnil(L);
  pushBytesArray(L, g.bytes, g.bytes.length === 16 ? g.scopeId : undefined);
  if (g.port === undefined) lua.lua_pushnil(L);
  else lua.lua_pushinteger(L, g.port);
  return 3;
}

/** The filter's getaddrinfo results (from `first`) as an outcome. */
function gaiFromLua(L: LuaState, first: number, top: number): GaiOutcome {
  const t = lua.lua_type(L, first);
  if (t === lua.LUA_TSTRING) {
    const name = toText(L, first);
    const eai = Object.hasOwn(wire.EAI_CODES, name) ? wire.EAI_CODES[name] : wire.EAI_CODES.fail;
    return { kind: 'error', eai, errno: first + 1 <= top ? lua.lua_tointeger(L, first + 1) : 0 };
  }
  if (t === lua.LUA_TNUMBER) {
    const eai = lua.lua_tointeger(L, first);
    return { kind: 'error', eai: Object.values(wire.EAI_CODES).includes(eai) ? eai : wire.EAI_CODES.fail, errno: 0 };
  }
  if (first + 1 > top || lua.lua_type(L, first + 1) !== lua.LUA_TTABLE) return { kind: 'none' };
  const n = lua.lua_rawlen(L, first + 1);
  const six = n >= 16;
  const bytes = addressArg(L, first + 1, six ? 16 : 4);
  let scopeId = 0;
  if (six && n >= 17) {
    lua.lua_rawgeti(L, first + 1, 17);
    scopeId = lua.lua_tointeger(L, -1) >>> 0;
    lua.lua_pop(L, 1);
  }
  const port = first + 2 <= top && lua.lua_type(L, first + 2) === lua.LUA_TNUMBER ? lua.lua_tointeger(L, first + 2) & 0xffff : undefined;
  return { kind: 'address', bytes, scopeId, port };
}

/** Pushes the program's arguments in the filter's shape; returns their count. */
function pushArgs(L: LuaState, call: Call): number {
  switch (call.name) {
    case 'open':
      lua.lua_pushstring(L, call.path);
      lua.lua_pushinteger(L, call.flags);
      if ((call.flags & O_CREAT) === 0 && (call.flags & O_TMPFILE) !== O_TMPFILE) return 2;
      lua.lua_pushinteger(L, call.mode);
      return 3;
    case 'rename':
      lua.lua_pushstring(L, call.path);
      lua.lua_pushstring(L, call.path2);
      return 2;
    case 'mkdir':
      lua.lua_pushstring(L, call.path);
      lua.lua_pushinteger(L, call.mode);
      return 2;
    case 'connect_unix': case 'bind_unix':
      lua.lua_pushinteger(L, call.fd);
      lua.lua_pushstring(L, call.path);
      return 2;
    case 'connect_inet': case 'bind_inet': case 'connect_inet6': case 'bind_inet6':
      lua.lua_pushinteger(L, call.fd);
      pushBytesArray(L, call.addr);
      lua.lua_pushinteger(L, call.port);
      if (call.addr.length === 4) return 3;
      lua.lua_pushinteger(L, call.scopeId);
      return 4;
    case 'getaddrinfo':
      for (const v of [call.node, call.service, call.protocol === null ? null : luaString(call.protocol)]) {
        if (v === null) lua.lua_pushnil(L);
        else lua.lua_pushstring(L, v);
      }
      return 3;
    default:
      lua.lua_pushstring(L, call.path);
      return 1;
  }
}

export type FilterOutcome = { shape: 'int'; value: IntOutcome } | { shape: 'stat'; value: StatOutcome } | { shape: 'gai'; value: GaiOutcome };

/** The filters of one slave, each in its own state. */
export class Filters {
  private readonly states = new Map<string, LuaState | null>();
  constructor(private readonly sources: ReadonlyMap<wire.FunctionName, Uint8Array>, private readonly real: RealFunctions) {}

  has(name: wire.FunctionName): boolean {
    return this.sources.has(name) && this.states.get(name) !== null;
  }

  private realFn(name: wire.FunctionName): LuaJsFunction {
    return (L) => {
      const call = callFromLua(L, name);
      if (name === 'stat' || name === 'lstat') {
        const out = this.real.stat(call);
        if (out.ok) {
          pushStat(L, out.stat);
          lua.lua_pushinteger(L, 0);
        } else {
          lua.lua_pushinteger(L, -1);
          lua.lua_pushinteger(L, out.errno);
        }
        return 2;
      }
      if (name === 'getaddrinfo') return pushGai(L, this.real.gai(call));
      const out = this.real.int(call);
      lua.lua_pushinteger(L, out.result);
      lua.lua_pushinteger(L, out.errno);
      for (const fd of out.fds) lua.lua_pushinteger(L, fd);
      return 2 + out.fds.length;
    };
  }

  /** Runs the filter of call.name (has() must be true). */
  run(call: Call): FilterOutcome {
    const name = call.name;
    let L = this.states.get(name);
    if (L === undefined) {
      L = newState(name, this.sources.get(name) as Uint8Array);
      this.states.set(name, L);
    }
    const shape = name === 'stat' || name === 'lstat' ? 'stat' : name === 'getaddrinfo' ? 'gai' : 'int';
    const failed = (): FilterOutcome => shape === 'stat' ? { shape, value: { ok: false, errno: errnoCodes.EIO } }
      : shape === 'gai' ? { shape, value: { kind: 'error', eai: wire.EAI_CODES.system, errno: errnoCodes.EIO } }
      : { shape, value: { result: -1, errno: errnoCodes.EIO, fds: [] } };
    if (L === null) return failed();
    const top = lua.lua_gettop(L);
    lua.lua_getfield(L, lua.LUA_REGISTRYINDEX, luaString('emilua_ts_filter'));
    lua.lua_pushcfunction(L, this.realFn(name));
    const n = pushArgs(L, call);
    try {
      if (lua.lua_pcall(L, n + 1, lua.LUA_MULTRET, 0) !== lua.LUA_OK) {
        complain(name, lua.lua_type(L, -1) === lua.LUA_TSTRING ? toText(L, -1) : 'error');
        return failed();
      }
      const last = lua.lua_gettop(L);
      const first = top + 1;
      if (shape === 'gai') return { shape, value: gaiFromLua(L, first, last) };
      if (shape === 'stat' && lua.lua_type(L, first) === lua.LUA_TTABLE) return { shape, value: { ok: true, stat: statFromLua(L, first) } };
      const result = first <= last ? lua.lua_tointeger(L, first) : -1;
      const errno = first + 1 <= last ? lua.lua_tointeger(L, first + 1) : 0;
      if (shape === 'stat') return { shape, value: { ok: false, errno: errno || errnoCodes.EIO } };
      return { shape, value: { result, errno: result < 0 ? errno : 0, fds: [] } };
    } finally {
      lua.lua_settop(L, top);
    }
  }
}
