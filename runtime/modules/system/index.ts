// require 'system': the process as Emilua shows it to scripts: arguments and
// environment, exit, the standard streams (std-streams.ts), signals
// (signals.ts), process IDs and groups, credentials, and the inherited low
// descriptors (lowfd.ts); starting programs (spawn.ts) and process control
// (process-control.ts).

import { lua, lauxlib, luaString, pushText, setFunctions, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { vmOf } from '../../fiber/vm-of';
import { raiseGenericError, raiseSystemError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { einval } from '../../errors/args';
import { loadAddon } from '../../native/load-addon';
import { pushFileDescriptor } from '../../io/descriptor-object';
import { pushStdStream } from './std-streams';
import { pushSignalTable } from './signals';
import { claimLowFd, isLowFdNumber, scanInheritedLowFds } from './lowfd';
import { isMasterVm, requireMaster } from './master';
import { spawn } from './spawn';
import { processControlFunctions } from './process-control';
import { landlockFunctions } from './landlock';
import { seccompFunctions } from './seccomp';

function checkPid(L: LuaState, idx: number): number {
  if (lua.lua_type(L, idx) !== lua.LUA_TNUMBER) return einval(L, idx);
  const n = Math.trunc(lua.lua_tonumber(L, idx));
  return Number.isFinite(n) ? n | 0 : einval(L, idx);
}

function pushNumbers(L: LuaState, values: readonly number[]): number {
  for (const value of values) lua.lua_pushnumber(L, value);
  return values.length;
}

/**
 * exit([code = 0 [, opts]]): ends the VM; for the master VM `code` is the
 * process's exit status. opts.force (master VM only): nil/0 a normal exit,
 * 1 is not supported (ENOTSUP), 2 ends the process at once without any
 * clean-up (_exit), "abort" calls abort(3).
 */
const exit: LuaJsFunction = (L) => {
  lua.lua_settop(L, 2);
  const code = lua.lua_isnoneornil(L, 1) ? 0 : lauxlib.luaL_checknumber(L, 1);
  if (!Number.isInteger(code)) return einval(L, 1);
  if (!isMasterVm(L)) {
    if (!lua.lua_isnil(L, 2)) return raiseGenericError(L, errnoCodes.EPERM);
  } else if (lua.lua_type(L, 2) === lua.LUA_TTABLE) {
    lua.lua_getfield(L, 2, luaString('force'));
    switch (lua.lua_type(L, -1)) {
      case lua.LUA_TNIL:
        break;
      case lua.LUA_TNUMBER: {
        const force = Math.trunc(lua.lua_tonumber(L, -1));
        if (force === 1) return raiseGenericError(L, errnoCodes.ENOTSUP);
        if (force === 2) loadAddon().procExitNow(code | 0);
        if (force !== 0) return einval(L, 'force');
        break;
      }
      case lua.LUA_TSTRING:
        if (lua.lua_tojsstring(L, -1) === 'abort') loadAddon().procAbort();
        return einval(L, 'force');
      default:
        return einval(L, 2);
    }
    lua.lua_pop(L, 1);
  }
  vmOf(L).exitProcess(code);
  return 0;
};

const functions: Record<string, LuaJsFunction> = {
  exit,
  spawn,
  ...processControlFunctions,
  ...landlockFunctions,
  ...seccompFunctions,
  getpid(L) {
    lua.lua_pushnumber(L, process.pid);
    return 1;
  },
  getppid(L) {
    lua.lua_pushnumber(L, process.ppid);
    return 1;
  },
  getpgrp(L) {
    lua.lua_pushnumber(L, loadAddon().procGetpgrp());
    return 1;
  },
  getpgid(L) {
    const pgid = loadAddon().procGetpgid(checkPid(L, 1));
    if (pgid < 0) return raiseSystemError(L, -pgid);
    lua.lua_pushnumber(L, pgid);
    return 1;
  },
  getsid(L) {
    const sid = loadAddon().procGetsid(checkPid(L, 1));
    if (sid < 0) return raiseSystemError(L, -sid);
    lua.lua_pushnumber(L, sid);
    return 1;
  },
  getresuid(L) {
    const ids = loadAddon().procGetresuid();
    if (typeof ids === 'number') return raiseSystemError(L, -ids);
    return pushNumbers(L, ids);
  },
  getresgid(L) {
    const ids = loadAddon().procGetresgid();
    if (typeof ids === 'number') return raiseSystemError(L, -ids);
    return pushNumbers(L, ids);
  },
  getgroups(L) {
    const groups = process.getgroups?.() ?? [];
    lua.lua_createtable(L, groups.length, 0);
    groups.forEach((gid, i) => {
      lua.lua_pushnumber(L, gid);
      lua.lua_rawseti(L, -2, i + 1);
    });
    return 1;
  },
  get_lowfd(L) {
    requireMaster(L);
    if (lua.lua_type(L, 1) !== lua.LUA_TNUMBER) return einval(L, 1);
    const wanted = lua.lua_tonumber(L, 1);
    // Outside 3..9 the number cannot name an inherited low descriptor.
    if (!isLowFdNumber(wanted)) return einval(L, 1);
    const fd = claimLowFd(wanted);
    if (fd === undefined) lua.lua_pushnil(L);
    else pushFileDescriptor(L, fd);
    return 1;
  },
};

export function openSystemModule(L: LuaState): void {
  const vm = vmOf(L);
  // Takes the launcher's private variable out of the environment first.
  scanInheritedLowFds();
  lua.lua_createtable(L, 0, 24);

  lua.lua_createtable(L, vm.options.arguments.length, 0);
  vm.options.arguments.forEach((arg, i) => {
    pushText(L, arg);
    lua.lua_rawseti(L, -2, i + 1);
  });
  lua.lua_setfield(L, -2, luaString('arguments'));

  lua.lua_createtable(L, 0, 32);
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    pushText(L, value);
    lua.lua_setfield(L, -2, luaString(name));
  }
  lua.lua_setfield(L, -2, luaString('environment'));

  setFunctions(L, -1, functions);

  pushStdStream(L, 0);
  lua.lua_setfield(L, -2, luaString('in_'));
  pushStdStream(L, 1);
  lua.lua_setfield(L, -2, luaString('out'));
  pushStdStream(L, 2);
  lua.lua_setfield(L, -2, luaString('err'));
  pushSignalTable(L);
  lua.lua_setfield(L, -2, luaString('signal'));
}
