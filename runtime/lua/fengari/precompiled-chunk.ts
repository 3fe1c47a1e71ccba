// Compile a Lua chunk once per process and instantiate it in any VM. Fengari's
// function prototypes are plain immutable objects (its strings are not tied to a
// state), so every VM can share one: parsing the fiber prelude per VM would cost
// every actor spawn (and, in the startup snapshot, it is already parsed).

import { lua, lauxlib } from './index';
import type { LuaState } from './index';

/* eslint-disable @typescript-eslint/no-var-requires */
const lobject = require('fengari/src/lobject.js');
const defs = require('fengari/src/defs.js');

export interface PrecompiledChunk {
  readonly name: string;
  /** fengari's Proto of the main function. */
  readonly proto: { upvalues: unknown[] };
}

export function precompile(source: Uint8Array, name: string): PrecompiledChunk {
  const L = lauxlib.luaL_newstate();
  const status = lauxlib.luaL_loadbufferx(L, source, source.length, Buffer.from(name), Buffer.from('t'));
  if (status !== lua.LUA_OK) throw new Error(`${name}: ${Buffer.from(lua.lua_tolstring(L, -1)).toString()}`);
  const state = L as unknown as { stack: { value: { p: PrecompiledChunk['proto'] } }[]; top: number };
  const closure = state.stack[state.top - 1].value;
  shareWithoutClosureCache(closure.p as unknown as SharedProto);
  return { name, proto: closure.p };
}

interface SharedProto {
  p: SharedProto[];
}

/**
 * Lua 5.3 keeps the last closure made from a prototype in `cache`, to reuse
 * it. On a prototype that every VM shares, that closure would keep the last
 * VM that made it reachable after the VM has ended (and everything in it).
 * A shared prototype caches nothing: the cache is only an optimisation.
 */
function shareWithoutClosureCache(proto: SharedProto): void {
  Object.defineProperty(proto, 'cache', { get: () => null, set: () => {}, configurable: false });
  for (const nested of proto.p) shareWithoutClosureCache(nested);
}

/** Pushes a new closure of the chunk onto L, its _ENV being L's global table. */
export function pushPrecompiled(L: LuaState, chunk: PrecompiledChunk): void {
  const state = L as unknown as { stack: unknown[]; top: number; l_G: unknown };
  const upvalueCount = chunk.proto.upvalues.length;
  const closure = new lobject.LClosure(L, upvalueCount);
  closure.p = chunk.proto;
  for (let i = 0; i < upvalueCount; i++) closure.upvals[i] = new lobject.TValue(defs.constant_types.LUA_TNIL, null);
  lua.lua_pushnil(L);
  state.stack[state.top - 1] = new lobject.TValue(defs.constant_types.LUA_TLCL, closure);
  if (upvalueCount >= 1) {
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, lua.LUA_RIDX_GLOBALS);
    lua.lua_setupvalue(L, -2, 1);
  }
}
