// The io.file userdata as the library's functions take it, and the failure
// they return as LuaJIT does.

import { lua, lauxlib, luaString, toUserdata, typeName, LuaState } from '../../lua/lua-api';
import { systemCategory } from '../../errors/categories';
import { LuaFile } from './lua-file';

export const KIND = 'io.file';

export function checkFile(L: LuaState, idx: number): LuaFile {
  const file = toUserdata<LuaFile>(L, idx, KIND);
  if (file === undefined) return lauxlib.luaL_argerror(L, idx, luaString(`FILE* expected, got ${typeName(L, idx)}`)) as never;
  return file;
}

export function checkOpenFile(L: LuaState, idx: number): LuaFile {
  const file = checkFile(L, idx);
  if (file.closed) return lauxlib.luaL_error(L, luaString('attempt to use a closed file')) as never;
  return file;
}

/** LuaJIT's failure triple: nil, "[name: ]message", errno. */
export function pushFailure(L: LuaState, errno: number, name?: Uint8Array): number {
  const message = luaString(systemCategory.message(errno));
  lua.lua_pushnil(L);
  lua.lua_pushstring(L, name === undefined ? message : Buffer.concat([name, Buffer.from(': '), message]));
  lua.lua_pushnumber(L, errno);
  return 3;
}
