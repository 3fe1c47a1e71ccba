// file.read_all_at, read_at_least_at, write_all_at and write_at_least_at:
// loops over an I/O object's read_some_at/write_some_at, written in Lua so
// they work with any object that has those methods and suspend like any
// Lua code. Their argument is byte_span.append (to turn strings into spans).

import { lua, lauxlib, luaString, toText, LuaState } from '../../lua/lua-api';

const SOURCE = `
local span_of = ...

local function at_least(method, io, offset, buffer, minimum)
    if type(buffer) == 'string' then buffer = span_of(buffer) end
    if minimum > #buffer then minimum = #buffer end
    local transferred = 0
    while transferred < minimum do
        local n = io[method](io, offset + transferred, buffer:sub(transferred + 1))
        transferred = transferred + n
    end
    return transferred
end

return {
    read_at_least_at = function(io, offset, buffer, minimum)
        return at_least('read_some_at', io, offset, buffer, minimum)
    end,
    read_all_at = function(io, offset, buffer)
        return at_least('read_some_at', io, offset, buffer, #buffer)
    end,
    write_at_least_at = function(io, offset, buffer, minimum)
        return at_least('write_some_at', io, offset, buffer, minimum)
    end,
    write_all_at = function(io, offset, buffer)
        return at_least('write_some_at', io, offset, buffer, #buffer)
    end,
}
`;

const SOURCE_BYTES = luaString(SOURCE);

/** Sets the four functions on the table at tableIdx; appendIdx holds byte_span.append. */
export function installComposedOperations(L: LuaState, tableIdx: number, appendIdx: number): void {
  const table = lua.lua_absindex(L, tableIdx);
  const append = lua.lua_absindex(L, appendIdx);
  const status = lauxlib.luaL_loadbufferx(L, SOURCE_BYTES, SOURCE_BYTES.length, luaString('=file'), luaString('t'));
  if (status !== lua.LUA_OK) throw new Error(`file module helpers: ${toText(L, -1)}`);
  lua.lua_pushvalue(L, append);
  lua.lua_call(L, 1, 1);
  for (const name of ['read_all_at', 'read_at_least_at', 'write_all_at', 'write_at_least_at']) {
    lua.lua_getfield(L, -1, luaString(name));
    lua.lua_setfield(L, table, luaString(name));
  }
  lua.lua_pop(L, 1);
}
