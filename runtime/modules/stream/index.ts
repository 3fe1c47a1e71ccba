// require 'stream': read_all, read_at_least, write_all, write_at_least and
// stream.scanner. They are written in Lua (lua-stdlib/stream.lua), because
// they call the read_some/write_some methods of whatever object they are
// given and must suspend with them; this opener runs that chunk once per VM
// with the host helpers it needs.

import { lua, lauxlib, luaString, setFunctions, LuaState } from '../../lua/lua-api';
import { raiseGenericError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { streamSource } from '../../lua/lua-stdlib-sources';
import { openByteSpanModule, toByteSpan } from '../byte_span';
import { pushEofError } from '../../io/errors';
import { scannerRegexHelpers } from './scanner-regex';

const MODULE_KEY = luaString('emilua-ts stream module');

function copyGlobal(L: LuaState, name: string): void {
  lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, lua.LUA_RIDX_GLOBALS);
  lua.lua_getfield(L, -1, luaString(name));
  lua.lua_remove(L, -2);
  lua.lua_setfield(L, -2, luaString(name));
}

export function openStreamModule(L: LuaState): void {
  if (lua.lua_getfield(L, lua.LUA_REGISTRYINDEX, MODULE_KEY) === lua.LUA_TTABLE) return;
  lua.lua_pop(L, 1);
  const status = lauxlib.luaL_loadbufferx(L, streamSource, streamSource.length, luaString('=stream'), luaString('t'));
  if (status !== lua.LUA_OK) throw new Error(`lua-stdlib/stream.lua: ${lua.lua_tojsstring(L, -1)}`);

  lua.lua_createtable(L, 0, 16);
  openByteSpanModule(L);
  lua.lua_getfield(L, -1, luaString('new'));
  lua.lua_setfield(L, -3, luaString('byte_span_new'));
  lua.lua_getfield(L, -1, luaString('append'));
  lua.lua_setfield(L, -3, luaString('byte_span_append'));
  lua.lua_pop(L, 1);
  for (const name of ['pcall', 'error', 'type', 'setmetatable', 'rawget', 'rawset']) copyGlobal(L, name);
  pushEofError(L);
  lua.lua_setfield(L, -2, luaString('eof_error'));
  setFunctions(L, -1, {
    // One call for the check and the length: write_all runs it on every buffer.
    byte_span_length(L) {
      const span = toByteSpan(L, 1);
      if (span === undefined) lua.lua_pushnil(L);
      else lua.lua_pushnumber(L, span.length);
      return 1;
    },
    raise_einval(L) {
      const arg = lua.lua_type(L, 1) === lua.LUA_TNUMBER ? lua.lua_tonumber(L, 1) : lua.lua_tojsstring(L, 1);
      return raiseGenericError(L, errnoCodes.EINVAL, { arg });
    },
    raise_emsgsize(L) {
      return raiseGenericError(L, errnoCodes.EMSGSIZE);
    },
  });
  setFunctions(L, -1, scannerRegexHelpers);
  lua.lua_call(L, 1, 1);
  lua.lua_pushvalue(L, -1);
  lua.lua_setfield(L, lua.LUA_REGISTRYINDEX, MODULE_KEY);
}
