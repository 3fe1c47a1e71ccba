// Reads the Lua value a sender gives to send() into the codec's input form
// (value.ts), keeping what the in-process copier would silently drop (a
// function inside a table, a non-string key) so that validate() can refuse
// it with Emilua's EINVAL. Only the top level is walked: a nested table is
// refused whatever it holds, and a table is read no further than one member
// past the limit.

import { lua, lauxlib, LuaState } from '../../lua/lua-api';
import { MAX_MEMBERS, type IpcInput, type IpcInputItem } from './value';

/** How a userdata travels; the host (channel code) knows its own objects. */
export type UserdataKind =
  /** fd is -1 for a closed file_descriptor. */
  | { readonly type: 'fd'; readonly fd: number }
  /** A channel or the inbox: the sender makes its socketpair after validate(). */
  | { readonly type: 'address' }
  | { readonly type: 'unsupported' };

export type ClassifyUserdata = (L: LuaState, idx: number) => UserdataKind;

function item(L: LuaState, idx: number, classify: ClassifyUserdata): IpcInputItem {
  switch (lua.lua_type(L, idx)) {
    case lua.LUA_TNUMBER:
      return lua.lua_tonumber(L, idx);
    case lua.LUA_TBOOLEAN:
      return lua.lua_toboolean(L, idx);
    case lua.LUA_TSTRING:
      return lua.lua_tolstring(L, idx) as Uint8Array;
    case lua.LUA_TFUNCTION:
      return { kind: 'foreign', type: 'function' };
    case lua.LUA_TTHREAD:
      return { kind: 'foreign', type: 'coroutine' };
    case lua.LUA_TLIGHTUSERDATA:
      return { kind: 'foreign', type: 'light userdata' };
    case lua.LUA_TUSERDATA: {
      const what = classify(L, idx);
      if (what.type === 'fd') return what.fd < 0 ? { kind: 'foreign', type: 'closed fd' } : { kind: 'fd', fd: what.fd };
      if (what.type === 'address') return { kind: 'address', fd: -1 };
      return { kind: 'foreign', type: 'userdata' };
    }
    case lua.LUA_TTABLE:
      return { kind: 'table', hasMetatable: hasMetatable(L, idx), entries: [] };
    default:
      return { kind: 'foreign', type: 'nil' };
  }
}

function hasMetatable(L: LuaState, idx: number): boolean {
  if (!lua.lua_getmetatable(L, idx)) return false;
  lua.lua_pop(L, 1);
  return true;
}

/**
 * The value at idx as codec input. Address leaves come back with fd -1: the
 * caller fills them in once validate() has passed. The Lua stack is left as
 * it was.
 */
export function readIpcInput(L: LuaState, idx: number, classify: ClassifyUserdata): IpcInput {
  const abs = lua.lua_absindex(L, idx);
  if (lua.lua_type(L, abs) !== lua.LUA_TTABLE) return item(L, abs, classify);
  const entries: Array<readonly [IpcInputItem, IpcInputItem]> = [];
  const top = lua.lua_gettop(L);
  lauxlib.luaL_checkstack(L, 3, null);
  lua.lua_pushnil(L);
  while (entries.length <= MAX_MEMBERS && lua.lua_next(L, abs) !== 0) {
    entries.push([item(L, -2, classify), item(L, -1, classify)]);
    lua.lua_pop(L, 1);
  }
  lua.lua_settop(L, top);
  return { kind: 'table', hasMetatable: hasMetatable(L, abs), entries };
}
