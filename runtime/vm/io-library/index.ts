// LuaJIT's `io` library (Lua 5.1 plus LuaJIT 2.1's "L" format and formats in
// lines()). fengari's own has little more than io.write.
//
// As in LuaJIT, every call blocks: files are read and written with Node's
// synchronous fs calls on the VM's thread, so every VM of that thread waits
// (the `file` and `stream` modules are the non-blocking way). Failures come
// back as LuaJIT returns them: nil, "[<name>: ]<strerror>", errno. Writes are
// not buffered, so setvbuf() has nothing to change (data only ever reaches the
// file sooner); reads go through a buffer of the file object's own, which
// seek() and write() account for.
//
// lua-file.ts holds the file object and its buffer, file-userdata.ts how
// functions take one, read-formats.ts file:read's formats, file-methods.ts the
// file's methods; this file opens files and builds the io table.

import * as fs from 'node:fs';
import * as os from 'node:os';
import { lua, lauxlib, luaString, setFunctions, toUserdata, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { systemCategory } from '../../errors/categories';
import { errnoOf } from '../../errors/errno';
import { LuaFile } from './lua-file';
import { KIND, checkFile, checkOpenFile, pushFailure } from './file-userdata';
import { readFormats } from './read-formats';
import { pushFile, writeValues, closeFile, pushLinesIterator } from './file-methods';

const INPUT_KEY = luaString('emilua-ts io.input');
const OUTPUT_KEY = luaString('emilua-ts io.output');

/** fopen's mode as open(2) flags; undefined for a mode LuaJIT refuses. */
function openFlags(mode: string): number | undefined {
  const m = /^([rwa])(\+?)b?$/.exec(mode);
  if (m === null) return undefined;
  const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND } = fs.constants;
  const access = m[2] === '+' ? O_RDWR : m[1] === 'r' ? O_RDONLY : O_WRONLY;
  if (m[1] === 'r') return access;
  return access | O_CREAT | (m[1] === 'w' ? O_TRUNC : O_APPEND);
}

/** Opens `name`: the file object, or the failure (thrown as a Lua error when `raise`). */
function openFile(L: LuaState, name: Uint8Array, mode: string, modeArg: number, raise: boolean): number {
  const flags = openFlags(mode);
  if (flags === undefined) return lauxlib.luaL_argerror(L, modeArg, luaString('invalid mode'));
  let fd: number;
  try {
    fd = fs.openSync(Buffer.from(name), flags, 0o666);
  } catch (err) {
    if (raise) {
      lua.lua_pushstring(L, Buffer.concat([name, Buffer.from(`: ${systemCategory.message(errnoOf(err))}`)]));
      return lua.lua_error(L);
    }
    return pushFailure(L, errnoOf(err), name);
  }
  pushFile(L, new LuaFile(fd, false));
  return 1;
}

/** Pushes the default input or output file (registry field `key`). */
function pushDefault(L: LuaState, key: Uint8Array): LuaFile {
  lua.lua_getfield(L, lua.LUA_REGISTRYINDEX, key);
  return checkFile(L, -1);
}

/** io.input/io.output: with a name, opens it (raising on failure); with a file, uses it. */
function setOrGetDefault(key: Uint8Array, mode: string): LuaJsFunction {
  return (L) => {
    if (!lua.lua_isnoneornil(L, 1)) {
      if (lua.lua_type(L, 1) === lua.LUA_TSTRING) {
        openFile(L, lua.lua_tolstring(L, 1) as Uint8Array, mode, 1, true);
      } else {
        checkOpenFile(L, 1);
        lua.lua_pushvalue(L, 1);
      }
      lua.lua_setfield(L, lua.LUA_REGISTRYINDEX, key);
    }
    lua.lua_getfield(L, lua.LUA_REGISTRYINDEX, key);
    return 1;
  };
}

const ioFunctions: Record<string, LuaJsFunction> = {
  open(L) {
    const name = lauxlib.luaL_checkstring(L, 1) as Uint8Array;
    const mode = lua.lua_isnoneornil(L, 2) ? 'r' : Buffer.from(lauxlib.luaL_checkstring(L, 2) as Uint8Array).toString('latin1');
    return openFile(L, name, mode, 2, false);
  },
  close(L) {
    if (lua.lua_isnoneornil(L, 1)) {
      return closeFile(L, pushDefault(L, OUTPUT_KEY));
    }
    return closeFile(L, checkOpenFile(L, 1));
  },
  read(L) {
    const top = lua.lua_gettop(L);
    const file = pushDefault(L, INPUT_KEY);
    lua.lua_pop(L, 1);
    if (file.closed) return lauxlib.luaL_error(L, luaString('standard input file is closed'));
    return readFormats(L, file, 1, top);
  },
  write(L) {
    const file = pushDefault(L, OUTPUT_KEY);
    if (file.closed) return lauxlib.luaL_error(L, luaString('standard output file is closed'));
    lua.lua_insert(L, 1);
    return writeValues(L, file, 1, 2);
  },
  lines(L) {
    if (lua.lua_isnoneornil(L, 1)) {
      const file = pushDefault(L, INPUT_KEY);
      lua.lua_pop(L, 1);
      if (file.closed) return lauxlib.luaL_error(L, luaString('standard input file is closed'));
      return pushLinesIterator(L, file, 2, false);
    }
    openFile(L, lauxlib.luaL_checkstring(L, 1) as Uint8Array, 'r', 2, true);
    const file = checkFile(L, -1);
    lua.lua_pop(L, 1);
    return pushLinesIterator(L, file, 2, true);
  },
  input: setOrGetDefault(INPUT_KEY, 'r'),
  output: setOrGetDefault(OUTPUT_KEY, 'w'),
  flush(L) {
    pushDefault(L, OUTPUT_KEY);
    lua.lua_pushboolean(L, true);
    return 1;
  },
  type(L) {
    lauxlib.luaL_checkany(L, 1);
    const file = toUserdata<LuaFile>(L, 1, KIND);
    if (file === undefined) lua.lua_pushnil(L);
    else lua.lua_pushstring(L, luaString(file.closed ? 'closed file' : 'file'));
    return 1;
  },
  tmpfile(L) {
    // tmpfile(3): a file of its own that nobody else can open, gone once closed.
    const dir = fs.mkdtempSync(`${os.tmpdir()}/emilua-ts-tmpfile-`);
    const name = `${dir}/f`;
    try {
      const fd = fs.openSync(name, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
      pushFile(L, new LuaFile(fd, false));
      return 1;
    } catch (err) {
        return pushFailure(L, errnoOf(err));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** luaopen_io: the io table with io.stdin/stdout/stderr, which are also the default files. */
export function openIoLibrary(L: LuaState): number {
  lua.lua_createtable(L, 0, Object.keys(ioFunctions).length + 3);
  setFunctions(L, -1, ioFunctions);
  const standard: Array<[string, number, Uint8Array | null]> = [
    ['stdin', 0, INPUT_KEY], ['stdout', 1, OUTPUT_KEY], ['stderr', 2, null],
  ];
  for (const [name, fd, defaultKey] of standard) {
    pushFile(L, new LuaFile(fd, true));
    if (defaultKey !== null) {
      lua.lua_pushvalue(L, -1);
      lua.lua_setfield(L, lua.LUA_REGISTRYINDEX, defaultKey);
    }
    lua.lua_setfield(L, -2, luaString(name));
  }
  return 1;
}
