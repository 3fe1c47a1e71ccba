// Runs one Lua file on bare fengari, as a library user would: require('fengari'),
// a new state, luaL_openlibs, luaL_loadfile, lua_pcall. None of emilua-ts's
// dialect patches are loaded (this process never loads the runtime).
//   node bench/fengari-runner.cjs FILE.lua
'use strict';
const { lua, lauxlib, lualib, to_luastring } = require('fengari');

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: node bench/fengari-runner.cjs FILE.lua\n');
  process.exit(2);
}
const L = lauxlib.luaL_newstate();
lualib.luaL_openlibs(L);
let status = lauxlib.luaL_loadfile(L, to_luastring(file));
if (status === lua.LUA_OK) status = lua.lua_pcall(L, 0, 0, 0);
if (status !== lua.LUA_OK) {
  process.stderr.write(`fengari-runner: ${lua.lua_tojsstring(L, -1)}\n`);
  process.exit(1);
}
