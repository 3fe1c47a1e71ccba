// The __index of userdata that only have methods: methods by name, and
// Emilua's bad_index error (with `index = 2`) for any other key.

import { lua, luaString, setFunctions, LuaState, LuaJsFunction } from '../lua/lua-api';
import { raiseRuntimeError } from './error-object';

const INDEX = luaString('__index');
const raiseBadIndex: LuaJsFunction = (L) => raiseRuntimeError(L, 'bad_index', { index: 2 });

/**
 * Sets the __index of the metatable at `metatableIdx` to a table of `methods`
 * whose own __index raises bad_index: a method is then found by fengari's
 * table lookup, without a call into JavaScript at every `obj:method()`.
 */
export function setMethodTable(L: LuaState, metatableIdx: number, methods: Readonly<Record<string, LuaJsFunction>>): void {
  const mt = lua.lua_absindex(L, metatableIdx);
  lua.lua_createtable(L, 0, Object.keys(methods).length);
  setFunctions(L, -1, methods);
  lua.lua_createtable(L, 0, 1);
  setFunctions(L, -1, { __index: raiseBadIndex });
  lua.lua_setmetatable(L, -2);
  lua.lua_setfield(L, mt, INDEX);
}
