// set_option/get_option of socket objects: each class lists the options it
// has; an option it does not have (or a getter-only one given to set_option)
// raises ENOTSUP, as Emilua does. Values are read as Emilua reads them:
// booleans and numbers checked with luaL_checktype.

import { endianness } from 'node:os';
import { lua, lauxlib, luaString, toText, LuaState, LuaJsFunction } from '../lua/lua-api';
import { raiseGenericError } from '../errors/error-object';
import { errnoCodes } from '../errors/categories';
import { loadAddon } from '../native/load-addon';
import { sockConstant } from './socket-address';
import { checkBoolean, checkInteger, einval } from '../errors/args';
import { checkResult } from '../errors/errno';
import type { SocketClass, SocketObject } from './socket-object';

const LITTLE = endianness() === 'LE';

export interface OptionSpec {
  /** Pushes the value(s); returns how many. */
  readonly get?: (L: LuaState, obj: SocketObject) => number;
  /** Reads the value from argument 3 (and 4) and applies it. */
  readonly set?: (L: LuaState, obj: SocketObject) => void;
}

export type OptionTable = Record<string, OptionSpec>;

export function int32(L: LuaState, value: number, arg: number): number {
  return value >= -0x80000000 && value <= 0x7fffffff ? value : einval(L, arg);
}

export function intOption(level: string, name: string): OptionSpec {
  return {
    get(L, obj) {
      lua.lua_pushnumber(L, checkResult(L, loadAddon().sockGetOption(obj.openFd(L), sockConstant(level), sockConstant(name))));
      return 1;
    },
    set(L, obj) {
      const value = int32(L, checkInteger(L, 3), 3);
      checkResult(L, loadAddon().sockSetOption(obj.openFd(L), sockConstant(level), sockConstant(name), value));
    },
  };
}

export function boolOption(level: string, name: string): OptionSpec {
  return {
    get(L, obj) {
      const value = checkResult(L, loadAddon().sockGetOption(obj.openFd(L), sockConstant(level), sockConstant(name)));
      lua.lua_pushboolean(L, value !== 0);
      return 1;
    },
    set(L, obj) {
      const on = checkBoolean(L, 3);
      checkResult(L, loadAddon().sockSetOption(obj.openFd(L), sockConstant(level), sockConstant(name), on ? 1 : 0));
    },
  };
}

/** An acceptor's enable_connection_aborted: a flag of the object, not a socket option. */
export function connectionAbortedOption(): OptionSpec {
  return {
    get(L, obj) {
      obj.openFd(L);
      lua.lua_pushboolean(L, obj.enableConnectionAborted);
      return 1;
    },
    set(L, obj) {
      const on = checkBoolean(L, 3);
      obj.openFd(L);
      obj.enableConnectionAborted = on;
    },
  };
}

function optionBytes(L: LuaState, obj: SocketObject, level: string, name: string, size: number): Buffer {
  const ret = loadAddon().sockGetOptionBytes(obj.openFd(L), sockConstant(level), sockConstant(name), size);
  if (typeof ret === 'number') checkResult(L, ret);
  return ret as Buffer;
}

/** remote_credentials (SO_PEERCRED): {uid, groups = {gid}, pid}; Linux gives no supplementary groups. */
export const remoteCredentialsOption: OptionSpec = {
  get(L, obj) {
    const raw = optionBytes(L, obj, 'SOL_SOCKET', 'SO_PEERCRED', 12);
    if (raw.length < 12) return raiseGenericError(L, errnoCodes.EINVAL);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    lua.lua_createtable(L, 0, 3);
    lua.lua_pushnumber(L, view.getUint32(4, LITTLE));
    lua.lua_setfield(L, -2, luaString('uid'));
    lua.lua_createtable(L, 1, 0);
    lua.lua_pushnumber(L, view.getUint32(8, LITTLE));
    lua.lua_rawseti(L, -2, 1);
    lua.lua_setfield(L, -2, luaString('groups'));
    lua.lua_pushnumber(L, view.getInt32(0, LITTLE));
    lua.lua_setfield(L, -2, luaString('pid'));
    return 1;
  },
};

/** remote_security_label (SO_PEERSEC): the peer's LSM label, as a string. */
export const securityLabelOption: OptionSpec = {
  get(L, obj) {
    const raw = optionBytes(L, obj, 'SOL_SOCKET', 'SO_PEERSEC', 4096);
    let end = raw.length;
    while (end > 0 && raw[end - 1] === 0) end--;
    lua.lua_pushstring(L, Uint8Array.from(raw.subarray(0, end)));
    return 1;
  },
};

/** An option that exists only on FreeBSD (remote_security_labels): ENOTSUP here. */
export const freebsdOnlyOption: OptionSpec = {
  get(L) {
    return raiseGenericError(L, errnoCodes.ENOTSUP, { reason: 'FreeBSD only (MAC labels)' });
  },
  set(L) {
    return raiseGenericError(L, errnoCodes.ENOTSUP, { reason: 'FreeBSD only (MAC labels)' });
  },
};

/** set_option(opt, value...) and get_option(opt[, ...]) for a class's option table. */
export function defineOptions(cls: SocketClass, table: OptionTable): Record<string, LuaJsFunction> {
  const lookup = (L: LuaState): OptionSpec | undefined => {
    lauxlib.luaL_checktype(L, 2, lua.LUA_TSTRING);
    const name = toText(L, 2);
    return Object.hasOwn(table, name) ? table[name] : undefined;
  };
  return {
    set_option(L) {
      lua.lua_settop(L, 4);
      const obj = cls.check(L, 1);
      const spec = lookup(L);
      if (spec?.set === undefined) return raiseGenericError(L, errnoCodes.ENOTSUP);
      spec.set(L, obj);
      return 0;
    },
    get_option(L) {
      lua.lua_settop(L, 3);
      const obj = cls.check(L, 1);
      const spec = lookup(L);
      if (spec?.get === undefined) return raiseGenericError(L, errnoCodes.ENOTSUP);
      return spec.get(L, obj);
    },
  };
}
