// Integer arguments of Lua-facing functions, checked before they reach Node
// or the addon. Node's fs bindings CHECK() their integers (a failed CHECK
// aborts the process) and the addon's argument readers throw JavaScript
// errors, so every count, mode, descriptor, signal, size and offset a script
// passes goes through here first.
//
// A value that is not a number raises Lua's usual "bad argument" error (what
// luaL_checkinteger raises in Emilua). A number is truncated toward zero, as
// LuaJIT's luaL_checkinteger does; NaN, an infinity or a value outside the
// range of the C type raises EINVAL (generic category) with `arg` = the
// argument's position.

import { lua, lauxlib, LuaState } from '../lua/lua-api';
import { raiseGenericError } from './error-object';
import { errnoCodes } from './categories';

export interface IntegerRange {
  readonly min: number;
  readonly max: number;
}

export const INT32: IntegerRange = { min: -(2 ** 31), max: 2 ** 31 - 1 };
export const UINT32: IntegerRange = { min: 0, max: 2 ** 32 - 1 };
/** Sizes and counts: what a double holds exactly. */
export const SIZE: IntegerRange = { min: 0, max: Number.MAX_SAFE_INTEGER };
/** File offsets (off_t), as far as a double holds them exactly. */
export const OFFSET: IntegerRange = { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
/** A file descriptor number. */
export const FD: IntegerRange = { min: 0, max: 2 ** 31 - 1 };
/** A signal number as kill(2) takes it; the kernel says which exist. */
export const SIGNAL: IntegerRange = { min: 0, max: 2 ** 31 - 1 };
/** mode_t. */
export const MODE: IntegerRange = UINT32;

/** The integer at `idx` within `range`; `arg` names it in the error (its position by default). */
export function checkIntegerArg(L: LuaState, idx: number, range: IntegerRange, arg: number | string = idx): number {
  const n = Math.trunc(lauxlib.luaL_checknumber(L, idx));
  if (!(n >= range.min && n <= range.max)) return raiseGenericError(L, errnoCodes.EINVAL, { arg });
  return n;
}

/** checkIntegerArg, or `fallback` when the argument is nil or absent. */
export function optIntegerArg(
  L: LuaState, idx: number, range: IntegerRange, fallback: number, arg: number | string = idx,
): number {
  return lua.lua_isnoneornil(L, idx) ? fallback : checkIntegerArg(L, idx, range, arg);
}

/** A number already read from Lua (a table field...), checked the same way. */
export function checkIntegerValue(L: LuaState, value: number, range: IntegerRange, arg: number | string): number {
  const n = Math.trunc(value);
  if (!(n >= range.min && n <= range.max)) return raiseGenericError(L, errnoCodes.EINVAL, { arg });
  return n;
}

/**
 * A permission mode (mode_t) as mkdir(2)/open(2) use it: any mode_t is
 * accepted, and only the bits those calls look at (07777) are passed on, as
 * the kernel itself would mask them.
 */
export function checkPermissionsArg(L: LuaState, idx: number, arg: number | string = idx): number {
  return checkIntegerArg(L, idx, MODE, arg) & 0o7777;
}
