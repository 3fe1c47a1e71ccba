// Which of fengari's libraries a VM gets, and what is taken out of them.
// Fengari's `js` library, its package.searchers (which load .js files) and
// package.loadlib would run JavaScript with Node's full privileges; io.popen and
// os.execute would start processes behind the sandbox's back. None of them
// exists in a VM. require() is Emilua's own (modules/loader).

import { lua, lauxlib, lualib, luaString, setFunctions, LuaState, LuaJsFunction } from './lua-api';
import { print } from './print';
import { openBitLibrary } from './dialect/bit-library';

const LIBRARIES: ReadonlyArray<[string, LuaJsFunction]> = [
  ['_G', lualib.luaopen_base],
  ['coroutine', lualib.luaopen_coroutine],
  ['table', lualib.luaopen_table],
  ['string', lualib.luaopen_string],
  ['math', lualib.luaopen_math],
  ['utf8', lualib.luaopen_utf8],
  ['debug', lualib.luaopen_debug],
  ['io', lualib.luaopen_io],
  ['os', lualib.luaopen_os],
];

function removeField(L: LuaState, table: string, field: string): void {
  lua.lua_getglobal(L, luaString(table));
  lua.lua_pushnil(L);
  lua.lua_setfield(L, -2, luaString(field));
  lua.lua_pop(L, 1);
}

const unavailable = (what: string, why: string): LuaJsFunction => (L) =>
  lauxlib.luaL_error(L, luaString(`${what} is not available in emilua-ts (${why})`));

export function openStandardLibraries(L: LuaState): void {
  for (const [name, open] of LIBRARIES) {
    lauxlib.luaL_requiref(L, luaString(name), open, 1);
    lua.lua_pop(L, 1);
  }
  removeField(L, 'io', 'popen');
  removeField(L, 'os', 'execute');

  // A `package` table without loaders: scripts that probe it get clear errors.
  lua.lua_createtable(L, 0, 2);
  setFunctions(L, -1, {
    loadlib: unavailable('package.loadlib', 'native and JavaScript libraries cannot be loaded'),
  });
  lua.lua_createtable(L, 0, 0);
  lua.lua_setfield(L, -2, luaString('loaded'));
  lua.lua_setglobal(L, luaString('package'));

  openBitLibrary(L);
  lua.lua_setglobal(L, luaString('bit'));

  lua.lua_pushcfunction(L, print);
  lua.lua_setglobal(L, luaString('print'));
}
