// debug.traceback as LuaJIT's (traceback.ts gives the frames), and the
// traceback of a panic, taken by the fiber body's message handler.

import { lua, lauxlib, luaString, pushText, LuaState, LuaJsFunction } from '../lua/lua-api';
import { formatTraceback, tracebackLines } from '../errors/traceback';
import { vmOf } from './vm-of';

function isFiberThread(L: LuaState, L1: LuaState): boolean {
  try {
    return vmOf(L).scheduler.threadToFiber.has(L1);
  } catch {
    return false; // A state no VM owns yet (while the startup snapshot is built).
  }
}

/** debug.traceback([thread,] [message [, level]]), Lua 5.1's signature. */
export const debugTraceback: LuaJsFunction = (L) => {
  let arg = 0;
  let L1 = L;
  if (lua.lua_type(L, 1) === lua.LUA_TTHREAD) {
    L1 = lua.lua_tothread(L, 1);
    arg = 1;
  }
  const msgType = lua.lua_type(L, arg + 1);
  // A message that is not text is returned untouched (an error object).
  if (msgType !== lua.LUA_TNONE && msgType !== lua.LUA_TNIL &&
      msgType !== lua.LUA_TSTRING && msgType !== lua.LUA_TNUMBER) {
    lua.lua_pushvalue(L, arg + 1);
    return 1;
  }
  const level = lauxlib.luaL_optinteger(L, arg + 2, L === L1 ? 1 : 0);
  const trace = formatTraceback(tracebackLines(L1, level, { panic: false, fiberThread: isFiberThread(L, L1) }));
  if (msgType === lua.LUA_TSTRING || msgType === lua.LUA_TNUMBER) {
    lua.lua_pushvalue(L, arg + 1);
    lua.lua_pushstring(L, luaString('\n'));
    pushText(L, trace);
    lua.lua_concat(L, 3);
  } else {
    pushText(L, trace);
  }
  return 1;
};

/**
 * The prelude's message handler calls this (level 1 is the handler, level 2
 * what raised): the traceback a panic report prints, without its header.
 */
export const panicTraceback: LuaJsFunction = (L) => {
  pushText(L, formatTraceback(tracebackLines(L, 2, { panic: true, fiberThread: isFiberThread(L, L) })));
  return 1;
};
