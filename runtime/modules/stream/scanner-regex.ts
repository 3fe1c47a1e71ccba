// What stream.scanner (lua-stdlib/stream.lua) needs from the regex module:
// telling a regex apart, finding a record separator in the buffered bytes,
// splitting a record into fields, and the regex AWK splits fields with.

import { lua, luaString, LuaState, LuaJsFunction } from '../../vm/lua-api';
import { MATCH_FLAGS } from '../regex/match-flags';
import { toRegex, newRegex, regexFunctions } from '../regex';
import { raiseRegexError } from '../regex/regex-object';
import { checkByteSpan } from '../byte_span';

// AWK's default FS: runs of blanks and newlines.
const AWK_FIELD_SEPARATOR = luaString('[ \t\n]+');

export const scannerRegexHelpers: Record<string, LuaJsFunction> = {
  is_regex(L: LuaState) {
    lua.lua_pushboolean(L, toRegex(L, 1) !== undefined);
    return 1;
  },
  /**
   * (re, span) -> first, last (1-based, inclusive) of the first non-empty
   * match, or nothing. An empty separator would make empty records forever.
   */
  regex_find(L: LuaState) {
    const re = toRegex(L, 1);
    if (re === undefined) return 0;
    const bytes = checkByteSpan(L, 2).bytes;
    let caps: Int32Array | null;
    try {
      caps = re.engine.exec({ subject: bytes, from: 0, flags: MATCH_FLAGS.not_null, exact: false });
    } catch (e) {
      return raiseRegexError(L, e);
    }
    if (caps === null) return 0;
    lua.lua_pushinteger(L, caps[0] + 1);
    lua.lua_pushinteger(L, caps[1]);
    return 2;
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
