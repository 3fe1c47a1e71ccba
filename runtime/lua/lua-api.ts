// Small typed conveniences over fengari's C-style API, shared by every module.

import { lua, lauxlib, lualib, to_luastring, LuaState, LuaJsFunction } from './fengari';

export { lua, lauxlib, lualib, to_luastring };
export type { LuaState, LuaJsFunction };

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

export function luaString(text: string): Uint8Array {
  return encoder.encode(text);
}

export function pushText(L: LuaState, text: string): void {
  lua.lua_pushstring(L, encoder.encode(text));
}

/** Reads a Lua string as text (for names and messages, never for paths). */
export function toText(L: LuaState, idx: number): string {
  const bytes: Uint8Array | null = lua.lua_tolstring(L, idx);
  return bytes === null ? '' : decoder.decode(bytes);
}

const indexKeys = new WeakMap<Uint8Array, string>();

/**
 * The key of an __index/__newindex call (argument 2) as text, '' when it is
 * not a string. A key written in a script is the same string object at
 * every call, so it is decoded only once.
 */
export function indexKey(L: LuaState): string {
  if (lua.lua_type(L, 2) !== lua.LUA_TSTRING) return '';
  const bytes: Uint8Array = lua.lua_tolstring(L, 2);
  let text = indexKeys.get(bytes);
  if (text === undefined) {
    text = decoder.decode(bytes);
    indexKeys.set(bytes, text);
  }
  return text;
}

export function setFunction(L: LuaState, tableIdx: number, name: string, fn: LuaJsFunction): void {
  const abs = lua.lua_absindex(L, tableIdx);
  lua.lua_pushcfunction(L, fn);
  lua.lua_setfield(L, abs, luaString(name));
}

export function setFunctions(L: LuaState, tableIdx: number, fns: Record<string, LuaJsFunction>): void {
  for (const [name, fn] of Object.entries(fns)) setFunction(L, tableIdx, name, fn);
}

export function typeName(L: LuaState, idx: number): string {
  return decoder.decode(lauxlib.luaL_typename(L, idx));
}

/**
 * Userdata objects carry their host object in the data slot fengari gives
 * every userdata; `kind` tells which class it is, so a script cannot pass a
 * fiber where a mutex is expected.
 */
const KIND = Symbol('emilua-ts kind');
const VALUE = Symbol('emilua-ts value');

/**
 * Pushes the registry's metatable named `metatableKey` (nil when there is
 * none); returns its type. The first lookup by name also stores the table
 * under the key array itself (a light userdata key), because fengari hashes
 * a string key afresh at every lookup from JavaScript, which made creating
 * objects slow; later lookups by identity skip that.
 */
export function pushNamedMetatable(L: LuaState, metatableKey: Uint8Array): number {
  if (lua.lua_rawgetp(L, lua.LUA_REGISTRYINDEX, metatableKey) === lua.LUA_TTABLE) return lua.LUA_TTABLE;
  lua.lua_pop(L, 1);
  const type = lauxlib.luaL_getmetatable(L, metatableKey);
  if (type === lua.LUA_TTABLE) {
    lua.lua_pushvalue(L, -1);
    lua.lua_rawsetp(L, lua.LUA_REGISTRYINDEX, metatableKey);
  }
  return type;
}

/**
 * Pushes a new userdata holding `value`, with the metatable registered as
 * `metatableKey` (created first by `install` when given and still missing).
 */
export function pushUserdata(
  L: LuaState, kind: string, value: unknown, metatableKey: Uint8Array, install?: (L: LuaState) => void,
): void {
  const data = lua.lua_newuserdata(L, 0);
  data[KIND] = kind;
  data[VALUE] = value;
  if (pushNamedMetatable(L, metatableKey) !== lua.LUA_TTABLE && install !== undefined) {
    lua.lua_pop(L, 1);
    install(L);
    pushNamedMetatable(L, metatableKey);
  }
  lua.lua_setmetatable(L, -2);
}

export function toUserdata<T>(L: LuaState, idx: number, kind: string): T | undefined {
  if (lua.lua_type(L, idx) !== lua.LUA_TUSERDATA) return undefined;
  const data = lua.lua_touserdata(L, idx);
  return data !== null && data[KIND] === kind ? (data[VALUE] as T) : undefined;
}

export function checkUserdata<T>(L: LuaState, idx: number, kind: string): T {
  const value = toUserdata<T>(L, idx, kind);
  if (value === undefined) lauxlib.luaL_argerror(L, idx, luaString(`${kind} expected`));
  return value as T;
}
