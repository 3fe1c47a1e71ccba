// The file object's methods and metatable (pushFile gives a new file both):
// write, close, lines, seek and the rest, which io.write, io.close and
// io.lines reuse on the default files.

import * as fs from 'node:fs';
import * as os from 'node:os';
import { lua, lauxlib, luaString, setFunctions, pushUserdata, typeName, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { loadAddon } from '../../native/load-addon';
import { errnoOf } from '../../errors/errno';
import { LuaFile, SEEK, writeAll, unclosed } from './lua-file';
import { KIND, checkFile, checkOpenFile, pushFailure } from './file-userdata';
import { readFormats } from './read-formats';

const METATABLE = luaString('emilua-ts io.file');

export function pushFile(L: LuaState, file: LuaFile): void {
  pushUserdata(L, KIND, file, METATABLE, installFileMetatable);
  if (!file.standard) unclosed.register(file, file.fd, file);
}

/** file:write(...) with the values from `first`; returns the file object at `self`. */
export function writeValues(L: LuaState, file: LuaFile, self: number, first: number): number {
  const top = lua.lua_gettop(L);
  const parts: Uint8Array[] = [];
  for (let arg = first; arg <= top; arg++) {
    const type = lua.lua_type(L, arg);
    if (type !== lua.LUA_TSTRING && type !== lua.LUA_TNUMBER) {
      return lauxlib.luaL_argerror(L, arg - first + 1, luaString(`string expected, got ${typeName(L, arg)}`));
    }
    parts.push(lua.lua_tolstring(L, arg) as Uint8Array);
  }
  try {
    if (file.pending > 0) file.unreadAhead();
    for (const part of parts) writeAll(file.fd, part);
  } catch (err) {
    return pushFailure(L, errnoOf(err));
  }
  lua.lua_pushvalue(L, self);
  return 1;
}

export function closeFile(L: LuaState, file: LuaFile): number {
  if (file.standard) {
    lua.lua_pushnil(L);
    lua.lua_pushstring(L, luaString('cannot close standard file'));
    return 2;
  }
  file.closed = true;
  file.discard();
  unclosed.unregister(file);
  try {
    fs.closeSync(file.fd);
  } catch (err) {
    return pushFailure(L, errnoOf(err));
  }
  lua.lua_pushboolean(L, true);
  return 1;
}

/**
 * Pushes an iterator reading `file` with the formats at firstFormat..top;
 * with `closeAtEnd` (io.lines(name)) it closes the file at end of file.
 */
export function pushLinesIterator(L: LuaState, file: LuaFile, firstFormat: number, closeAtEnd: boolean): number {
  const formats = Math.max(0, lua.lua_gettop(L) - firstFormat + 1);
  for (let i = 0; i < formats; i++) lua.lua_pushvalue(L, firstFormat + i);
  const iterator: LuaJsFunction = (L) => {
    if (file.closed) return lauxlib.luaL_error(L, luaString('file is already closed'));
    lua.lua_settop(L, 0);
    for (let i = 1; i <= formats; i++) lua.lua_pushvalue(L, lua.lua_upvalueindex(i));
    const results = readFormats(L, file, 1, formats);
    const firstResult = lua.lua_gettop(L) - results + 1;
    if (lua.lua_isnil(L, firstResult)) {
      // A failure raises, as LuaJIT's iterator does.
      if (results === 3) return lauxlib.luaL_error(L, luaString(lua.lua_tojsstring(L, firstResult + 1)));
      if (closeAtEnd) {
        closeFile(L, file);
        lua.lua_settop(L, firstResult);
      }
    }
    return results;
  };
  lua.lua_pushcclosure(L, iterator, formats);
  return 1;
}

const fileMethods: Record<string, LuaJsFunction> = {
  close: (L) => closeFile(L, checkOpenFile(L, 1)),
  flush(L) {
    checkOpenFile(L, 1);
    lua.lua_pushboolean(L, true);
    return 1;
  },
  lines: (L) => pushLinesIterator(L, checkOpenFile(L, 1), 2, false),
  read: (L) => readFormats(L, checkOpenFile(L, 1), 2, lua.lua_gettop(L)),
  seek(L) {
    const file = checkOpenFile(L, 1);
    const whenceName = lua.lua_isnoneornil(L, 2) ? 'cur' : lua.lua_tojsstring(L, 2);
    if (!Object.hasOwn(SEEK, whenceName)) return lauxlib.luaL_argerror(L, 2, luaString(`invalid option '${whenceName}'`));
    const whence = SEEK[whenceName as keyof typeof SEEK];
    let offset = lua.lua_isnoneornil(L, 3) ? 0 : Math.trunc(lauxlib.luaL_checknumber(L, 3));
    if (!Number.isFinite(offset)) return pushFailure(L, os.constants.errno.EINVAL);
    // The descriptor's offset is ahead of the script's by what is buffered.
    if (whence === SEEK.cur) offset -= file.pending;
    const position = loadAddon().fileSeek(file.fd, offset, whence);
    if (position < 0) return pushFailure(L, -position);
    file.discard();
    lua.lua_pushnumber(L, position);
    return 1;
  },
  setvbuf(L) {
    checkOpenFile(L, 1);
    const mode = lauxlib.luaL_checkstring(L, 2) as Uint8Array;
    const name = Buffer.from(mode).toString('latin1');
    if (name !== 'no' && name !== 'full' && name !== 'line') {
      return lauxlib.luaL_argerror(L, 2, luaString(`invalid option '${name}'`));
    }
    lua.lua_pushboolean(L, true);
    return 1;
  },
  write: (L) => writeValues(L, checkOpenFile(L, 1), 1, 2),
};

function installFileMetatable(L: LuaState): void {
  if (lauxlib.luaL_newmetatable(L, METATABLE)) {
    lua.lua_createtable(L, 0, Object.keys(fileMethods).length);
    setFunctions(L, -1, fileMethods);
    lua.lua_setfield(L, -2, luaString('__index'));
    setFunctions(L, -1, {
      __tostring(L) {
        const file = checkFile(L, 1);
        lua.lua_pushstring(L, luaString(file.closed ? 'file (closed)' : `file (0x${file.fd.toString(16).padStart(8, '0')})`));
        return 1;
      },
    });
  }
  lua.lua_pop(L, 1);
}
