// Lua binding for Emilua's global format(fmt, ...). Like Emilua, it accepts
// booleans, numbers, strings and {name, value} pairs (named arguments) and
// raises an error for anything else.

import { lauxlib, lua, to_jsstring, type LuaJsFunction, type LuaState } from '../../lua/fengari';
import { FormatError, formatBytes, type FormatArg, type FormatScalar } from './format-string';

const typeName = (L: LuaState, index: number) => to_jsstring(lauxlib.luaL_typename(L, index));

function readScalar(L: LuaState, index: number): FormatScalar | undefined {
  switch (lua.lua_type(L, index)) {
    case lua.LUA_TBOOLEAN: return lua.lua_toboolean(L, index);
    case lua.LUA_TNUMBER: return lua.lua_tonumber(L, index);
    case lua.LUA_TSTRING: return lua.lua_tolstring(L, index);
    default: return undefined;
  }
}

// {name, value}: exactly two array items, a string name and a scalar value.
function readNamed(L: LuaState, index: number): FormatArg | string {
  if (lua.lua_rawlen(L, index) !== 2) return 'a {name, value} table must have exactly 2 items';
  lua.lua_rawgeti(L, index, 1);
  lua.lua_rawgeti(L, index, 2);
  const name = lua.lua_type(L, -2) === lua.LUA_TSTRING ? lua.lua_tolstring(L, -2) : undefined;
  const value = readScalar(L, -1);
  const problem = name === undefined ? `name must be a string, got ${typeName(L, -2)}`
    : value === undefined ? `value must be a boolean, number or string, got ${typeName(L, -1)}`
    : undefined;
  lua.lua_pop(L, 2);
  return problem ?? { name: name as Uint8Array, value: value as FormatScalar };
}

function collect(L: LuaState): FormatArg[] | string {
  if (lua.lua_type(L, 1) !== lua.LUA_TSTRING) return `bad argument #1 (string expected, got ${typeName(L, 1)})`;
  const args: FormatArg[] = [];
  for (let i = 2; i <= lua.lua_gettop(L); i++) {
    const scalar = readScalar(L, i);
    const arg = scalar !== undefined ? scalar
      : lua.lua_type(L, i) === lua.LUA_TTABLE ? readNamed(L, i)
      : `bad argument #${i} (boolean, number, string or {name, value} expected, got ${typeName(L, i)})`;
    if (typeof arg === 'string') return arg.startsWith('bad argument') ? arg : `bad argument #${i} (${arg})`;
    args.push(arg);
  }
  return args;
}

function run(L: LuaState): Uint8Array | string {
  const args = collect(L);
  if (typeof args === 'string') return `format: ${args}`;
  try {
    return formatBytes(lua.lua_tolstring(L, 1), args);
  } catch (e) {
    if (e instanceof FormatError) return e.message;
    // A huge width or precision can exceed the longest JS string.
    if (e instanceof RangeError) return 'format: result too large';
    throw e;
  }
}

export const formatFunction: LuaJsFunction = (L) => {
  const result = run(L);
  if (typeof result !== 'string') {
    lua.lua_pushstring(L, result);
    return 1;
  }
  // Messages may quote bytes from the format string: push them as bytes.
  lua.lua_pushstring(L, new Uint8Array(Buffer.from(result, 'latin1')));
  return lua.lua_error(L);
};
