// require 'generic_error': generic_error.EEXIST and friends, a fresh error
// table on every access so scripts may add fields (e.arg = 1) safely.

import { lua, luaString, toText, setFunctions, LuaState } from '../../lua/lua-api';
import { pushError } from '../../errors/error-object';
import { errnoCodes, genericCategory } from '../../errors/categories';

export function openGenericErrorModule(L: LuaState): void {
  lua.lua_createtable(L, 0, 0);
  lua.lua_createtable(L, 0, 1);
  setFunctions(L, -1, {
    __index(L) {
      const code = errnoCodes[toText(L, 2)];
      if (code === undefined || lua.lua_type(L, 2) !== lua.LUA_TSTRING) return 0;
      pushError(L, genericCategory, code);
      return 1;
    },
    __newindex(L) {
      lua.lua_pushstring(L, luaString('generic_error is read-only'));
      return lua.lua_error(L);
    },
  });
  lua.lua_setmetatable(L, -2);
}
