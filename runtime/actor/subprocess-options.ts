// spawn_vm's `subprocess` table, read into values (Emilua 0.11's options;
// docs/compat.md lists what differs). Every option is either honoured or
// refused with a clear error: none is accepted and ignored.

import { lua, luaString, toText, LuaState } from '../lua/lua-api';
import { raiseGenericError } from '../errors/error-object';
import { errnoCodes } from '../errors/categories';
import { toFileDescriptor } from '../io/descriptor-object';
import type { StdioChoice } from '../process/stdio';
import { readSourceTree } from './source-tree';
import { HELPER_OWNED_ENV_NAMES } from '../sandbox/init-config';

export interface SubprocessOptions {
  cloneFlags: number;
  pid1: boolean;
  /** [name, value] pairs, in no particular order (nil = empty). */
  environment: Array<[Uint8Array, Uint8Array]>;
  stdio: [StdioChoice, StdioChoice, StdioChoice];
  script: Uint8Array;
  /** The init.arg descriptor, or -1. */
  arg: number;
  /** source_tree_cache flattened (source-tree.ts), when given. */
  sourceTree?: Array<[string, Uint8Array]>;
}

// linux/sched.h
const CLONE_NEWNS = 0x00020000;
const CLONE_NEWUTS = 0x04000000;
const CLONE_NEWIPC = 0x08000000;
const CLONE_NEWUSER = 0x10000000;
const CLONE_NEWPID = 0x20000000;
const CLONE_NEWNET = 0x40000000;

const NAMESPACES: Array<[string, number]> = [
  ['newns_uts', CLONE_NEWUTS], ['newns_ipc', CLONE_NEWIPC], ['newns_pid', CLONE_NEWPID],
  ['newns_user', CLONE_NEWUSER], ['newns_net', CLONE_NEWNET], ['newns_mount', CLONE_NEWNS],
];

function raiseOption(L: LuaState, option: string, errno = errnoCodes.EINVAL, reason?: string): never {
  return raiseGenericError(L, errno, reason === undefined ? { arg: option } : { arg: option, reason });
}

function readStdio(L: LuaState, sub: number, name: string): StdioChoice {
  // No try/finally here: popping while an error unwinds would pop the error value.
  const type = lua.lua_getfield(L, sub, luaString(name));
  let choice: StdioChoice;
  if (type === lua.LUA_TNIL) {
    choice = 'closed';
  } else if (type === lua.LUA_TSTRING && toText(L, -1) === 'share') {
    choice = 'share';
  } else {
    const fd = toFileDescriptor(L, -1);
    if (fd === undefined) return raiseOption(L, `subprocess.${name}`);
    if (fd.fd < 0) return raiseOption(L, `subprocess.${name}`, errnoCodes.EBUSY);
    choice = fd.fd;
  }
  lua.lua_pop(L, 1);
  return choice;
}

function readEnvironment(L: LuaState, sub: number): Array<[Uint8Array, Uint8Array]> {
  const out: Array<[Uint8Array, Uint8Array]> = [];
  const type = lua.lua_getfield(L, sub, luaString('environment'));
  if (type === lua.LUA_TNIL) {
    lua.lua_pop(L, 1);
    return out;
  }
  if (type !== lua.LUA_TTABLE) return raiseOption(L, 'subprocess.environment');
  const t = lua.lua_gettop(L);
  lua.lua_pushnil(L);
  while (lua.lua_next(L, t) !== 0) {
    if (lua.lua_type(L, -2) !== lua.LUA_TSTRING || lua.lua_type(L, -1) !== lua.LUA_TSTRING) {
      return raiseOption(L, 'subprocess.environment');
    }
    const name = lua.lua_tolstring(L, -2) as Uint8Array;
    const value = lua.lua_tolstring(L, -1) as Uint8Array;
    if (name.length === 0 || name.includes(0x3d) || name.includes(0) || value.includes(0)) {
      return raiseOption(L, 'subprocess.environment');
    }
    const text = Buffer.from(name).toString('latin1');
    if (HELPER_OWNED_ENV_NAMES.includes(text)) {
      return raiseOption(L, 'subprocess.environment', errnoCodes.EINVAL, `${text} is set by the runtime`);
    }
    out.push([name, value]);
    lua.lua_pop(L, 1);
  }
  lua.lua_pop(L, 1);
  return out;
}

function readInit(L: LuaState, sub: number): { script: Uint8Array; arg: number } {
  const type = lua.lua_getfield(L, sub, luaString('init'));
  if (type === lua.LUA_TNIL) {
    lua.lua_pop(L, 1);
    return { script: new Uint8Array(0), arg: -1 };
  }
  if (type !== lua.LUA_TTABLE) return raiseOption(L, 'subprocess.init');
  const init = lua.lua_gettop(L);
  let script: Uint8Array = new Uint8Array(0);
  const st = lua.lua_getfield(L, init, luaString('script'));
  if (st === lua.LUA_TSTRING) script = lua.lua_tolstring(L, -1) as Uint8Array;
  else if (st !== lua.LUA_TNIL) return raiseOption(L, 'subprocess.init.script');
  lua.lua_pop(L, 1);
  let arg = -1;
  if (lua.lua_getfield(L, init, luaString('arg')) !== lua.LUA_TNIL) {
    const fd = toFileDescriptor(L, -1);
    if (fd === undefined) return raiseOption(L, 'subprocess.init.arg');
    if (fd.fd < 0) return raiseOption(L, 'subprocess.init.arg', errnoCodes.EBUSY);
    arg = fd.fd;
  }
  lua.lua_pop(L, 2);
  return { script, arg };
}

/** Reads the subprocess table at `sub` (absolute index). */
export function readSubprocessOptions(L: LuaState, sub: number): SubprocessOptions {
  for (const unsupported of ['native_modules_cache', 'ld_library_directories']) {
    if (lua.lua_getfield(L, sub, luaString(unsupported)) !== lua.LUA_TNIL) {
      return raiseOption(L, `subprocess.${unsupported}`, errnoCodes.ENOTSUP,
        'native plugins are not supported by emilua-ts');
    }
    lua.lua_pop(L, 1);
  }
  let sourceTree: Array<[string, Uint8Array]> | undefined;
  const treeType = lua.lua_getfield(L, sub, luaString('source_tree_cache'));
  if (treeType === lua.LUA_TTABLE) sourceTree = readSourceTree(L, -1);
  else if (treeType !== lua.LUA_TNIL) return raiseOption(L, 'subprocess.source_tree_cache');
  lua.lua_pop(L, 1);
  if (lua.lua_getfield(L, sub, luaString('pd_daemon')) !== lua.LUA_TNIL) {
    return raiseOption(L, 'subprocess.pd_daemon', errnoCodes.ENOTSUP, 'pd_daemon is FreeBSD-only');
  }
  lua.lua_pop(L, 1);
  let cloneFlags = 0;
  for (const [name, flag] of NAMESPACES) {
    const type = lua.lua_getfield(L, sub, luaString(name));
    if (type === lua.LUA_TBOOLEAN) {
      if (lua.lua_toboolean(L, -1)) cloneFlags |= flag;
    } else if (type !== lua.LUA_TNIL) {
      return raiseOption(L, `subprocess.${name}`);
    }
    lua.lua_pop(L, 1);
  }
  const environment = readEnvironment(L, sub);
  const stdio: [StdioChoice, StdioChoice, StdioChoice] = [
    readStdio(L, sub, 'stdin'), readStdio(L, sub, 'stdout'), readStdio(L, sub, 'stderr'),
  ];
  const { script, arg } = readInit(L, sub);
  return { sourceTree, cloneFlags, pid1: (cloneFlags & CLONE_NEWPID) !== 0, environment, stdio, script, arg };
}
