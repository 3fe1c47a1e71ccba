// Tracebacks in the shape LuaJIT prints them inside Emilua, for panic reports
// and debug.traceback (and so for xpcall handlers that call it).
//
// Emilua runs on LuaJIT; fengari's own traceback is Lua 5.3's ("in local 'f'",
// "[JS]", "(...tail calls...)"), and ours would also show the runtime's
// machinery: the fiber prelude, the JavaScript builtins, the fiber's start.
// What LuaJIT shows in Emilua for the same call stack:
//   - a Lua frame: `src:line: in function 'name'` (whatever kind of name: local,
//     global, field, method, upvalue, metamethod), `in main chunk`, or
//     `in function <src:linedefined>` when the call gave no name;
//   - a builtin Emilua writes in Lua (join, receive, require, scope...):
//     `[string "?"]: in function 'name'` (its chunk has no debug information);
//   - a native builtin: `[C]: in function 'name'`; in a panic report the
//     native function that raised leaves no frame at all;
//   - at the bottom of a fiber, its start: `[C]: in function ''` and
//     `[string "?"]: in function <[string "?"]:0>`.
// A run of the runtime's own frames (a builtin, the prelude functions and JS
// functions it calls) stands for the one builtin call the script made, named
// as the script called it.

import { lua, LuaState } from '../lua/lua-api';
import { fiberPreludeSource } from '../lua/lua-stdlib-sources';
import { isLuaWrittenInEmilua } from './lua-written';

/** LuaJIT's limits: this many frames from the top, then "...", then the last ones. */
const LEVELS_TOP = 12;
const LEVELS_BOTTOM = 10;

const FIBER_START_FRAMES = ['[C]: in function \'\'', '[string "?"]: in function <[string "?"]:0>'];
const LUA_WRITTEN_TAG = '-- Lua in Emilua';

/** Chunks of the runtime written in Lua (lua-stdlib/): never the user's. */
const PRELUDE_SOURCE = '=fiber-prelude';
const LIBRARY_SOURCES = new Set(['=stream', '=ip', '=file']);

/**
 * Prelude functions whose Emilua counterpart is Lua: the line that defines
 * them carries the tag LUA_WRITTEN_TAG (the rest of the prelude stands for
 * Emilua's native functions: pcall, xpcall, coroutine.yield...).
 */
const preludeLuaWrittenLines: ReadonlySet<number> = (() => {
  const lines = new Set<number>();
  new TextDecoder().decode(fiberPreludeSource).split('\n').forEach((line, i) => {
    if (line.includes(LUA_WRITTEN_TAG)) lines.add(i + 1);
  });
  return lines;
})();

interface Frame {
  readonly runtime: boolean;
  readonly luaWritten: boolean;
  readonly source: string;
  readonly shortSrc: string;
  readonly what: string;
  readonly currentline: number;
  readonly linedefined: number;
  /** The name the calling code used, '' when it gave none. */
  readonly name: string;
}

const decoder = new TextDecoder();
const text = (bytes: Uint8Array | string | null | undefined): string =>
  bytes === null || bytes === undefined ? '' : typeof bytes === 'string' ? bytes : decoder.decode(bytes);

function readFrame(L1: LuaState, ar: InstanceType<typeof lua.lua_Debug>): Frame {
  lua.lua_getinfo(L1, 'Slnf', ar);
  // A light JS function is itself; a JS closure keeps its function in `f`.
  const value = lua.lua_iscfunction(L1, -1) ? lua.lua_tocfunction(L1, -1) : null;
  const fn = typeof value === 'function' ? value : (value as { f?: unknown } | null)?.f;
  lua.lua_pop(L1, 1);
  const source = text(ar.source);
  const what = text(ar.what);
  const js = what === 'J' || what === 'C';
  const prelude = source === PRELUDE_SOURCE;
  const runtime = js || prelude || LIBRARY_SOURCES.has(source);
  const luaWritten = js
    ? isLuaWrittenInEmilua(fn)
    : prelude ? preludeLuaWrittenLines.has(ar.linedefined) : runtime;
  return {
    runtime,
    luaWritten,
    source,
    shortSrc: text(ar.short_src),
    what,
    currentline: ar.currentline,
    linedefined: ar.linedefined,
    name: ar.namewhat !== null && text(ar.namewhat) !== '' ? text(ar.name) : '',
  };
}

function frames(L1: LuaState, level: number): Frame[] {
  const ar = new lua.lua_Debug();
  const result: Frame[] = [];
  if (!lua.lua_checkstack(L1, 2)) return result;
  for (let l = level; lua.lua_getstack(L1, l, ar); l++) result.push(readFrame(L1, ar));
  return result;
}

function userLine(f: Frame): string {
  const where = f.currentline > 0 ? `${f.shortSrc}:${f.currentline}:` : `${f.shortSrc}:`;
  if (f.name !== '') return `${where} in function '${f.name}'`;
  if (f.what === 'main') return `${where} in main chunk`;
  return `${where} in function <${f.shortSrc}:${f.linedefined}>`;
}

function builtinLine(outer: Frame): string {
  if (outer.luaWritten) {
    return outer.name !== '' ? `[string "?"]: in function '${outer.name}'` : '[string "?"]: in function <[string "?"]:0>';
  }
  // LuaJIT prints an unnamed C function's address; there is none to give here.
  return outer.name !== '' ? `[C]: in function '${outer.name}'` : '[C]: ?';
}

export interface TracebackOptions {
  /** A panic report: the native function that raised shows no frame. */
  readonly panic: boolean;
  /** L1 runs a fiber: its bottom frames are the fiber's start. */
  readonly fiberThread: boolean;
}

/** The frame lines (without "stack traceback:") of L1 from `level` down. */
export function tracebackLines(L1: LuaState, level: number, options: TracebackOptions): string[] {
  const all = frames(L1, level);
  const lines: string[] = [];
  for (let i = 0; i < all.length;) {
    if (!all[i].runtime) {
      lines.push(userLine(all[i]));
      i++;
      continue;
    }
    let j = i;
    while (j < all.length && all[j].runtime) j++;
    const outer = all[j - 1];
    if (j === all.length && options.fiberThread) lines.push(...FIBER_START_FRAMES);
    else if (!(i === 0 && options.panic && !outer.luaWritten)) lines.push(builtinLine(outer));
    i = j;
  }
  if (lines.length > LEVELS_TOP + LEVELS_BOTTOM) {
    return [...lines.slice(0, LEVELS_TOP), '...', ...lines.slice(lines.length - LEVELS_BOTTOM)];
  }
  return lines;
}

/** "stack traceback:" and the frames, one a line, each after a tab. */
export function formatTraceback(lines: readonly string[]): string {
  return ['stack traceback:', ...lines].join('\n\t');
}
