// byte_span for Lua: the userdata metatable, its methods and the module table
// (new, with_zeros, append). Argument mistakes are EINVAL system errors naming
// the argument, positions outside a span are ERANGE and unknown keys bad_index,
// as Emilua raises them; numbers that Emilua reads with luaL_checkinteger keep
// Lua's own type error.

import { lua, lauxlib, luaString, setFunctions, pushUserdata, toUserdata, LuaState, LuaJsFunction, indexKey } from '../../lua/lua-api';
import { raiseGenericError, raiseRuntimeError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { checkTruncatedNumber } from '../../errors/args';
import { ByteSpan, ByteSpanError } from './byte-span';
import { PRIMITIVE_FORMATS, PrimitiveFormat, requireWidth, getPrimitive, setPrimitive } from './serialization';

const KIND = 'byte_span';
const METATABLE = luaString('emilua-ts byte_span');
const MODULE_KEY = luaString('emilua-ts byte_span module');

function raise(L: LuaState, errno: keyof typeof errnoCodes, arg?: number): never {
  // Emilua detects these itself: they belong to the generic category.
  return raiseGenericError(L, errnoCodes[errno], arg === undefined ? undefined : { arg });
}

/** Runs a ByteSpan operation, turning its ByteSpanError into the Lua error. */
function attempt<T>(L: LuaState, operation: () => T): T {
  try {
    return operation();
  } catch (err) {
    if (!(err instanceof ByteSpanError)) throw err;
    return raise(L, err.errno, err.arg);
  }
}

export function installByteSpan(L: LuaState): void {
  if (lauxlib.luaL_newmetatable(L, METATABLE)) {
    setFunctions(L, -1, metamethods);
    lua.lua_pushstring(L, luaString('byte_span'));
    lua.lua_setfield(L, -2, luaString('__metatable'));
  }
  lua.lua_pop(L, 1);
}

export function pushByteSpan(L: LuaState, span: ByteSpan): void {
  pushUserdata(L, KIND, span, METATABLE, installByteSpan);
}

/** The span at idx, or undefined for any other value. */
export function toByteSpan(L: LuaState, idx: number): ByteSpan | undefined {
  return toUserdata<ByteSpan>(L, idx, KIND);
}

/** The span at idx; anything else raises EINVAL with arg = idx. */
export function checkByteSpan(L: LuaState, idx: number): ByteSpan {
  const span = toByteSpan(L, idx);
  return span === undefined ? raise(L, 'EINVAL', idx) : span;
}

/**
 * The octets of a string or byte_span argument (nil too, as no octets, when
 * `nilIsEmpty`). Strings are fengari's own arrays and spans are live views:
 * read them, never write them.
 */
function checkOctets(L: LuaState, idx: number, nilIsEmpty: boolean): Uint8Array {
  switch (lua.lua_type(L, idx)) {
    case lua.LUA_TSTRING:
      return lua.lua_tolstring(L, idx) as Uint8Array;
    case lua.LUA_TUSERDATA:
      return checkByteSpan(L, idx).bytes;
    case lua.LUA_TNIL:
    case lua.LUA_TNONE:
      if (nilIsEmpty) return new Uint8Array(0);
  }
  return raise(L, 'EINVAL', idx);
}

/** An optional position: a number (truncated), or nil for `fallback`. */
function optPosition(L: LuaState, idx: number, fallback: number): number {
  switch (lua.lua_type(L, idx)) {
    case lua.LUA_TNUMBER:
      return Math.trunc(lua.lua_tonumber(L, idx));
    case lua.LUA_TNIL:
    case lua.LUA_TNONE:
      return fallback;
  }
  return raise(L, 'EINVAL', idx);
}

function pushIndex(L: LuaState, index: number | undefined): number {
  if (index === undefined) lua.lua_pushnil(L);
  else lua.lua_pushnumber(L, index);
  return 1;
}

/** Pushes `result`, or the value at stack index 1 when result is that span itself. */
function pushResult(L: LuaState, self: ByteSpan, result: ByteSpan): number {
  if (result === self) lua.lua_pushvalue(L, 1);
  else pushByteSpan(L, result);
  return 1;
}

function octetArgs(L: LuaState, from: number): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (let i = from, top = lua.lua_gettop(L); i <= top; i++) parts.push(checkOctets(L, i, true));
  return parts;
}

type Search = (span: ByteSpan, octets: Uint8Array, position: number) => number | undefined;

/** find, rfind and the find_*_of family: (self, octets|nil[, position]). */
function searchMethod(fallback: (span: ByteSpan) => number, run: Search): LuaJsFunction {
  return (L) => {
    const span = checkByteSpan(L, 1);
    const octets = checkOctets(L, 2, true);
    const position = optPosition(L, 3, fallback(span));
    return pushIndex(L, attempt(L, () => run(span, octets, position)));
  };
}

const fromStart = () => 1;
const fromEnd = (span: ByteSpan) => span.length;

const methods: Record<string, LuaJsFunction> = {
  sub(L) {
    const span = checkByteSpan(L, 1);
    const start = optPosition(L, 2, 1);
    const end = optPosition(L, 3, span.length);
    return pushResult(L, span, attempt(L, () => span.sub(start, end)));
  },
  first(L) {
    const span = checkByteSpan(L, 1);
    const count = checkTruncatedNumber(L, 2);
    return pushResult(L, span, attempt(L, () => span.first(count)));
  },
  last(L) {
    const span = checkByteSpan(L, 1);
    const count = checkTruncatedNumber(L, 2);
    return pushResult(L, span, attempt(L, () => span.last(count)));
  },
  copy(L) {
    const span = checkByteSpan(L, 1);
    lua.lua_pushnumber(L, span.copyFrom(checkOctets(L, 2, false)));
    return 1;
  },
  append(L) {
    const span = checkByteSpan(L, 1);
    const parts = octetArgs(L, 2);
    return pushResult(L, span, attempt(L, () => span.append(parts)));
  },
  fill(L) {
    const span = checkByteSpan(L, 1);
    span.fill(checkTruncatedNumber(L, 2));
    lua.lua_pushvalue(L, 1);
    return 1;
  },
  starts_with(L) {
    const span = checkByteSpan(L, 1);
    lua.lua_pushboolean(L, span.startsWith(checkOctets(L, 2, false)));
    return 1;
  },
  ends_with(L) {
    const span = checkByteSpan(L, 1);
    lua.lua_pushboolean(L, span.endsWith(checkOctets(L, 2, false)));
    return 1;
  },
  find: searchMethod(fromStart, (span, octets, start) => span.find(octets, start)),
  rfind: searchMethod(fromEnd, (span, octets, end) => span.rfind(octets, end)),
  find_first_of: searchMethod(fromStart, (span, octets, start) => span.findFirstOf(octets, start)),
  find_last_of: searchMethod(fromEnd, (span, octets, end) => span.findLastOf(octets, end)),
  find_first_not_of: searchMethod(fromStart, (span, octets, start) => span.findFirstNotOf(octets, start)),
  find_last_not_of: searchMethod(fromEnd, (span, octets, end) => span.findLastNotOf(octets, end)),
  trimmed(L) {
    const span = checkByteSpan(L, 1);
    const lws = lua.lua_isnoneornil(L, 2) ? undefined : checkOctets(L, 2, false);
    return pushResult(L, span, span.trimmed(lws));
  },
  inplace_lower(L) {
    checkByteSpan(L, 1).lowerInPlace();
    return 0;
  },
  inplace_upper(L) {
    checkByteSpan(L, 1).upperInPlace();
    return 0;
  },
};

function getter(format: PrimitiveFormat): LuaJsFunction {
  return (L) => {
    const span = checkByteSpan(L, 1);
    lua.lua_pushnumber(L, attempt(L, () => getPrimitive(span, format)));
    return 1;
  };
}

function setter(format: PrimitiveFormat): LuaJsFunction {
  return (L) => {
    const span = checkByteSpan(L, 1);
    attempt(L, () => requireWidth(format, span.length));
    const value = format.kind === 'float' ? lauxlib.luaL_checknumber(L, 2) : checkTruncatedNumber(L, 2);
    setPrimitive(span, format, value);
    return 0;
  };
}

for (const format of PRIMITIVE_FORMATS) {
  methods[`get_${format.name}`] = getter(format);
  methods[`set_${format.name}`] = setter(format);
}

const metamethods: Record<string, LuaJsFunction> = {
  __index(L) {
    const span = checkByteSpan(L, 1);
    switch (lua.lua_type(L, 2)) {
      case lua.LUA_TNUMBER: {
        const index = Math.trunc(lua.lua_tonumber(L, 2));
        lua.lua_pushnumber(L, attempt(L, () => span.at(index)));
        return 1;
      }
      case lua.LUA_TSTRING: {
        const key = indexKey(L);
        if (key === 'capacity') {
          lua.lua_pushnumber(L, span.capacity);
          return 1;
        }
        if (!Object.hasOwn(methods, key)) break;
        lua.lua_pushcfunction(L, methods[key]);
        return 1;
      }
    }
    return raiseRuntimeError(L, 'bad_index', { index: 2 });
  },
  __newindex(L) {
    const span = checkByteSpan(L, 1);
    if (lua.lua_type(L, 2) !== lua.LUA_TNUMBER) return raise(L, 'EPERM');
    if (lua.lua_type(L, 3) !== lua.LUA_TNUMBER) return raise(L, 'EINVAL', 3);
    const index = Math.trunc(lua.lua_tonumber(L, 2));
    const value = Math.trunc(lua.lua_tonumber(L, 3));
    attempt(L, () => span.setAt(index, value));
    return 0;
  },
  __len(L) {
    lua.lua_pushnumber(L, checkByteSpan(L, 1).length);
    return 1;
  },
  __eq(L) {
    const a = toByteSpan(L, 1);
    const b = toByteSpan(L, 2);
    lua.lua_pushboolean(L, a !== undefined && b !== undefined && a.equals(b));
    return 1;
  },
  __tostring(L) {
    const bytes = checkByteSpan(L, 1).bytes;
    // fengari copies the bytes into the new string.
    lua.lua_pushlstring(L, bytes, bytes.length);
    return 1;
  },
};

/** new(length[, capacity]) and with_zeros(length[, capacity]). */
const construct: LuaJsFunction = (L) => {
  if (lua.lua_type(L, 1) !== lua.LUA_TNUMBER) return raise(L, 'EINVAL', 1);
  const length = Math.trunc(lua.lua_tonumber(L, 1));
  const capacity = optPosition(L, 2, length);
  pushByteSpan(L, attempt(L, () => ByteSpan.allocate(length, capacity)));
  return 1;
};

const moduleFunctions: Record<string, LuaJsFunction> = {
  new: construct,
  // Our memory always starts zeroed, so with_zeros() is new() under another name.
  with_zeros: construct,
  append(L) {
    const parts = octetArgs(L, 1);
    pushByteSpan(L, attempt(L, () => ByteSpan.concat(parts)));
    return 1;
  },
};

/** Pushes the module table; one table per VM, shared with the global. */
export function openByteSpanModule(L: LuaState): void {
  if (lua.lua_getfield(L, lua.LUA_REGISTRYINDEX, MODULE_KEY) === lua.LUA_TTABLE) return;
  lua.lua_pop(L, 1);
  installByteSpan(L);
  lua.lua_createtable(L, 0, 3);
  setFunctions(L, -1, moduleFunctions);
  lua.lua_pushvalue(L, -1);
  lua.lua_setfield(L, lua.LUA_REGISTRYINDEX, MODULE_KEY);
}
