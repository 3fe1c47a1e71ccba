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

export function pushUserdata(L: LuaState, kind: string, value: unknown, metatableKey: Uint8Array): void {
  const data = lua.lua_newuserdata(L, 0);
  data[KIND] = kind;
  data[VALUE] = value;
  lauxlib.luaL_setmetatable(L, metatableKey);
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
