// What stream.scanner (lua-stdlib/stream.lua) needs from the regex module:
// telling a regex apart, finding a record separator in the buffered bytes,
// splitting a record into fields, and the regex AWK splits fields with.

import { lua, lauxlib, luaString, pushText, pushUserdata, toUserdata, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { toRegex, newRegex, regexFunctions, raiseRegexError, MATCH_FLAGS, Regex, StreamSearch } from '../regex';
import { checkByteSpan } from '../byte_span';

interface SearchState {
  readonly re: Regex;
  readonly search: StreamSearch | undefined;
}

const SEARCH_KIND = 'stream.scanner regex search';
const SEARCH_MT = luaString('emilua-ts stream.scanner regex search');

function installSearchMetatable(L: LuaState): void {
  lauxlib.luaL_newmetatable(L, SEARCH_MT);
  pushText(L, 'stream.scanner regex search');
  lua.lua_setfield(L, -2, luaString('__metatable'));
  lua.lua_pop(L, 1);
}

// AWK's default FS: runs of blanks and newlines.
const AWK_FIELD_SEPARATOR = luaString('[ \t\n]+');

export const scannerRegexHelpers: Record<string, LuaJsFunction> = {
  is_regex(L: LuaState) {
    lua.lua_pushboolean(L, toRegex(L, 1) !== undefined);
    return 1;
  },
  /**
   * (re, span, search) -> first, last, search: the first match in the
   * buffered data (1-based, inclusive), or nil, nil, search. `search` carries
   * a search over the data seen so far, to be passed back with the same data
   * plus what was read since; the scanner drops it with each record. Engines
   * that cannot resume (ecma, back-references) search all the data again.
   * Separators never match empty (that would make endless empty records) and
   * '$' never matches: the end of the buffered data is not the end of the
   * stream.
   */
  regex_find(L: LuaState) {
    const re = toRegex(L, 1);
    if (re === undefined) return 0;
    const bytes = checkByteSpan(L, 2).bytes;
    let state = toUserdata<SearchState>(L, 3, SEARCH_KIND);
    const flags = MATCH_FLAGS.not_null | MATCH_FLAGS.not_eol;
    if (state === undefined || state.re !== re) {
      state = { re, search: re.engine.startStream?.(flags) };
      pushUserdata(L, SEARCH_KIND, state, SEARCH_MT, installSearchMetatable);
      lua.lua_replace(L, 3);
    }
    let caps: Int32Array | null;
    try {
      caps = state.search !== undefined ? state.search.feed(bytes)
        : re.engine.exec({ subject: bytes, from: 0, flags, exact: false });
    } catch (e) {
      return raiseRegexError(L, e);
    }
    if (caps === null) {
      lua.lua_pushnil(L);
      lua.lua_pushnil(L);
    } else {
      lua.lua_pushinteger(L, caps[0] + 1);
      lua.lua_pushinteger(L, caps[1]);
    }
    lua.lua_pushvalue(L, 3);
    return 3;
  },
  regex_split: regexFunctions.split,
  regex_patsplit: regexFunctions.patsplit,
  awk_field_separator(L: LuaState) {
    lua.lua_settop(L, 0);
    lua.lua_createtable(L, 0, 2);
    lua.lua_pushlstring(L, AWK_FIELD_SEPARATOR, AWK_FIELD_SEPARATOR.length);
    lua.lua_setfield(L, -2, luaString('pattern'));
    lua.lua_pushstring(L, luaString('extended'));
    lua.lua_setfield(L, -2, luaString('grammar'));
    return newRegex(L);
  },
};
