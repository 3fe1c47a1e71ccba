// LuaJIT's `bit` module (Lua BitOp semantics). Every operand goes through
// tobit(), so results are signed 32-bit integers held in doubles, exactly as
// LuaJIT returns them; shift counts keep only their low 5 bits.

import { lauxlib, lua, to_luastring, type LuaJsFunction, type LuaState } from '../fengari';

const scratch = new DataView(new ArrayBuffer(8));

/**
 * LuaJIT's lj_num2bit: add 2^52 + 2^51 and keep the low 32 bits of the sum's
 * IEEE-754 pattern. Below 2^51 in magnitude this is "round half to even, then
 * reduce modulo 2^32"; beyond that it reproduces LuaJIT's own answer, which is
 * what programs written against LuaJIT observe.
 */
export function tobit(x: number): number {
  scratch.setFloat64(0, x + 6755399441055744, true);
  return scratch.getInt32(0, true);
}

export function bnot(x: number): number {
  return ~tobit(x);
}

export function band(...xs: number[]): number {
  let acc = -1;
  for (const x of xs) acc &= tobit(x);
  return acc;
}

export function bor(...xs: number[]): number {
  let acc = 0;
  for (const x of xs) acc |= tobit(x);
  return acc;
}

export function bxor(...xs: number[]): number {
  let acc = 0;
  for (const x of xs) acc ^= tobit(x);
  return acc;
}

// JS shift operators already use only the low 5 bits of the count, like x86.
export function lshift(x: number, n: number): number {
  return tobit(x) << tobit(n);
}

export function rshift(x: number, n: number): number {
  return (tobit(x) >>> tobit(n)) | 0;
}

export function arshift(x: number, n: number): number {
  return tobit(x) >> tobit(n);
}

export function rol(x: number, n: number): number {
  const v = tobit(x);
  const s = tobit(n) & 31;
  // For s = 0 the right shift by 32 is a shift by 0; OR-ing v with itself is v.
  return (v << s) | (v >>> (32 - s));
}

export function ror(x: number, n: number): number {
  const v = tobit(x);
  const s = tobit(n) & 31;
  return (v >>> s) | (v << (32 - s));
}

export function bswap(x: number): number {
  const v = tobit(x);
  return ((v << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) | 0;
}

/**
 * tohex(x[, n]): |n| hex digits (default 8), upper case when n < 0. With fewer
 * than 8 digits only the low 4*|n| bits are shown; with more, LuaJIT 2.1 pads
 * with zeros (up to 254 digits) instead of BitOp's clamp to 8.
 */
export function tohex(x: number, n: number = 8): string {
  let digits = tobit(n);
  const upper = digits < 0;
  // |n| as unsigned, so -2^31 does not stay negative.
  digits = Math.min(Math.abs(digits), 254);
  let value = tobit(x) >>> 0;
  if (digits === 0) return '';
  if (digits < 8) value %= 2 ** (4 * digits);
  const text = value.toString(16).padStart(digits, '0');
  return upper ? text.toUpperCase() : text;
}

// ---- Lua binding ----------------------------------------------------------

type Nary = (...xs: number[]) => number;

function unary(f: (x: number) => number): LuaJsFunction {
  return (L) => {
    lua.lua_pushnumber(L, f(lauxlib.luaL_checknumber(L, 1)));
    return 1;
  };
}

function binary(f: (x: number, n: number) => number): LuaJsFunction {
  return (L) => {
    const x = lauxlib.luaL_checknumber(L, 1);
    lua.lua_pushnumber(L, f(x, lauxlib.luaL_checknumber(L, 2)));
    return 1;
  };
}

// At least one operand is required: band() complains about argument #1.
function nary(f: Nary): LuaJsFunction {
  return (L) => {
    const count = Math.max(lua.lua_gettop(L), 1);
    const xs: number[] = [];
    for (let i = 1; i <= count; i++) xs.push(lauxlib.luaL_checknumber(L, i));
    lua.lua_pushnumber(L, f(...xs));
    return 1;
  };
}

const luaTohex: LuaJsFunction = (L) => {
  const x = lauxlib.luaL_checknumber(L, 1);
  const n = lua.lua_isnone(L, 2) ? 8 : lauxlib.luaL_checknumber(L, 2);
  lua.lua_pushstring(L, to_luastring(tohex(x, n)));
  return 1;
};

const functions: Record<string, LuaJsFunction> = {
  tobit: unary(tobit),
  tohex: luaTohex,
  bnot: unary(bnot),
  band: nary(band),
  bor: nary(bor),
  bxor: nary(bxor),
  lshift: binary(lshift),
  rshift: binary(rshift),
  arshift: binary(arshift),
  rol: binary(rol),
  ror: binary(ror),
  bswap: unary(bswap),
};

/** Pushes a new `bit` table onto the stack; the caller decides where it lives. */
export function openBitLibrary(L: LuaState): void {
  lauxlib.luaL_newlib(L, functions);
}
