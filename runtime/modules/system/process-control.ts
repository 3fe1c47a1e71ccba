// Process control in the system module: kill, setpgid, setsid,
// setresuid/setresgid, setgroups, set_no_new_privs (master VM only, as in
// Emilua) and get_ld_library_directories.
//
// Credentials and no_new_privs are per-thread in Linux; the native side
// makes them apply to every thread of the Node process (see
// native/addon/proc_control.cc): otherwise a libuv pool thread would keep
// opening files with the old credentials.

import { lua, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { raiseGenericError, raiseSystemError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { loadAddon } from '../../native/load-addon';
import { pushFileDescriptor } from '../../io/descriptor-object';
import { requireMaster } from './master';

const MAX_ID = 0xfffffffe;

function intArg(L: LuaState, idx: number): number {
  if (lua.lua_type(L, idx) !== lua.LUA_TNUMBER) return raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
  const n = Math.trunc(lua.lua_tonumber(L, idx));
  if (!(n >= -0x80000000 && n <= 0x7fffffff)) return raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
  return n;
}

/** A user/group ID argument; -1 keeps the current one. */
function idArg(L: LuaState, idx: number): number {
  if (lua.lua_type(L, idx) !== lua.LUA_TNUMBER) return raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
  const n = Math.trunc(lua.lua_tonumber(L, idx));
  if (!(n === -1 || (n >= 0 && n <= MAX_ID))) return raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
  return n;
}

function check(L: LuaState, ret: number): number {
  return ret < 0 ? raiseSystemError(L, -ret) : ret;
}

export const processControlFunctions: Record<string, LuaJsFunction> = {
  kill(L) {
    requireMaster(L);
    check(L, loadAddon().procKill(intArg(L, 1), intArg(L, 2)));
    return 0;
  },
  setpgid(L) {
    requireMaster(L);
    check(L, loadAddon().procSetpgid(intArg(L, 1), intArg(L, 2)));
    return 0;
  },
  setsid(L) {
    requireMaster(L);
    lua.lua_pushnumber(L, check(L, loadAddon().procSetsid()));
    return 1;
  },
  setresuid(L) {
    requireMaster(L);
    check(L, loadAddon().procSetresuid(idArg(L, 1), idArg(L, 2), idArg(L, 3)));
    return 0;
  },
  setresgid(L) {
    requireMaster(L);
    check(L, loadAddon().procSetresgid(idArg(L, 1), idArg(L, 2), idArg(L, 3)));
    return 0;
  },
  setgroups(L) {
    requireMaster(L);
    if (lua.lua_type(L, 1) !== lua.LUA_TTABLE) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
    const gids: number[] = [];
    for (let i = 1; ; i++) {
      const type = lua.lua_rawgeti(L, 1, i);
      if (type === lua.LUA_TNIL) break;
      const gid = type === lua.LUA_TNUMBER ? Math.trunc(lua.lua_tonumber(L, -1)) : NaN;
      if (!(gid >= 0 && gid <= MAX_ID)) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
      gids.push(gid);
      lua.lua_pop(L, 1);
    }
    check(L, loadAddon().procSetgroups(gids));
    return 0;
  },
  set_no_new_privs(L) {
    requireMaster(L);
    check(L, loadAddon().procSetNoNewPrivs());
    return 0;
  },
  get_ld_library_directories(L) {
    const fds = loadAddon().procLdLibraryDirectories();
    if (typeof fds === 'number') return raiseSystemError(L, -fds);
    lua.lua_createtable(L, fds.length, 0);
    fds.forEach((fd, i) => {
      pushFileDescriptor(L, fd);
      lua.lua_rawseti(L, -2, i + 1);
    });
    return 1;
  },
};
