// Emilua's print(): arguments through tostring, tab-separated, newline-ended,
// written as bytes straight to fd 1 so binary strings survive and output is
// not reordered against stderr.

import * as fs from 'node:fs';
import { lua, lauxlib, LuaJsFunction } from './lua-api';

export function writeAllSync(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (err) {
      // stdout may be a non-blocking pipe shared with another process: wait
      // for its reader (print blocks, as in Emilua), without spinning.
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      sleepOneMillisecond();
    }
  }
}

/** Blocks the thread for a millisecond (a descriptor someone else made non-blocking is not ready). */
export function sleepOneMillisecond(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
}

const TAB = 9;
const NEWLINE = 10;

export const print: LuaJsFunction = (L) => {
  const n = lua.lua_gettop(L);
  const parts: Uint8Array[] = [];
  let size = 1;
  for (let i = 1; i <= n; i++) {
    const text: Uint8Array = lauxlib.luaL_tolstring(L, i);
    lua.lua_pop(L, 1);
    parts.push(text);
    size += text.length + (i > 1 ? 1 : 0);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  parts.forEach((part, i) => {
    if (i > 0) out[offset++] = TAB;
    out.set(part, offset);
    offset += part.length;
  });
  out[offset] = NEWLINE;
  try {
    writeAllSync(1, out);
  } catch {
    // A closed stdout (EPIPE) is not the script's error.
  }
  return 0;
};
