// The regex userdata: regex.new{pattern, grammar, ignore_case, nosubs,
// optimize} and its read-only properties (mark_count, grammar, ignore_case,
// nosubs, optimized). Options are checked as Emilua checks them: a missing
// or non-string pattern or grammar is Lua's type error on that field, an
// unknown grammar or a non-boolean flag is EINVAL naming the option, and a
// pattern that does not compile raises the regex category's error.

import { lua, lauxlib, luaString, pushText, toText, pushUserdata, toUserdata, LuaState } from '../../lua/lua-api';
import { pushError, raiseGenericError, raiseRuntimeError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { Engine } from './match-flags';
import { EcmaEngine } from './ecma-engine';
import { PosixEngine } from './posix-engine';
import { RegexError, regexCategory } from './error-category';

export type Grammar = 'basic' | 'extended' | 'ecma';

export interface Regex {
  readonly engine: Engine;
  readonly grammar: Grammar;
  readonly ignoreCase: boolean;
  readonly nosubs: boolean;
  /** Recorded and reported; neither std::regex nor these engines have a slower unoptimised mode. */
  readonly optimize: boolean;
}

const KIND = 'regex';
const REGEX_MT = luaString('emilua-ts regex');

/** Raises a RegexError in Lua; any other exception goes on. */
export function raiseRegexError(L: LuaState, e: unknown): never {
  if (e instanceof RegexError) {
    pushError(L, regexCategory, e.code);
    return lua.lua_error(L) as never;
  }
  throw e;
}

export function toRegex(L: LuaState, idx: number): Regex | undefined {
  return toUserdata<Regex>(L, idx, KIND);
}

export function checkRegex(L: LuaState, idx: number): Regex {
  const re = toRegex(L, idx);
  if (re === undefined) raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
  return re as Regex;
}

function booleanOption(L: LuaState, name: string): boolean {
  lua.lua_getfield(L, 1, luaString(name));
  const type = lua.lua_type(L, -1);
  const value = lua.lua_toboolean(L, -1);
  lua.lua_pop(L, 1);
  if (type === lua.LUA_TNIL) return false;
  if (type !== lua.LUA_TBOOLEAN) raiseGenericError(L, errnoCodes.EINVAL, { arg: name });
  return value;
}

/** Reads a string field, leaving it on the stack (Emilua's luaL_checktype on it). */
function stringField(L: LuaState, name: string): Uint8Array {
  lua.lua_getfield(L, 1, luaString(name));
  const idx = lua.lua_gettop(L);
  lauxlib.luaL_checktype(L, idx, lua.LUA_TSTRING);
  return lua.lua_tolstring(L, idx) as Uint8Array;
}

function makeEngine(pattern: Uint8Array, grammar: Grammar, icase: boolean, nosubs: boolean): Engine {
  if (grammar === 'ecma') return new EcmaEngine(pattern, icase, nosubs);
  return new PosixEngine(pattern, grammar === 'extended', icase, nosubs);
}

export function newRegex(L: LuaState): number {
  lauxlib.luaL_checktype(L, 1, lua.LUA_TTABLE);
  lua.lua_settop(L, 1);
  const pattern = stringField(L, 'pattern');
  const grammarText = Buffer.from(stringField(L, 'grammar')).toString('latin1');
  if (grammarText !== 'basic' && grammarText !== 'extended' && grammarText !== 'ecma') {
    return raiseGenericError(L, errnoCodes.EINVAL, { arg: 'grammar' });
  }
  const grammar: Grammar = grammarText;
  const ignoreCase = booleanOption(L, 'ignore_case');
  const nosubs = booleanOption(L, 'nosubs');
  const optimize = booleanOption(L, 'optimize');
  let engine: Engine;
  try {
    engine = makeEngine(pattern, grammar, ignoreCase, nosubs);
  } catch (e) {
    return raiseRegexError(L, e);
  }
  const re: Regex = { engine, grammar, ignoreCase, nosubs, optimize };
  pushUserdata(L, KIND, re, REGEX_MT, installRegexMetatable);
  return 1;
}

function installRegexMetatable(L: LuaState): void {
  lauxlib.luaL_newmetatable(L, REGEX_MT);
  lua.lua_pushcfunction(L, (L: LuaState) => {
    const re = toRegex(L, 1) as Regex;
    const key = lua.lua_type(L, 2) === lua.LUA_TSTRING ? toText(L, 2) : '';
    switch (key) {
      case 'mark_count': lua.lua_pushinteger(L, re.engine.markCount); return 1;
      case 'grammar': pushText(L, re.grammar); return 1;
      case 'ignore_case': lua.lua_pushboolean(L, re.ignoreCase); return 1;
      case 'nosubs': lua.lua_pushboolean(L, re.nosubs); return 1;
      case 'optimized': lua.lua_pushboolean(L, re.optimize); return 1;
      default: return raiseRuntimeError(L, 'bad_index', { index: 2 });
    }
  });
  lua.lua_setfield(L, -2, luaString('__index'));
  pushText(L, 'regex');
  lua.lua_setfield(L, -2, luaString('__metatable'));
  lua.lua_pop(L, 1);
}
