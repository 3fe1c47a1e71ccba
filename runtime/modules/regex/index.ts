// require 'regex': new, match, search, split, patsplit and match_flag, as in
// Emilua 0.11 (which wraps std::regex). README.md explains the engines.

import { lua, lauxlib, luaString, setFunctions, LuaState } from '../../lua/lua-api';
import { raiseGenericError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { ALL_MATCH_FLAGS, MATCH_FLAGS } from './match-flags';
import { newRegex, checkRegex, raiseRegexError, Regex } from './regex-object';
import { checkSubject, pushPiece, Subject } from './subject';
import { splitRanges, patsplitRanges, Range } from './iterate';

export { toRegex, newRegex, raiseRegexError } from './regex-object';
export type { Regex } from './regex-object';
export { MATCH_FLAGS } from './match-flags';
export type { StreamSearch } from './match-flags';
export { toSubject, pushPiece } from './subject';
export { splitRanges, patsplitRanges } from './iterate';

/**
 * The optional match_flag argument. Bits above match_flag's are std::regex's
 * format flags, which do not change matching; libstdc++ ignores them there too.
 */
function matchFlags(L: LuaState, idx: number): number {
  const type = lua.lua_type(L, idx);
  if (type === lua.LUA_TNIL || type === lua.LUA_TNONE) return 0;
  if (type !== lua.LUA_TNUMBER) return raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
  return Math.trunc(lua.lua_tonumber(L, idx)) & ALL_MATCH_FLAGS;
}

function run(L: LuaState, re: Regex, subject: Subject, flags: number, exact: boolean): Int32Array | null {
  try {
    return re.engine.exec({ subject: subject.bytes, from: 0, flags, exact });
  } catch (e) {
    return raiseRegexError(L, e);
  }
}

function match(L: LuaState): number {
  const re = checkRegex(L, 1);
  const subject = checkSubject(L, 2);
  const flags = matchFlags(L, 3);
  const caps = run(L, re, subject, flags, true);
  if (caps === null) {
    lua.lua_pushnil(L);
    return 1;
  }
  const marks = re.engine.markCount;
  if (marks === 0) {
    lua.lua_pushvalue(L, 2);
    return 1;
  }
  lauxlib.luaL_checkstack(L, marks + 1, luaString('too many captures'));
  for (let g = 1; g <= marks; g++) pushPiece(L, subject, caps[2 * g], caps[2 * g + 1]);
  return marks;
}

function search(L: LuaState): number {
  const re = checkRegex(L, 1);
  const subject = checkSubject(L, 2);
  const flags = matchFlags(L, 3);
  const caps = run(L, re, subject, flags, false);
  lua.lua_createtable(L, caps === null ? 0 : re.engine.markCount, 1);
  lua.lua_pushboolean(L, caps === null);
  lua.lua_setfield(L, -2, luaString('empty'));
  if (caps === null) return 1;
  for (let g = 0; g <= re.engine.markCount; g++) {
    if (caps[2 * g] < 0) continue;
    lua.lua_createtable(L, 0, 2);
    lua.lua_pushinteger(L, caps[2 * g] + 1);
    lua.lua_setfield(L, -2, luaString('start'));
    lua.lua_pushinteger(L, caps[2 * g + 1]);
    lua.lua_setfield(L, -2, luaString('end_'));
    lua.lua_rawseti(L, -2, g);
  }
  return 1;
}

function pushRanges(L: LuaState, subject: Subject, ranges: readonly Range[]): void {
  lua.lua_createtable(L, ranges.length, 0);
  ranges.forEach(([start, end], k) => {
    pushPiece(L, subject, start, end);
    lua.lua_rawseti(L, -2, k + 1);
  });
}

function splitter(walk: typeof splitRanges) {
  return (L: LuaState): number => {
    const re = checkRegex(L, 1);
    const subject = checkSubject(L, 2);
    // Emilua leaves returning the separators' captures (as Python does) for later.
    if (re.engine.markCount !== 0) return raiseGenericError(L, errnoCodes.ENOTSUP);
    let ranges: Range[];
    try {
      ranges = walk(re.engine, subject.bytes);
    } catch (e) {
      return raiseRegexError(L, e);
    }
    pushRanges(L, subject, ranges);
    return 1;
  };
}

export const regexFunctions = {
  new: newRegex,
  match,
  search,
  split: splitter(splitRanges),
  patsplit: splitter(patsplitRanges),
};

export function openRegexModule(L: LuaState): void {
  lua.lua_createtable(L, 0, 6);
  setFunctions(L, -1, regexFunctions);
  lua.lua_createtable(L, 0, 7);
  for (const [name, bit] of Object.entries(MATCH_FLAGS)) {
    if (name === 'prev_avail') continue; // Emilua does not export it
    lua.lua_pushinteger(L, bit);
    lua.lua_setfield(L, -2, luaString(name));
  }
  lua.lua_setfield(L, -2, luaString('match_flag'));
}
