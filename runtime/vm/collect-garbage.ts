// collectgarbage() with LuaJIT's options, over V8's collector: Lua objects are
// JavaScript objects on fengari, so V8's heap is where they live and die.
//
//   "collect" (default)  a full V8 collection of this thread's heap; 0. A
//                        failed fiber whose handle it collected is reported
//   "step"               the same (V8 has no incremental step to offer); true
//   "count"              KiB of V8 heap in use by this thread (every VM of the
//                        thread and the runtime itself, not this VM alone)
//   "stop", "restart"    recorded and reported by "isrunning"; V8's collector
//                        cannot be paused, so objects may still be collected
//   "setpause", "setstepmul"  recorded, the previous value returned (LuaJIT's
//                        defaults, 200); V8 tunes itself
//   "isrunning"          false after "stop", true after "restart"

import * as v8 from 'node:v8';
import { lua, lauxlib, luaString, toText, LuaJsFunction, LuaState } from '../lua/lua-api';
import { fullCollection, prepareHelperContext } from '../lua/v8-helper-context';
import { maybeVmOf } from '../fiber/vm-of';

/**
 * A full collection, then the failures of fibers whose handles it collected
 * are reported (Emilua prints them from inside collectgarbage).
 */
function collectFor(L: LuaState): void {
  fullCollection();
  maybeVmOf(L)?.reportCollectedHandles();
}

/** A collectgarbage for one Lua state (its settings are its own). */
export function makeCollectGarbage(): LuaJsFunction {
  let running = true;
  let pause = 200;
  let stepmul = 200;
  return (L) => {
    // From the first call on, lost fiber handles can be reported at once.
    prepareHelperContext();
    let option = 'collect';
    if (!lua.lua_isnoneornil(L, 1)) {
      lauxlib.luaL_checkstring(L, 1);
      option = toText(L, 1);
    }
    switch (option) {
      case 'collect':
        collectFor(L);
        lua.lua_pushnumber(L, 0);
        return 1;
      case 'step':
        collectFor(L);
        lua.lua_pushboolean(L, true);
        return 1;
      case 'count':
        lua.lua_pushnumber(L, v8.getHeapStatistics().used_heap_size / 1024);
        return 1;
      case 'stop':
      case 'restart':
        running = option === 'restart';
        lua.lua_pushnumber(L, 0);
        return 1;
      case 'isrunning':
        lua.lua_pushboolean(L, running);
        return 1;
      case 'setpause':
      case 'setstepmul': {
        const value = lauxlib.luaL_optnumber(L, 2, 0);
        lua.lua_pushnumber(L, option === 'setpause' ? pause : stepmul);
        if (option === 'setpause') pause = value; else stepmul = value;
        return 1;
      }
      default:
        return lauxlib.luaL_argerror(L, 1, luaString(`invalid option '${option}'`));
    }
  };
}
