// LuaJIT has one number type, the double. Fengari has 32-bit integers that wrap
// silently, so `for i=1,100000 do s=s+i end` would give 705082704. We make the VM
// produce floats wherever it would have produced an integer: numerals (lexer and
// tonumber), lua_pushinteger (every library result), and TValue.setivalue (the
// interpreter's `#`, loop counters and constant folding). Integral float keys are
// already stored as integer keys by fengari's tables, so lookups are unchanged.
//
// These patches edit fengari's module objects, so they must run before the
// modules that copy those functions at load time (lua.js, lauxlib.js, the libs).

/* eslint-disable @typescript-eslint/no-var-requires */
import { formatLuaNumber } from './number-format';

interface TValueLike {
  type: number;
  value: unknown;
  ttisinteger(): boolean;
  ttisnumber(): boolean;
  setivalue(x: number): void;
  setfltvalue(x: number): void;
}

let applied = false;

export function applyDoublePatches(): void {
  if (applied) return;
  applied = true;

  // Number-to-text goes through luaconf's lua_number2str (luaO_tostring for
  // tostring, `..` and lua_pushfstring's %d/%f). lobject.js copies it when it
  // loads, so luaconf.js is patched first; with LUA_COMPAT_FLOATSTRING set no
  // ".0" is appended.
  // (defs.js loads luaconf.js itself; loading luaconf.js first breaks their cycle.)
  require('fengari/src/defs.js');
  const luaconf = require('fengari/src/luaconf.js');
  luaconf.lua_number2str = formatLuaNumber;
  luaconf.LUA_COMPAT_FLOATSTRING = true;

  // lapi.js next: it loads fengari's core in its natural order (loading
  // lobject.js directly would hit one of fengari's require cycles half-built).
  const lapi = require('fengari/src/lapi.js');
  const defs = require('fengari/src/defs.js');
  const lobject = require('fengari/src/lobject.js');
  const LUA_TNUMFLT: number = defs.constant_types.LUA_TNUMFLT;

  // Every integer the interpreter makes becomes a float.
  const TValue = lobject.TValue as { prototype: TValueLike };
  TValue.prototype.setivalue = function setivalue(this: TValueLike, x: number) {
    this.type = LUA_TNUMFLT;
    this.value = x;
  };

  // Numerals and tonumber(): parse as usual, then store integers as floats.
  // Fengari accumulates hex integers in 32 bits, so 0x123456789A would wrap:
  // such numerals are re-read exactly as doubles.
  const originalStr2num = lobject.luaO_str2num as (s: Uint8Array, o: TValueLike) => number;
  lobject.luaO_str2num = function luaO_str2num(s: Uint8Array, o: TValueLike): number {
    const size = originalStr2num(s, o);
    if (size === 0) return size;
    // (setivalue is already patched, so the type alone cannot tell an integer.)
    const hex = /^\s*([-+]?)0[xX]([0-9a-fA-F]{8,})\s*\0?$/.exec(Buffer.from(s).toString('latin1'));
    if (hex !== null) {
      const magnitude = parseInt(hex[2], 16);
      o.setfltvalue(hex[1] === '-' ? -magnitude : magnitude);
    } else if (o.type !== LUA_TNUMFLT) {
      o.setfltvalue(o.value as number);
    }
    return size;
  };

  // Library results (string.len, select('#'), math.floor...) as floats.
  const lua_pushnumber = lapi.lua_pushnumber as (L: unknown, n: number) => void;
  lapi.lua_pushinteger = function lua_pushinteger(L: unknown, n: number) {
    lua_pushnumber(L, n);
  };

  // Tables store integral number keys as integers, and next() (so pairs())
  // copied them out as such: `k * k` wrapped past 2^31. lua_next calls
  // luaH_next through the module object, so the key it leaves on the stack
  // can be retyped; the same value still finds the entry on the next call.
  const ltable = require('fengari/src/ltable.js');
  const LUA_TNUMINT: number = defs.constant_types.LUA_TNUMINT;
  const luaH_next = ltable.luaH_next as (L: { stack: TValueLike[] }, table: unknown, keyI: number) => boolean;
  ltable.luaH_next = function next(L: { stack: TValueLike[] }, table: unknown, keyI: number): boolean {
    const more = luaH_next(L, table, keyI);
    if (more && L.stack[keyI].type === LUA_TNUMINT) L.stack[keyI].type = LUA_TNUMFLT;
    return more;
  };
}
