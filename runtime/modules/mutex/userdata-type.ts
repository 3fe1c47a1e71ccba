// How the sync modules (mutex, recursive_mutex, condition_variable, future)
// shape their Lua objects, as Emilua does: a userdata whose __index serves
// its methods and raises bad_index for any other key, with __metatable set
// to the type's name; and, for the mutexes and condition_variable, a
// read-only module table that only knows `new`.

import { lua, lauxlib, luaString, toText, setFunctions, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { raiseGenericError, raiseRuntimeError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';

/** An __index that looks string keys up in `entries` (own keys only). */
function strictIndex(entries: Record<string, LuaJsFunction>, keyIdx: number): LuaJsFunction {
  return (L) => {
    const key = lua.lua_type(L, keyIdx) === lua.LUA_TSTRING ? toText(L, keyIdx) : undefined;
    if (key === undefined || !Object.hasOwn(entries, key)) return raiseRuntimeError(L, 'bad_index', { index: 2 });
    lua.lua_pushcfunction(L, entries[key]);
    return 1;
  };
}

/** Registers the metatable of a userdata type (once per VM). */
export function installUserdataType(L: LuaState, key: Uint8Array, name: string, methods: Record<string, LuaJsFunction>): void {
  if (lauxlib.luaL_newmetatable(L, key)) {
    setFunctions(L, -1, { __index: strictIndex(methods, 2) });
    lua.lua_pushstring(L, luaString(name));
    lua.lua_setfield(L, -2, luaString('__metatable'));
  }
  lua.lua_pop(L, 1);
}

/**
 * The names a sealed module serves, by its table (fengari's lua_topointer is
 * the table object): Lua cannot list them (pairs sees an empty table), and
 * the API reference test (tests/unit/api-reference.test.ts) must.
 */
const sealedModuleNames = new WeakMap<object, readonly string[]>();

export function sealedModuleKeys(table: object): readonly string[] | undefined {
  return sealedModuleNames.get(table);
}

/** Pushes an empty module table whose metatable serves `functions` and refuses writes. */
export function pushSealedModule(L: LuaState, name: string, functions: Record<string, LuaJsFunction>): void {
  lua.lua_createtable(L, 0, 0);
  sealedModuleNames.set(lua.lua_topointer(L, -1) as object, Object.keys(functions));
  lua.lua_createtable(L, 0, 3);
  setFunctions(L, -1, {
    __index: strictIndex(functions, 2),
    __newindex: (L) => raiseGenericError(L, errnoCodes.EPERM),
  });
  lua.lua_pushstring(L, luaString(name));
  lua.lua_setfield(L, -2, luaString('__metatable'));
  lua.lua_setmetatable(L, -2);
}
