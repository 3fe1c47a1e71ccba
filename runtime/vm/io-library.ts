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

import * as fs from 'node:fs';
import * as os from 'node:os';
import { lua, lauxlib, luaString, setFunctions, pushUserdata, toUserdata, typeName, LuaState, LuaJsFunction } from '../lua/lua-api';
import { writeAllSync, sleepOneMillisecond } from '../lua/print';
import { systemCategory } from '../errors/categories';
import { loadAddon } from '../native/load-addon';
// Node's fs errors as errno values (it rethrows anything else, and maps a NUL in a path to EINVAL).
import { errnoOf } from '../errors/errno';

const KIND = 'io.file';
const METATABLE = luaString('emilua-ts io.file');
const INPUT_KEY = luaString('emilua-ts io.input');
const OUTPUT_KEY = luaString('emilua-ts io.output');
const READ_CHUNK = 65536;
const SEEK = { set: 0, cur: 1, end: 2 } as const;
const { EAGAIN, EINTR } = os.constants.errno;
const NEWLINE = 0x0a;

class LuaFile {
  closed = false;
  private buffer: Buffer | null = null;
  private start = 0;
  private end = 0;

  constructor(readonly fd: number, readonly standard: boolean) {}

  /** Bytes read from the descriptor and not handed out yet. */
  get pending(): number {
    return this.end - this.start;
  }

  /** Makes sure some bytes are buffered; false at end of file. Throws Node's errors. */
  fill(): boolean {
    if (this.start < this.end) return true;
    this.buffer ??= Buffer.allocUnsafe(READ_CHUNK);
    this.start = 0;
    this.end = readBlocking(this.fd, this.buffer);
    return this.end > 0;
  }

  /** The next buffered byte (call fill() first). */
  peek(): number {
    return (this.buffer as Buffer)[this.start];
  }

  /** Position of `byte` among the buffered bytes, -1 if absent. */
  find(byte: number): number {
    const at = (this.buffer as Buffer).subarray(this.start, this.end).indexOf(byte);
    return at;
  }

  /** A copy of the next `count` buffered bytes, which are consumed. */
  take(count: number): Buffer {
    const bytes = Buffer.from((this.buffer as Buffer).subarray(this.start, this.start + count));
    this.start += count;
    return bytes;
  }

  /** Forgets the buffered bytes (after the descriptor's offset was set). */
  discard(): void {
    this.start = this.end = 0;
  }

  /**
   * Before a write: moves the descriptor's offset back over the bytes read
   * ahead, so the write lands where the script's reading stopped.
   */
  unreadAhead(): void {
    const ahead = this.pending;
    this.discard();
    if (ahead > 0) loadAddon().fileSeek(this.fd, -ahead, SEEK.cur);
  }
}

/** read(2), waiting (the whole thread, as LuaJIT does) when the descriptor is non-blocking. */
function readBlocking(fd: number, buffer: Buffer): number {
  for (;;) {
    try {
      return fs.readSync(fd, buffer, 0, buffer.length, null);
    } catch (err) {
      const code = errnoOf(err);
      if (code === EAGAIN) sleepOneMillisecond();
      else if (code !== EINTR) throw err;
    }
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  if (fd === 1 || fd === 2) {
    writeAllSync(fd, bytes);
    return;
  }
  let offset = 0;
  while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
}

/** Files the script dropped without closing are closed when JavaScript collects them. */
const unclosed = new FinalizationRegistry<number>((fd) => {
  try {
    fs.closeSync(fd);
  } catch {
    // Nothing to report to.
  }
});

function pushFile(L: LuaState, file: LuaFile): void {
  pushUserdata(L, KIND, file, METATABLE, installFileMetatable);
  if (!file.standard) unclosed.register(file, file.fd, file);
}

function checkFile(L: LuaState, idx: number): LuaFile {
  const file = toUserdata<LuaFile>(L, idx, KIND);
  if (file === undefined) return lauxlib.luaL_argerror(L, idx, luaString(`FILE* expected, got ${typeName(L, idx)}`)) as never;
  return file;
}

function checkOpenFile(L: LuaState, idx: number): LuaFile {
  const file = checkFile(L, idx);
  if (file.closed) return lauxlib.luaL_error(L, luaString('attempt to use a closed file')) as never;
  return file;
}

/** LuaJIT's failure triple: nil, "[name: ]message", errno. */
function pushFailure(L: LuaState, errno: number, name?: Uint8Array): number {
  const message = luaString(systemCategory.message(errno));
  lua.lua_pushnil(L);
  lua.lua_pushstring(L, name === undefined ? message : Buffer.concat([name, Buffer.from(': '), message]));
  lua.lua_pushnumber(L, errno);
  return 3;
}

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

// --- reading ---------------------------------------------------------------

/** A line (with its newline when `keep`), or null at end of file. */
function readLine(file: LuaFile, keep: boolean): Buffer | null {
  const parts: Buffer[] = [];
  while (file.fill()) {
    const at = file.find(NEWLINE);
    if (at >= 0) {
      const line = file.take(at + 1);
      parts.push(keep ? line : line.subarray(0, at));
      return Buffer.concat(parts);
    }
    parts.push(file.take(file.pending));
  }
  return parts.length > 0 ? Buffer.concat(parts) : null;
}

function readAll(file: LuaFile): Buffer {
  const parts: Buffer[] = [];
  while (file.fill()) parts.push(file.take(file.pending));
  return Buffer.concat(parts);
}

/** Up to `count` bytes, null at end of file; read(0) tells whether anything is left. */
function readCount(file: LuaFile, count: number): Buffer | null {
  if (count <= 0) return file.fill() ? Buffer.alloc(0) : null;
  const parts: Buffer[] = [];
  let left = count;
  while (left > 0 && file.fill()) {
    const part = file.take(Math.min(left, file.pending));
    parts.push(part);
    left -= part.length;
  }
  return parts.length > 0 ? Buffer.concat(parts) : null;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

/** Bytes that can continue a numeral as fscanf's "%lf" reads one (hex, exponents, inf, nan). */
function isNumeralByte(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) ||
    byte === 0x2e || byte === 0x2b || byte === 0x2d;
}

/** "n": pushes the number read, or false (the numeral's bytes are consumed either way). */
function readNumber(L: LuaState, file: LuaFile): boolean {
  while (file.fill() && isSpace(file.peek())) file.take(1);
  const bytes: number[] = [];
  while (bytes.length < 200 && file.fill() && isNumeralByte(file.peek())) bytes.push(file.take(1)[0]);
  if (bytes.length === 0) return false;
  return lua.lua_stringtonumber(L, Uint8Array.from(bytes)) !== 0;
}

/** Pushes the result of the read format at `arg`; false (nothing pushed) when it found nothing. */
function readFormat(L: LuaState, file: LuaFile, arg: number): boolean {
  let bytes: Buffer | null;
  if (lua.lua_type(L, arg) === lua.LUA_TNUMBER) {
    bytes = readCount(file, Math.floor(lua.lua_tonumber(L, arg)));
  } else {
    const format = lauxlib.luaL_checkstring(L, arg) as Uint8Array;
    const letter = String.fromCharCode(format[0] === 0x2a ? format[1] : format[0]);
    if (letter === 'n') return readNumber(L, file);
    if (letter === 'l' || letter === 'L') bytes = readLine(file, letter === 'L');
    else if (letter === 'a') bytes = readAll(file);
    else return lauxlib.luaL_argerror(L, arg, luaString('invalid format')) as never;
  }
  if (bytes === null) return false;
  lua.lua_pushstring(L, bytes);
  return true;
}

/**
 * file:read with the formats at first..last ("l" when there are none):
 * their results, stopping at the first that finds nothing (nil), or the
 * failure triple.
 */
function readFormats(L: LuaState, file: LuaFile, first: number, last: number): number {
  let pushed = 0;
  try {
    if (last < first) {
      const line = readLine(file, false);
      if (line === null) lua.lua_pushnil(L);
      else lua.lua_pushstring(L, line);
      return 1;
    }
    for (let arg = first; arg <= last; arg++) {
      if (!readFormat(L, file, arg)) {
        lua.lua_pushnil(L);
        return pushed + 1;
      }
      pushed++;
    }
    return pushed;
  } catch (err) {
    return pushFailure(L, errnoOf(err));
  }
}

// --- writing and closing ---------------------------------------------------

/** file:write(...) with the values from `first`; returns the file object at `self`. */
function writeValues(L: LuaState, file: LuaFile, self: number, first: number): number {
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

function closeFile(L: LuaState, file: LuaFile): number {
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
function pushLinesIterator(L: LuaState, file: LuaFile, firstFormat: number, closeAtEnd: boolean): number {
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

// --- the io table ----------------------------------------------------------

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
