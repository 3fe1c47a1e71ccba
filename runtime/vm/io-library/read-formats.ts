// file:read's formats ("n", "l", "L", "a", a count, with or without the
// leading "*"), shared by io.read and the lines() iterators.

import { lua, lauxlib, luaString, LuaState } from '../../lua/lua-api';
import { errnoOf } from '../../errors/errno';
import { LuaFile } from './lua-file';
import { pushFailure } from './file-userdata';

const NEWLINE = 0x0a;

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
export function readFormats(L: LuaState, file: LuaFile, first: number, last: number): number {
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
