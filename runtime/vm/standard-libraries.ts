// Which of fengari's libraries a VM gets, and what is taken out of them.
// Fengari's `js` library, its package.searchers (which load .js files) and
// package.loadlib would run JavaScript with Node's full privileges; io.popen and
// os.execute would start processes behind the sandbox's back. None of them
// works in a VM (the last three raise an error saying so). require() is
// Emilua's own (modules/loader).

import { lua, lauxlib, lualib, luaString, setFunctions, LuaState, LuaJsFunction } from '../lua/lua-api';
import { print } from '../lua/print';
import { openIoLibrary } from './io-library';
import { openBitLibrary } from '../lua/dialect/bit-library';
import { fixed, exponential, general, hexadecimal } from '../modules/format/format-float';
import { makeCollectGarbage } from './collect-garbage';
import { debugTraceback } from '../fiber/debug-traceback';

const LIBRARIES: ReadonlyArray<[string, LuaJsFunction]> = [
  ['_G', lualib.luaopen_base],
  ['coroutine', lualib.luaopen_coroutine],
  ['table', lualib.luaopen_table],
  ['string', lualib.luaopen_string],
  ['math', lualib.luaopen_math],
  ['utf8', lualib.luaopen_utf8],
  ['debug', lualib.luaopen_debug],
  ['io', openIoLibrary],
  ['os', lualib.luaopen_os],
];

function setLibraryFunction(L: LuaState, table: string, field: string, fn: LuaJsFunction): void {
  lua.lua_getglobal(L, luaString(table));
  lua.lua_pushcfunction(L, fn);
  lua.lua_setfield(L, -2, luaString(field));
  lua.lua_pop(L, 1);
}

const unavailable = (what: string, why: string): LuaJsFunction => (L) =>
  lauxlib.luaL_error(L, luaString(`${what} is not available in emilua-ts (${why})`));

export function openStandardLibraries(L: LuaState): void {
  for (const [name, open] of LIBRARIES) {
    lauxlib.luaL_requiref(L, luaString(name), open, 1);
    lua.lua_pop(L, 1);
  }
  // fengari's os.execute is replaced (it would start a shell behind the
  // sandbox's back), and io.popen, which the io library never had, raises too.
  setLibraryFunction(L, 'os', 'execute', unavailable('os.execute', 'scripts cannot start processes this way'));
  setLibraryFunction(L, 'io', 'popen', unavailable('io.popen', 'scripts cannot start processes this way'));

  // A `package` table without loaders: scripts that probe it get clear errors.
  lua.lua_createtable(L, 0, 2);
  setFunctions(L, -1, {
    loadlib: unavailable('package.loadlib', 'native and JavaScript libraries cannot be loaded'),
  });
  lua.lua_createtable(L, 0, 0);
  lua.lua_setfield(L, -2, luaString('loaded'));
  lua.lua_setglobal(L, luaString('package'));

  openBitLibrary(L);
  lua.lua_setglobal(L, luaString('bit'));

  lua.lua_pushcfunction(L, print);
  lua.lua_setglobal(L, luaString('print'));
  lua.lua_pushcfunction(L, makeCollectGarbage());
  lua.lua_setglobal(L, luaString('collectgarbage'));
  // Tracebacks as LuaJIT prints them in Emilua (errors/traceback.ts).
  setLibraryFunction(L, 'debug', 'traceback', debugTraceback);

  addLua51Functions(L);
  replaceStringFormat(L);
}

// --- Lua 5.1 / LuaJIT functions that Lua 5.3 dropped -----------------------

function ldexp(m: number, e: number): number {
  let x = m;
  let exp = Math.trunc(e);
  while (exp > 1023) { x *= 2 ** 1023; exp -= 1023; if (!Number.isFinite(x)) return x; }
  while (exp < -1022) { x *= 2 ** -1022; exp += 1022; if (x === 0) return x; }
  return x * 2 ** exp;
}

function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(x))) + 1);
  let m = ldexp(x, -e);
  // log2 can be off by one near powers of two.
  while (Math.abs(m) < 0.5) { m *= 2; e--; }
  while (Math.abs(m) >= 1) { m /= 2; e++; }
  return [m, e];
}

function addLua51Functions(L: LuaState): void {
  const unary = (f: (x: number) => number): LuaJsFunction => (L) => {
    lua.lua_pushnumber(L, f(lauxlib.luaL_checknumber(L, 1)));
    return 1;
  };
  lua.lua_getglobal(L, luaString('math'));
  setFunctions(L, -1, {
    pow(L) {
      lua.lua_pushnumber(L, lauxlib.luaL_checknumber(L, 1) ** lauxlib.luaL_checknumber(L, 2));
      return 1;
    },
    atan2(L) {
      lua.lua_pushnumber(L, Math.atan2(lauxlib.luaL_checknumber(L, 1), lauxlib.luaL_checknumber(L, 2)));
      return 1;
    },
    log10: unary(Math.log10),
    cosh: unary(Math.cosh),
    sinh: unary(Math.sinh),
    tanh: unary(Math.tanh),
    ldexp(L) {
      lua.lua_pushnumber(L, ldexp(lauxlib.luaL_checknumber(L, 1), lauxlib.luaL_checknumber(L, 2)));
      return 1;
    },
    frexp(L) {
      const [m, e] = frexp(lauxlib.luaL_checknumber(L, 1));
      lua.lua_pushnumber(L, m);
      lua.lua_pushnumber(L, e);
      return 2;
    },
  });
  lua.lua_pop(L, 1);

  lua.lua_getglobal(L, luaString('table'));
  setFunctions(L, -1, {
    // The largest positive numeric key (0 if none).
    maxn(L) {
      lauxlib.luaL_checktype(L, 1, lua.LUA_TTABLE);
      let max = 0;
      lua.lua_pushnil(L);
      while (lua.lua_next(L, 1) !== 0) {
        lua.lua_pop(L, 1);
        if (lua.lua_type(L, -1) === lua.LUA_TNUMBER) max = Math.max(max, lua.lua_tonumber(L, -1));
      }
      lua.lua_pushnumber(L, max);
      return 1;
    },
  });
  lua.lua_pop(L, 1);
}

// --- string.format with C's number conversions -----------------------------
// fengari formats numbers through a JavaScript sprintf whose %g ignores the
// default precision (1e20 prints in full), which has no %E/%G/%F/%A, and whose
// %d refuses values past 32 bits. LuaJIT hands numbers to the C library, so
// the numeric conversions are done here (exact, round-half-even digits);
// %s, %q and %% stay with fengari's implementation.

const FLAGS = '-+ #0';
const PERCENT = 0x25;

interface Conversion {
  flags: string;
  width: number;
  precision: number; // -1 when absent
  conversion: string;
}

function pad(body: string, sign: string, spec: Conversion, zeroAllowed: boolean): string {
  const width = spec.width;
  const length = sign.length + body.length;
  if (length >= width) return sign + body;
  const fill = width - length;
  if (spec.flags.includes('-')) return sign + body + ' '.repeat(fill);
  if (spec.flags.includes('0') && zeroAllowed) return sign + '0'.repeat(fill) + body;
  return ' '.repeat(fill) + sign + body;
}

function signOf(negative: boolean, flags: string): string {
  if (negative) return '-';
  if (flags.includes('+')) return '+';
  if (flags.includes(' ')) return ' ';
  return '';
}

function formatFloat(x: number, spec: Conversion): string {
  const c = spec.conversion;
  const upper = c === 'E' || c === 'F' || c === 'G' || c === 'A';
  const negative = x < 0 || Object.is(x, -0) || (Number.isNaN(x) && nanIsNegative(x));
  const sign = signOf(negative, spec.flags);
  if (!Number.isFinite(x)) {
    const text = Number.isNaN(x) ? 'nan' : 'inf';
    return pad(upper ? text.toUpperCase() : text, sign, spec, false);
  }
  const a = Math.abs(x);
  const alt = spec.flags.includes('#');
  const precision = spec.precision;
  let body: string;
  switch (c.toLowerCase()) {
    case 'f':
      body = fixed(a, precision < 0 ? 6 : precision, alt);
      break;
    case 'e':
      body = exponential(a, precision < 0 ? 6 : precision, alt, upper);
      break;
    case 'g':
      body = general(a, precision < 0 ? 6 : precision === 0 ? 1 : precision, alt, upper);
      break;
    default: // 'a'
      body = hexadecimal(a, precision, alt, upper);
      break;
  }
  return pad(body, sign, spec, true);
}

const nanView = new DataView(new ArrayBuffer(8));
function nanIsNegative(x: number): boolean {
  nanView.setFloat64(0, x);
  return (nanView.getUint8(0) & 0x80) !== 0;
}

function formatInteger(L: LuaState, arg: number, spec: Conversion): string {
  const x = lauxlib.luaL_checknumber(L, arg);
  if (!Number.isFinite(x)) {
    lauxlib.luaL_argerror(L, arg, luaString('number has no integer representation'));
  }
  const value = BigInt(Math.trunc(x));
  const c = spec.conversion;
  if (c === 'c') return pad(String.fromCharCode(Number(BigInt.asUintN(8, value))), '', spec, false);
  let digits: string;
  let sign = '';
  if (c === 'd' || c === 'i') {
    sign = signOf(value < 0n, spec.flags);
    digits = (value < 0n ? -value : value).toString();
  } else {
    // Unsigned conversions see the 64-bit two's complement, as in LuaJIT.
    const unsigned = BigInt.asUintN(64, value);
    digits = unsigned.toString(c === 'o' ? 8 : c === 'u' ? 10 : 16);
    if (c === 'X') digits = digits.toUpperCase();
    if (spec.flags.includes('#') && unsigned !== 0n) {
      if (c === 'x') sign = '0x';
      if (c === 'X') sign = '0X';
      if (c === 'o' && !digits.startsWith('0')) digits = '0' + digits;
    }
  }
  if (spec.precision >= 0) {
    if (spec.precision === 0 && value === 0n) digits = '';
    digits = digits.padStart(spec.precision, '0');
  }
  return pad(digits, sign, spec, spec.precision < 0);
}

function replaceStringFormat(L: LuaState): void {
  lua.lua_getglobal(L, luaString('string'));
  lua.lua_getfield(L, -1, luaString('format'));
  const original = lua.lua_toproxy(L, -1) as (L: LuaState) => void;
  lua.lua_pop(L, 1);

  const format: LuaJsFunction = (L) => {
    const fmt: Uint8Array = lauxlib.luaL_checklstring(L, 1);
    const top = lua.lua_gettop(L);
    const out: Array<Uint8Array | string> = [];
    let arg = 1;
    let i = 0;
    let literalStart = 0;
    const nextArg = (): number => {
      arg++;
      if (arg > top) lauxlib.luaL_argerror(L, arg, luaString('no value'));
      return arg;
    };
    while (i < fmt.length) {
      if (fmt[i] !== PERCENT) {
        i++;
        continue;
      }
      if (i > literalStart) out.push(fmt.subarray(literalStart, i));
      const specStart = i;
      i++;
      if (fmt[i] === PERCENT) {
        out.push('%');
        i++;
        literalStart = i;
        continue;
      }
      let flags = '';
      while (i < fmt.length && FLAGS.includes(String.fromCharCode(fmt[i]))) {
        const flag = String.fromCharCode(fmt[i++]);
        if (flags.includes(flag)) lauxlib.luaL_error(L, luaString('invalid format (repeated flags)'));
        flags += flag;
      }
      const readNumber = (): number => {
        const start = i;
        while (i < fmt.length && fmt[i] >= 0x30 && fmt[i] <= 0x39) i++;
        if (i - start > 2) lauxlib.luaL_error(L, luaString('invalid format (width or precision too long)'));
        return i === start ? -1 : Number(String.fromCharCode(...fmt.subarray(start, i)));
      };
      const width = Math.max(readNumber(), 0);
      let precision = -1;
      if (fmt[i] === 0x2e) {
        i++;
        precision = Math.max(readNumber(), 0);
      }
      if (i >= fmt.length) lauxlib.luaL_error(L, luaString("invalid conversion '%%' to 'format'"));
      const conversion = String.fromCharCode(fmt[i++]);
      const spec: Conversion = { flags, width, precision, conversion };
      literalStart = i;
      if ('diouxXc'.includes(conversion)) {
        out.push(formatInteger(L, nextArg(), spec));
      } else if ('eEfFgGaA'.includes(conversion)) {
        out.push(formatFloat(lauxlib.luaL_checknumber(L, nextArg()), spec));
      } else if (conversion === 's' || conversion === 'q') {
        // fengari's own %s (tostring, __tostring) and %q.
        const index = nextArg();
        original(L);
        lua.lua_pushlstring(L, fmt.subarray(specStart, i), i - specStart);
        lua.lua_pushvalue(L, index);
        lua.lua_call(L, 2, 1);
        out.push(lua.lua_tolstring(L, -1) as Uint8Array);
        lua.lua_pop(L, 1);
      } else {
        // luaL_error formats its message: '%%' is a literal '%'.
        lauxlib.luaL_error(L, luaString(`invalid option '%%${conversion}' to 'format'`));
      }
    }
    if (i > literalStart) out.push(fmt.subarray(literalStart, i));
    const parts = out.map((part) => (typeof part === 'string' ? luaString(part) : part));
    const size = parts.reduce((n, part) => n + part.length, 0);
    const result = new Uint8Array(size);
    let offset = 0;
    for (const part of parts) {
      result.set(part, offset);
      offset += part.length;
    }
    lua.lua_pushlstring(L, result, size);
    return 1;
  };
  lua.lua_pushcfunction(L, format);
  lua.lua_setfield(L, -2, luaString('format'));
  lua.lua_pop(L, 1);
}
