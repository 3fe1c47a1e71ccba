// The standard functions that name files, with LuaJIT's results: os.remove,
// os.rename, and the failures of loadfile/dofile. Fengari's versions return
// Node's error text ("ENOENT: no such file or directory, unlink 'x'") and
// take a NUL byte in the name as a JavaScript error; LuaJIT's give
// "NAME: strerror" and the errno, and see a C string (cut at the first NUL).

import * as fs from 'node:fs';
import { lua, lauxlib, luaString, LuaState, LuaJsFunction } from '../lua/lua-api';
import { systemCategory, errnoCodes } from '../errors/categories';

/** A file name argument as C sees it: the bytes before the first NUL. */
function cName(L: LuaState, idx: number): Uint8Array {
  const bytes: Uint8Array = lauxlib.luaL_checklstring(L, idx);
  const end = bytes.indexOf(0);
  return end === -1 ? bytes : bytes.subarray(0, end);
}

function errnoOf(err: unknown): number {
  const errno = (err as NodeJS.ErrnoException).errno;
  return typeof errno === 'number' && errno < 0 ? -errno : errnoCodes.EIO;
}

/** luaL_fileresult: true, or nil, "NAME: strerror", errno. */
function fileResult(L: LuaState, name: Uint8Array, run: () => void): number {
  try {
    run();
  } catch (err) {
    const errno = errnoOf(err);
    lua.lua_pushnil(L);
    lua.lua_pushstring(L, Buffer.concat([name, luaString(`: ${systemCategory.message(errno)}`)]));
    lua.lua_pushnumber(L, errno);
    return 3;
  }
  lua.lua_pushboolean(L, true);
  return 1;
}

const remove: LuaJsFunction = (L) => {
  const name = cName(L, 1);
  return fileResult(L, name, () => {
    // remove(3): a file, else an empty directory.
    try {
      fs.unlinkSync(Buffer.from(name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EISDIR') throw err;
      fs.rmdirSync(Buffer.from(name));
    }
  });
};

const rename: LuaJsFunction = (L) => {
  const from = cName(L, 1);
  const to = cName(L, 2);
  return fileResult(L, from, () => fs.renameSync(Buffer.from(from), Buffer.from(to)));
};

/**
 * check_open(name) -> name cut at NUL, or nil and "cannot open NAME: strerror":
 * loadfile and dofile ask it first, so fengari's loader only sees a file it
 * can open.
 */
const checkOpen: LuaJsFunction = (L) => {
  if (lua.lua_isnoneornil(L, 1)) {
    lua.lua_pushnil(L);
    lua.lua_pushnil(L);
    return 2;
  }
  const name = cName(L, 1);
  try {
    fs.closeSync(fs.openSync(Buffer.from(name), 'r'));
  } catch (err) {
    lua.lua_pushnil(L);
    lua.lua_pushstring(L, Buffer.concat([luaString('cannot open '), name,
      luaString(`: ${systemCategory.message(errnoOf(err))}`)]));
    return 2;
  }
  lua.lua_pushstring(L, name);
  return 1;
};

// In Lua, so that dofile's chunk runs as a tail call (it may suspend its fiber).
const WRAPPERS = `
local check_open, raw_loadfile, raw_dofile, error = ...
function loadfile(name, ...)
  if name == nil then return raw_loadfile(name, ...) end
  local checked, message = check_open(name)
  if checked == nil then return nil, message end
  return raw_loadfile(checked, ...)
end
function dofile(name)
  if name == nil then return raw_dofile() end
  local checked, message = check_open(name)
  if checked == nil then error(message, 2) end
  return raw_dofile(checked)
end
`;

/** Replaces os.remove, os.rename, loadfile and dofile in the globals of L. */
export function replaceFileFunctions(L: LuaState): void {
  lua.lua_getglobal(L, luaString('os'));
  lua.lua_pushcfunction(L, remove);
  lua.lua_setfield(L, -2, luaString('remove'));
  lua.lua_pushcfunction(L, rename);
  lua.lua_setfield(L, -2, luaString('rename'));
  lua.lua_pop(L, 1);

  const source = luaString(WRAPPERS);
  if (lauxlib.luaL_loadbufferx(L, source, source.length, luaString('=file functions'), luaString('t')) !== lua.LUA_OK) {
    throw new Error(`file function wrappers: ${lua.lua_tojsstring(L, -1)}`);
  }
  lua.lua_pushcfunction(L, checkOpen);
  lua.lua_getglobal(L, luaString('loadfile'));
  lua.lua_getglobal(L, luaString('dofile'));
  lua.lua_getglobal(L, luaString('error'));
  lua.lua_call(L, 4, 0);
}
