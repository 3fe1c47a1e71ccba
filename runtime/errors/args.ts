// Argument checks shared by the Lua-facing functions, with the errors Emilua
// raises for bad arguments: EINVAL in the generic category with `arg` naming
// the argument (its stack index, or an option's name). One vocabulary, so a
// check reads the same and fails the same way in every module.

import { lua, lauxlib, toText, LuaState } from '../lua/lua-api';
import { raiseGenericError } from './error-object';
import { errnoCodes } from './categories';

/** EINVAL (generic) naming argument `arg`. */
export function einval(L: LuaState, arg: number | string): never {
  return raiseGenericError(L, errnoCodes.EINVAL, { arg });
}

/**
 * An integer argument as LuaJIT's luaL_checkinteger reads it: a number
 * (anything else is Lua's own "number expected" argument error), truncated
 * toward zero; NaN and the infinities read as 0.
 */
export function checkInteger(L: LuaState, idx: number): number {
  lauxlib.luaL_checktype(L, idx, lua.LUA_TNUMBER);
  const n = Math.trunc(lua.lua_tonumber(L, idx));
  return Number.isFinite(n) ? n : 0;
}

/**
 * A number argument truncated toward zero, as luaL_checknumber reads it (a
 * numeric string converts); NaN reads as 0, the infinities stay, and there
 * is no 32-bit limit (sizes, offsets, byte positions).
 */
export function checkTruncatedNumber(L: LuaState, idx: number): number {
  const n = Math.trunc(lauxlib.luaL_checknumber(L, idx));
  return Number.isNaN(n) ? 0 : n;
}

/** A boolean argument (anything else is Lua's own "boolean expected" argument error). */
export function checkBoolean(L: LuaState, idx: number): boolean {
  lauxlib.luaL_checktype(L, idx, lua.LUA_TBOOLEAN);
  return lua.lua_toboolean(L, idx);
}

/**
 * A table of flag names ({'read_only', 'create'}) as the OR of their bits,
 * starting from `initial`: `names` maps each accepted name to the constant
 * `bitOf` resolves. A non-table, or a name not in `names`, raises EINVAL
 * naming argument idx. The list ends at its first nil.
 */
export function checkFlagList(
  L: LuaState, idx: number, names: Readonly<Record<string, string>>, bitOf: (constant: string) => number, initial = 0,
): number {
  if (lua.lua_type(L, idx) !== lua.LUA_TTABLE) return einval(L, idx);
  let flags = initial;
  for (let i = 1; ; i++) {
    const type = lua.lua_rawgeti(L, idx, i);
    const name = type === lua.LUA_TSTRING ? toText(L, -1) : undefined;
    lua.lua_pop(L, 1);
    if (type === lua.LUA_TNIL) return flags;
    if (name === undefined || !Object.hasOwn(names, name)) return einval(L, idx);
    flags |= bitOf(names[name]);
  }
}
