// Expected values come from Emilua's format() reference page, libfmt's syntax
// documentation and printf (which libfmt matches for e/f/g/a).

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatBytes, type FormatArg } from '../../runtime/modules/format/format-string';
import { formatFunction } from '../../runtime/modules/format';
import { lauxlib, lua, lualib, to_jsstring, to_luastring } from '../../runtime/lua/fengari';

type Plain = boolean | number | string;
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const toArg = (x: Plain): boolean | number | Uint8Array => (typeof x === 'string' ? utf8(x) : x);

function format(fmt: string, ...args: Array<Plain | [string, Plain]>): string {
  const converted: FormatArg[] = args.map((a) =>
    Array.isArray(a) ? { name: utf8(a[0]), value: toArg(a[1]) } : toArg(a),
  );
  return Buffer.from(formatBytes(utf8(fmt), converted)).toString('utf8');
}

function table(name: string, rows: Array<[string, Array<Plain | [string, Plain]>, string]>): void {
  test(name, () => {
    for (const [fmt, args, expected] of rows) {
      assert.is(format(fmt, ...args), expected, `format(${JSON.stringify(fmt)}, ${JSON.stringify(args)})`);
    }
  });
}

table('Emilua reference examples', [
  ['{0}, {1}, {2}', ['a', 'b', 'c'], 'a, b, c'],
  ['{}, {}, {}', ['a', 'b', 'c'], 'a, b, c'],
  ['{2}, {1}, {0}', ['a', 'b', 'c'], 'c, b, a'],
  ['{0}{1}{0}', ['abra', 'cad'], 'abracadabra'],
  ['{:.{}f}', [3.14, 1], '3.1'],
  ['Elapsed time: {s:.2f} seconds', [['s', 1.23]], 'Elapsed time: 1.23 seconds'],
]);

table('braces and literal text', [
  ['', [], ''],
  ['no fields', [], 'no fields'],
  ['{{', [], '{'],
  ['}}', [], '}'],
  ['{{}}', [], '{}'],
  ['{{{0}}}', [42], '{42}'],
  ['before {} after', [1], 'before 1 after'],
  ['{0:}', [42], '42'],
]);

table('numbers under {}: integral doubles print as integers', [
  ['{}', [3], '3'],
  ['{}', [-42], '-42'],
  ['{}', [-0], '0'],
  ['{}', [2 ** 31], '2147483648'],
  ['{}', [-0x80000000], '-2147483648'],
  ['{}', [2 ** 53], '9007199254740992'],
  ['{}', [1e16], '10000000000000000'],
  ['{}', [-(2 ** 63)], '-9223372036854775808'],
  // From 2^63 up the value no longer fits an int64_t and is a double.
  ['{}', [2 ** 63], '9.223372036854776e+18'],
  ['{}', [1e300], '1e+300'],
]);

table('numbers under {}: other doubles use the shortest round-trip form', [
  ['{}', [0.1], '0.1'],
  ['{}', [-1.5], '-1.5'],
  ['{}', [392.65], '392.65'],
  ['{}', [1 / 3], '0.3333333333333333'],
  ['{}', [0.0001], '0.0001'],
  ['{}', [0.00001], '1e-05'],
  ['{}', [1.5e-300], '1.5e-300'],
  ['{}', [123456789.125], '123456789.125'],
  ['{}', [Infinity], 'inf'],
  ['{}', [-Infinity], '-inf'],
  ['{}', [NaN], 'nan'],
  ['{:.3}', [3.14159], '3.14'],
  ['{:.2}', [1.2345], '1.2'],
  ['{:.0}', [1.5], '2'],
]);

table('floating-point presentations', [
  ['{:f}', [392.65], '392.650000'],
  ['{:F}', [392.65], '392.650000'],
  ['{:e}', [392.65], '3.926500e+02'],
  ['{:E}', [392.65], '3.926500E+02'],
  ['{:g}', [392.65], '392.65'],
  ['{:G}', [1e-10], '1E-10'],
  ['{:g}', [123456789], '1.23457e+08'],
  ['{:g}', [0.00001], '1e-05'],
  ['{:+010.4g}', [392.65], '+0000392.6'],
  ['{:03.2f}', [-1.2], '-1.20'],
  ['{:+f}; {:+f}', [3.14, -3.14], '+3.140000; -3.140000'],
  ['{: f}; {: f}', [3.14, -3.14], ' 3.140000; -3.140000'],
  ['{:-f}; {:-f}', [3.14, -3.14], '3.140000; -3.140000'],
  ['{:0.10f}', [1.234], '1.2340000000'],
  ['{:.2f}', [0.125], '0.12'], // exact ties round half to even
  ['{:.0f}', [2.5], '2'],
  ['{:.0f}', [3.5], '4'],
  ['{:.1f}', [0.05], '0.1'], // 0.05 is slightly above a tie
  ['{:.0e}', [2.5], '2e+00'],
  ['{:.2e}', [9.995], '9.99e+00'],
  ['{:.2e}', [9.9951], '1.00e+01'],
  ['{:#.0f}', [1.5], '2.'],
  ['{:#g}', [0.5], '0.500000'],
  ['{:#.3g}', [102.875], '103.'],
  ['{:#g}', [100000.5], '100000.'],
  ['{:#e}', [1.5], '1.500000e+00'],
  ['{:f}', [-0.0], '-0.000000'],
  ['{:F}', [Infinity], 'INF'],
  ['{:+}', [Infinity], '+inf'],
  ['{: }', [NaN], ' nan'],
  ['{:<7}|', [Infinity], 'inf    |'],
  ['{:^7}|', [NaN], '  nan  |'],
  ['{:07}', [-Infinity], '   -inf'], // the '0' flag does not pad inf/nan
  ['{:a}', [-42.0], '-0x1.5p+5'],
  ['{:A}', [-42.0], '-0X1.5P+5'],
  ['{:a}', [1], '0x1p+0'],
  ['{:.2a}', [1.0], '0x1.00p+0'],
  // Integral numbers accept float presentations and precisions too.
  ['{:.2f}', [3], '3.00'],
  ['{:e}', [100], '1.000000e+02'],
]);

table('integer presentations', [
  ['int: {0:d};  hex: {0:x};  oct: {0:o}; bin: {0:b}', [42], 'int: 42;  hex: 2a;  oct: 52; bin: 101010'],
  ['int: {0:d};  hex: {0:#x};  oct: {0:#o};  bin: {0:#b}', [42], 'int: 42;  hex: 0x2a;  oct: 052;  bin: 0b101010'],
  ['{:#04x}', [0], '0x00'],
  ['{:X}', [0x90abcdef], '90ABCDEF'],
  ['{:#X}', [255], '0XFF'],
  ['{:#B}', [5], '0B101'],
  ['{:x}', [-0x42], '-42'],
  ['{:#x}', [-0x42], '-0x42'],
  ['{:#o}', [0], '0'],
  ['{:b}', [2 ** 32 - 1], '11111111111111111111111111111111'],
  ['{:x}', [-(2 ** 63)], '-8000000000000000'],
  ['{:d}', [2 ** 53 + 2], '9007199254740994'],
  ['{:c}', [65], 'A'],
  ['{:+}', [42], '+42'],
  ['{: }', [42], ' 42'],
  ['{:-}', [-42], '-42'],
  ['{:#}', [42], '42'],
  ['{:L}', [1234567], '1234567'],
]);

table('width, fill and alignment', [
  ['{:<30}|', ['left aligned'], 'left aligned                  |'],
  ['{:>30}', ['right aligned'], '                 right aligned'],
  ['{:^30}', ['centered'], '           centered           '],
  ['{:*^30}', ['centered'], '***********centered***********'],
  ['{:<{}}|', ['left aligned', 30], 'left aligned                  |'],
  ['{:5}|', ['abc'], 'abc  |'],
  ['{:5}', [42], '   42'],
  ['{:<5}|', [-42], '-42  |'],
  ['{:^5}', [-42], ' -42 '],
  ['{:^6}|', ['abc'], ' abc  |'],
  ['{:*>5}', [-42], '**-42'],
  ['{:05}', [-42], '-0042'],
  ['{:05}', [-1.5], '-01.5'],
  ['{:#06x}', [42], '0x002a'],
  ['{:<06}|', [42], '42    |'], // an explicit alignment disables the '0' flag
  ['{:0>5}', [42], '00042'],
  ['{:8.3f}|', [-3.14159], '  -3.142|'],
  ['{:5}|', [true], 'true |'],
  ['{:>5}', [false], 'false'],
  ['{0:─^{2}}', ['', 'Hello, world!', 20], '────────────────────'],
  ['│{1: ^{2}}│', ['', 'Hello, world!', 20], '│   Hello, world!    │'],
  ['{:4}|', ['中文'], '中文|'], // wide characters take two columns
  ['{:5}|', ['é'], 'é    |'], // widths count code points, not bytes
  ['{:{}}', ['x', 3], 'x  '],
  ['{:>{w}}', ['x', ['w', 3]], '  x'],
]);

table('strings, booleans and precision', [
  ['{}', ['str'], 'str'],
  ['{:s}', ['str'], 'str'],
  ['{:.2}', ['str'], 'st'],
  ['{:.{}}', ['str', 2], 'st'],
  ['{:.2}', ['héllo'], 'hé'],
  ['{:.10}', ['short'], 'short'],
  ['{:?}', ['a"b\\\n\t'], '"a\\"b\\\\\\n\\t"'],
  ['{:?}', ['\x01'], '"\\x01"'],
  ['{}', [true], 'true'],
  ['{}', [false], 'false'],
  ['{:s}', [true], 'true'],
  ['{:d}', [true], '1'],
  ['{:#x}', [true], '0x1'],
]);

table('named and positional arguments', [
  ['{a}/{b}/{a}', [['a', 'x'], ['b', 2]], 'x/2/x'],
  ['{}/{}', [['a', 'x'], ['b', 2]], 'x/2'], // named arguments are positional too
  ['{1}{b}', [['a', 1], ['b', 2]], '22'],
  ['{} {n} {}', [1, ['n', 'N'], 3], '1 N N'],
  ['{_1}{A_}', [['A_', 'A'], ['_1', 1]], '1A'],
  ['{n:>4}', [['n', 7]], '   7'],
  ['{0:{width}}', [-42, ['width', 4]], ' -42'],
  ['{0:.{precision}}', ['str', ['precision', 2]], 'st'],
  ['{x}', [['x', true]], 'true'],
]);

function fails(name: string, rows: Array<[string, Array<Plain | [string, Plain]>, string]>): void {
  test(name, () => {
    for (const [fmt, args, expected] of rows) {
      try {
        const out = format(fmt, ...args);
        assert.unreachable(`format(${JSON.stringify(fmt)}) returned ${JSON.stringify(out)}`);
      } catch (e) {
        if (e instanceof assert.Assertion) throw e;
        assert.is((e as Error).message, `format: ${expected}`, `format(${JSON.stringify(fmt)})`);
      }
    }
  });
}

fails('malformed format strings', [
  ['{', [], 'invalid format string'],
  ['}', [], "unmatched '}' in format string"],
  ['x } y', [], "unmatched '}' in format string"],
  ['{0{}', [1], 'invalid format string'],
  ['{?}', [1], 'invalid format string'],
  ['{0', [1], 'invalid format string'],
  ['{01}', [1], 'invalid format string'],
  ['{a+}', [['a', 1]], "missing '}' in format string"],
  ['{:5', [1], "missing '}' in format string"],
  ['{:.}', [1.5], 'missing precision specifier'],
  ['{:{<5}', ['x'], "invalid fill character '{'"],
  ['{:5z}', [1], 'invalid format specifier'],
  ['{:00}', [1], 'invalid format specifier'],
  ['{:#+}', [1], 'invalid format specifier'], // flags must come in order
  ['{0:{', [1], 'invalid format string'],
  ['{0:{0:}}', [1], 'invalid format string'],
  ['{:2147483648}', [1], 'number is too big'],
]);

fails('argument lookup', [
  ['{}', [], 'argument not found'],
  ['{} {}', [1], 'argument not found'],
  ['{1}', [1], 'argument not found'],
  ['{name}', [1], 'argument not found'],
  ['{0}{}', [1, 2], 'cannot switch from manual to automatic argument indexing'],
  ['{}{0}', [1, 2], 'cannot switch from automatic to manual argument indexing'],
  ['{:.{0}}', [1.5, 2], 'cannot switch from automatic to manual argument indexing'],
  ['{0:{}}', [1, 2], 'cannot switch from manual to automatic argument indexing'],
  ['{a}{}{}', [['a', 1]], 'argument not found'],
]);

fails('specs that do not suit the argument', [
  ['{:d}', [1.5], "type 'd' needs an integral number, got 1.5"],
  ['{:x}', [0.5], "type 'x' needs an integral number, got 0.5"],
  ['{:d}', ['forty-two'], "type 'd' not allowed for string argument"],
  ['{:f}', ['x'], "type 'f' not allowed for string argument"],
  ['{:+}', ['abc'], 'format specifier requires numeric argument'],
  ['{:#}', ['abc'], 'format specifier requires numeric argument'],
  ['{:05}', ['abc'], 'format specifier requires numeric argument'],
  ['{:s}', [1], "type 's' not allowed for integer argument"],
  ['{:.2d}', [42], 'precision not allowed for integer argument'],
  ['{:+}', [true], "sign '+' not allowed for boolean argument"],
  ['{:c}', [true], "type 'c' not allowed for boolean argument"],
  ['{:.1}', [true], 'precision not allowed for boolean argument'],
  ['{:f}', [true], "type 'f' not allowed for boolean argument"],
  ['{:{}}', ['x', 1.5], 'width is not integer'],
  ['{:{}}', ['x', 'y'], 'width is not integer'],
  ['{:{}}', ['x', -1], 'negative width'],
  ['{:.{}}', ['x', -1], 'negative precision'],
  ['{:.{}}', ['x', true], 'precision is not integer'],
  ['{:{}}', ['x', 2 ** 31], 'number is too big'],
]);

test('bytes that are not UTF-8 pass through untouched', () => {
  const fmt = new Uint8Array([0xff, 0x7b, 0x7d, 0x7c, 0x7b, 0x3a, 0x33, 0x7d, 0x7c]); // "\xff{}|{:3}|"
  const out = formatBytes(fmt, [new Uint8Array([0x00, 0xfe]), new Uint8Array([0xc3])]);
  assert.equal([...out], [0xff, 0x00, 0xfe, 0x7c, 0xc3, 0x20, 0x20, 0x7c]);
});

test('a multi-byte fill is repeated whole', () => {
  assert.is(format('{:é>4}', 1), 'ééé1');
});

// ---- through a Lua state --------------------------------------------------

function run(src: string): string {
  const L = lauxlib.luaL_newstate();
  lualib.luaL_openlibs(L);
  lua.lua_pushcfunction(L, formatFunction);
  lua.lua_setglobal(L, to_luastring('format'));
  const status = lauxlib.luaL_dostring(L, to_luastring(src));
  const text = to_jsstring(lauxlib.luaL_tolstring(L, -1));
  return status === lua.LUA_OK ? text : `error: ${text}`;
}

test('lua: Emilua examples', () => {
  assert.is(run(`return format("{0}, {1}, {2}", 'a', 'b', 'c')`), 'a, b, c');
  assert.is(run(`return format("{2}, {1}, {0}", 'a', 'b', 'c')`), 'c, b, a');
  assert.is(run(`return format("{:.{}f}", 3.14, 1)`), '3.1');
  assert.is(run(`return format("Elapsed time: {s:.2f} seconds", {"s", 1.23})`), 'Elapsed time: 1.23 seconds');
});

test('lua: numbers, booleans and bytes', () => {
  assert.is(run(`return format('{}', 3)`), '3');
  assert.is(run(`return format('{} {}', 10 / 2, 0.1)`), '5 0.1');
  assert.is(run(`return format('{} {:x} {}', true, 255, 2^53)`), 'true ff 9007199254740992');
  assert.is(run(`return format('{:>6}|{:<4}|', 'ab', -1)`), '    ab|-1  |');
  assert.is(run(`return table.concat({string.byte(format('{}|{:3}', '\\255\\0', '\\254'), 1, -1)}, ',')`),
    '255,0,124,254,32,32');
});

test('lua: errors are strings starting with "format: "', () => {
  const errorOf = (call: string) => run(`local ok, e = pcall(format${call ? ', ' + call : ''}) return tostring(ok) .. ' ' .. e`);
  assert.is(errorOf(`'{:d}', 1.5`), "false format: type 'd' needs an integral number, got 1.5");
  assert.is(errorOf(`'{}'`), 'false format: argument not found');
  assert.is(errorOf(`'{'`), 'false format: invalid format string');
  assert.is(errorOf(`42`), 'false format: bad argument #1 (string expected, got number)');
  assert.is(errorOf(``), 'false format: bad argument #1 (string expected, got no value)');
  assert.is(errorOf(`'{}', nil`),
    'false format: bad argument #2 (boolean, number, string or {name, value} expected, got nil)');
  assert.is(errorOf(`'{}', print`),
    'false format: bad argument #2 (boolean, number, string or {name, value} expected, got function)');
  assert.is(errorOf(`'{a}', {'a'}`),
    'false format: bad argument #2 (a {name, value} table must have exactly 2 items)');
  assert.is(errorOf(`'{}', 1, {1, 2}`), 'false format: bad argument #3 (name must be a string, got number)');
  assert.is(errorOf(`'{a}', {'a', {}}`),
    'false format: bad argument #2 (value must be a boolean, number or string, got table)');
});

test('lua: the stack is left clean for the result', () => {
  assert.is(run(`return select('#', format('{a}{b}', {'a', 1}, {'b', 2}))`), '1');
  assert.is(run(`return format('{a}{b}', {'a', 1}, {'b', 2})`), '12');
});

test.run();
