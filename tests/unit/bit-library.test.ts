// Expected values come from the Lua BitOp / LuaJIT `bit` documentation
// examples, plus edge cases of LuaJIT's double-to-int32 normalisation.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as bit from '../../runtime/lua/dialect/bit-library';
import { lauxlib, lua, lualib, to_jsstring, to_luastring } from '../../runtime/lua/fengari';

const cases: Array<[string, () => number | string, number | string]> = [
  // tobit: modulo 2^32 into the signed range
  ['tobit(0xffffffff)', () => bit.tobit(0xffffffff), -1],
  ['tobit(0xffffffff + 1)', () => bit.tobit(0xffffffff + 1), 0],
  ['tobit(2^40 + 1234)', () => bit.tobit(2 ** 40 + 1234), 1234],
  ['tobit(2^32 + 1)', () => bit.tobit(2 ** 32 + 1), 1],
  ['tobit(2^31)', () => bit.tobit(2 ** 31), -2147483648],
  ['tobit(2^31 - 1)', () => bit.tobit(2 ** 31 - 1), 2147483647],
  ['tobit(-0x80000000)', () => bit.tobit(-0x80000000), -2147483648],
  ['tobit(-0x80000001)', () => bit.tobit(-0x80000001), 2147483647],
  ['tobit(-1)', () => bit.tobit(-1), -1],
  ['tobit(2^53)', () => bit.tobit(2 ** 53), 0],
  ['tobit(-(2^32) - 5)', () => bit.tobit(-(2 ** 32) - 5), -5],
  // Fractions round half to even (LuaJIT adds 2^52 + 2^51).
  ['tobit(1.5)', () => bit.tobit(1.5), 2],
  ['tobit(2.5)', () => bit.tobit(2.5), 2],
  ['tobit(-1.5)', () => bit.tobit(-1.5), -2],
  ['tobit(0.4)', () => bit.tobit(0.4), 0],
  // Beyond 2^51 LuaJIT keeps the low mantissa bits of x + 2^52 + 2^51.
  ['tobit(2^53 + 2)', () => bit.tobit(2 ** 53 + 2), 1],
  ['tobit(inf)', () => bit.tobit(Infinity), 0],
  ['tobit(nan)', () => bit.tobit(NaN), 0],

  // tohex
  ['tohex(1)', () => bit.tohex(1), '00000001'],
  ['tohex(-1)', () => bit.tohex(-1), 'ffffffff'],
  ['tohex(0xffffffff)', () => bit.tohex(0xffffffff), 'ffffffff'],
  ['tohex(-1, -8)', () => bit.tohex(-1, -8), 'FFFFFFFF'],
  ['tohex(0x21, 4)', () => bit.tohex(0x21, 4), '0021'],
  ['tohex(0x87654321, 4)', () => bit.tohex(0x87654321, 4), '4321'],
  ['tohex(255, -4)', () => bit.tohex(255, -4), '00FF'],
  ['tohex(0xabcdef, 1)', () => bit.tohex(0xabcdef, 1), 'f'],
  ['tohex(2^31)', () => bit.tohex(2 ** 31), '80000000'],
  ['tohex(x, 0)', () => bit.tohex(0x1234, 0), ''],
  ['tohex(-1, 10) pads like LuaJIT 2.1', () => bit.tohex(-1, 10), '00ffffffff'],
  ['tohex(1, -2^31) clamps', () => (bit.tohex(1, -(2 ** 31)) as string).length, 254],

  // bnot / band / bor / bxor
  ['bnot(0)', () => bit.bnot(0), -1],
  ['bnot(-1)', () => bit.bnot(-1), 0],
  ['bnot(0xffffffff)', () => bit.bnot(0xffffffff), 0],
  ['bnot(0x12345678)', () => bit.bnot(0x12345678), 0xedcba987 - 2 ** 32],
  ['bor(1, 2, 4, 8)', () => bit.bor(1, 2, 4, 8), 15],
  ['bor(5)', () => bit.bor(5), 5],
  ['band(0x12345678, 0xff)', () => bit.band(0x12345678, 0xff), 0x78],
  ['band(-1, 0xffffffff, 2^32 + 7)', () => bit.band(-1, 0xffffffff, 2 ** 32 + 7), 7],
  ['bxor(0xa5a5f0f0, 0xaa55ff00)', () => bit.bxor(0xa5a5f0f0, 0xaa55ff00), 0x0ff00ff0],
  ['bxor(1, 3, 7)', () => bit.bxor(1, 3, 7), 5],

  // shifts: only the low 5 bits of the count matter
  ['lshift(1, 0)', () => bit.lshift(1, 0), 1],
  ['lshift(1, 8)', () => bit.lshift(1, 8), 256],
  ['lshift(1, 40)', () => bit.lshift(1, 40), 256],
  ['lshift(1, 31)', () => bit.lshift(1, 31), -2147483648],
  ['lshift(1, -1)', () => bit.lshift(1, -1), -2147483648],
  ['rshift(256, 8)', () => bit.rshift(256, 8), 1],
  ['rshift(-256, 8)', () => bit.rshift(-256, 8), 16777215],
  ['rshift(-1, 0)', () => bit.rshift(-1, 0), -1],
  ['arshift(256, 8)', () => bit.arshift(256, 8), 1],
  ['arshift(-256, 8)', () => bit.arshift(-256, 8), -1],
  ['lshift(0x87654321, 12)', () => bit.lshift(0x87654321, 12), 0x54321000],
  ['rshift(0x87654321, 12)', () => bit.rshift(0x87654321, 12), 0x00087654],
  ['arshift(0x87654321, 12)', () => bit.arshift(0x87654321, 12), 0xfff87654 - 2 ** 32],
  ['rol(0x12345678, 12)', () => bit.rol(0x12345678, 12), 0x45678123],
  ['ror(0x12345678, 12)', () => bit.ror(0x12345678, 12), 0x67812345],
  ['rol(x, 0)', () => bit.rol(0x80000001, 0), -2147483647],
  ['ror(x, 32)', () => bit.ror(0x80000001, 32), -2147483647],
  ['rol(0x80000000, 1)', () => bit.rol(0x80000000, 1), 1],

  // bswap
  ['bswap(0x12345678)', () => bit.bswap(0x12345678), 0x78563412],
  ['bswap(0x78563412)', () => bit.bswap(0x78563412), 0x12345678],
  ['bswap(0xff)', () => bit.bswap(0xff), -16777216],
];

for (const [name, run, expected] of cases) {
  test(name, () => {
    assert.is(run(), expected);
  });
}

test('results never carry a negative zero', () => {
  assert.ok(Object.is(bit.tobit(-0), 0));
  assert.ok(Object.is(bit.band(-0.4, -1), 0));
});

// ---- through a Lua state --------------------------------------------------

function run(src: string): string {
  const L = lauxlib.luaL_newstate();
  lualib.luaL_openlibs(L);
  bit.openBitLibrary(L);
  lua.lua_setglobal(L, to_luastring('bit'));
  const status = lauxlib.luaL_dostring(L, to_luastring(src));
  const text = to_jsstring(lauxlib.luaL_tolstring(L, -1));
  return status === lua.LUA_OK ? text : `error: ${text}`;
}

test('lua: documented examples', () => {
  assert.is(run('return bit.tobit(0xffffffff)'), '-1');
  assert.is(run('return bit.tohex(255, -4)'), '00FF');
  assert.is(run('return bit.tohex(-1)'), 'ffffffff');
  assert.is(run('return bit.band(0x12345678, 0xff, 0x0f)'), '8');
  assert.is(run('return bit.bor(1, 2, 4, 8)'), '15');
  assert.is(run('return bit.lshift(1, 40)'), '256');
  assert.is(run('return bit.rshift(-256, 8)'), '16777215');
  assert.is(run('return bit.tohex(bit.bswap(0x12345678))'), '78563412');
});

test('lua: results are plain numbers', () => {
  assert.is(run('return math.type and math.type(bit.band(3, 1)) or type(bit.band(3, 1))'), 'float');
  assert.is(run('return bit.tobit(2^32 + 1) + 0.5'), '1.5');
});

test('lua: numeric strings are accepted like LuaJIT', () => {
  assert.is(run('return bit.bor("0x10", "1")'), '17');
});

// LuaJIT reports the calling line, like luaL_argerror does here.
function argError(src: string, message: string): [string, string] {
  return [run(src), `error: [string "${src}"]:1: ${message}`];
}

test('lua: bad arguments raise the usual messages', () => {
  const checks = [
    argError('local r = bit.band(nil) return r', "bad argument #1 to 'band' (number expected, got nil)"),
    argError('local r = bit.bor(1, {}) return r', "bad argument #2 to 'bor' (number expected, got table)"),
    argError('local r = bit.bxor() return r', "bad argument #1 to 'bxor' (number expected, got no value)"),
    argError('local r = bit.lshift(1) return r', "bad argument #2 to 'lshift' (number expected, got no value)"),
    argError('local r = bit.tohex(1, nil) return r', "bad argument #2 to 'tohex' (number expected, got nil)"),
  ];
  for (const [actual, expected] of checks) assert.is(actual, expected);
});

test('lua: bad arguments are catchable errors', () => {
  assert.is(run('return (pcall(bit.tobit, "x"))'), 'false');
  assert.is(run('return (pcall(bit.band))'), 'false');
});

test.run();
