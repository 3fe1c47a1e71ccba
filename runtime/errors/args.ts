// Argument checks shared by the Lua-facing functions, with the errors Emilua
// raises for bad arguments: EINVAL in the generic category with `arg` naming
// the argument (its stack index, or an option's name). One vocabulary, so a
// check reads the same and fails the same way in every module.
//
// Integers that reach Node or the addon go through checkIntegerIn with the
// range of their C type: Node's fs bindings CHECK() their integers (a failed
// CHECK aborts the process) and the addon's argument readers throw JavaScript
// errors, so a mode, descriptor, signal, size or offset is never passed on
// unchecked.

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

/** The integers a C type holds (as far as a double holds them exactly). */
export interface IntegerRange {
  readonly min: number;
  readonly max: number;
}

const UINT32: IntegerRange = { min: 0, max: 2 ** 32 - 1 };

/** The ranges of the C types arguments end up in. */
export const RANGE = {
  int32: { min: -(2 ** 31), max: 2 ** 31 - 1 },
  uint32: UINT32,
  /** mode_t. */
  mode: UINT32,
  /** uid_t/gid_t, or -1 for "leave it". */
  id: { min: -1, max: UINT32.max },
  /** Sizes, counts, dev_t: what a double holds exactly. */
  size: { min: 0, max: Number.MAX_SAFE_INTEGER },
  /** off_t. */
  offset: { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
  /** A signal number as kill(2) takes it; the kernel says which exist. */
  signal: { min: 0, max: 2 ** 31 - 1 },
} as const satisfies Record<string, IntegerRange>;

/**
 * An integer argument bound for a C type: a non-number is Lua's own "number
 * expected" argument error (a numeric string converts, as luaL_checknumber
 * does); the number is truncated toward zero; NaN, an infinity or a value
 * outside `range` raises EINVAL naming `arg` (the argument's index by default).
 */
export function checkIntegerIn(L: LuaState, idx: number, range: IntegerRange, arg: number | string = idx): number {
  const n = Math.trunc(lauxlib.luaL_checknumber(L, idx));
  if (!(n >= range.min && n <= range.max)) return einval(L, arg);
  return n;
}

/**
 * A permission mode as mkdir(2), open(2) and chmod(2) take it: any mode_t is
 * accepted and only the bits those calls look at (07777) are passed on, as
 * the kernel itself masks them.
 */
export function checkPermissions(L: LuaState, idx: number): number {
  return checkIntegerIn(L, idx, RANGE.mode) & 0o7777;
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
