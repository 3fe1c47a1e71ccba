// require 'system': the process-level basics (arguments, environment, exit,
// getpid). The rest of Emilua's system module arrives with the I/O core.

import { lua, lauxlib, luaString, pushText, setFunctions, LuaState } from '../../vm/lua-api';
import { vmOf } from '../../vm/vm-of';
import { raiseGenericError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';

export function openSystemModule(L: LuaState): void {
  const vm = vmOf(L);
  lua.lua_createtable(L, 0, 8);

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

  setFunctions(L, -1, {
    exit(L) {
      const code = lua.lua_isnoneornil(L, 1) ? 0 : lauxlib.luaL_checknumber(L, 1);
      if (!Number.isInteger(code)) raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
      vmOf(L).exitProcess(code);
      return 0;
    },
    getpid(L) {
      lua.lua_pushnumber(L, process.pid);
      return 1;
    },
  });
}
