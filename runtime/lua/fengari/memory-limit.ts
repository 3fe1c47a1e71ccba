// Lua's "not enough memory" instead of V8's fatal "heap out of memory".
//
// fengari allocates JavaScript objects, so there is no allocator to refuse a
// request, and V8 aborts the whole process (every actor of it) when its heap
// limit is reached. Instead the places where a Lua program makes its heap
// grow (new strings, new tables, table stores) count an estimate of the bytes
// they add; every so many of those (fewer as the heap fills), the isolate's heap is measured, and
// when it is above LIMIT_FRACTION of V8's old-generation limit even after a full collection,
// the allocating Lua code gets LUA_ERRMEM: pcall returns false, "not enough
// memory", as in LuaJIT. All the VMs of one thread share one heap: the one
// whose allocation finds it full gets the error (docs/compat.md).
//
// Array buffers (byte_span, long strings) live outside the heap; their
// RangeError is turned into the same error by native-error.ts.

import * as v8 from 'node:v8';
import { fullCollection } from '../v8-helper-context';

/**
 * Above this fraction of V8's old-generation limit, after a collection,
 * allocation fails. It must stay below 0.8: V8 aborts the process after four
 * mark-compacts in a row that leave the old generation above 80% of its limit
 * while the program gets under 40% of the time, and near the limit our own
 * collections come that fast.
 */
export const LIMIT_FRACTION = 0.75;
/** Most estimated bytes between two measurements of the heap. */
const CHECK_EVERY = 4 * 1024 * 1024;
/** Fewest: measuring costs a few microseconds. */
const CHECK_AT_LEAST = 64 * 1024;
/**
 * The estimates below were measured on Node 20 (heapUsed per item over 200k
 * items) but differ by value shape; the budget until the next measurement is
 * this fraction of the headroom left, so the real growth between two
 * measurements cannot jump from below the limit past V8's own.
 */
const HEADROOM_SHARE = 1 / 16;

/** A TString and its Uint8Array, besides the bytes. */
const STRING_BYTES = 200;
/** A Table with its two Maps. */
const TABLE_BYTES = 460;
/** A Map entry with its key and value TValues. */
const ENTRY_BYTES = 170;

let counted = 0;
let budget = CHECK_EVERY;

/**
 * heap_size_limit counts the young generation's reserve (3 semi-spaces of
 * 16 MiB on 64-bit V8), but V8 gives up when the old generation reaches its
 * own limit (--max-old-space-size), which is the rest.
 */
const YOUNG_GENERATION_RESERVE = 48 * 1024 * 1024;

function nextBudget(used: number, limit: number): number {
  return Math.min(CHECK_EVERY, Math.max(CHECK_AT_LEAST, (limit - used) * HEADROOM_SHARE));
}

function heapIsFull(): boolean {
  const stats = v8.getHeapStatistics();
  const oldLimit = Math.max(stats.heap_size_limit - YOUNG_GENERATION_RESERVE, stats.heap_size_limit / 2);
  const limit = oldLimit * LIMIT_FRACTION;
  if (stats.used_heap_size < limit) {
    budget = nextBudget(stats.used_heap_size, limit);
    return false;
  }
  // Garbage counts in used_heap_size until the collector runs.
  fullCollection();
  const used = v8.getHeapStatistics().used_heap_size;
  budget = nextBudget(used, limit);
  return used >= limit;
}

/** Wraps fengari's string allocation; runs before lapi.js, lvm.js... load (they copy luaS_bless). */
export function applyMemoryLimit(): void {
  const defs = require('fengari/src/defs.js');
  const lstring = require('fengari/src/lstring.js');
  const LUA_ERRMEM: number = defs.thread_status.LUA_ERRMEM;
  // Loaded on first use: ldo.js loads the modules that copy luaS_bless.
  let ldo: { luaD_throw(L: unknown, status: number): never } | undefined;

  const grew = (L: unknown, bytes: number): void => {
    counted += bytes;
    if (counted < budget) return;
    counted = 0;
    if (heapIsFull()) {
      ldo ??= require('fengari/src/ldo.js');
      ldo!.luaD_throw(L, LUA_ERRMEM);
    }
  };

  const bless = lstring.luaS_bless;
  lstring.luaS_bless = function luaS_bless(L: unknown, str: Uint8Array): unknown {
    grew(L, STRING_BYTES + str.length);
    return bless(L, str);
  };
  tableGrew = grew;
}

let tableGrew: ((L: unknown, bytes: number) => void) | undefined;

/**
 * The table half, after the dialect patches: ltable.js loads lobject.js,
 * which must see the patched number format first. Callers reach these
 * through the module object, so a later patch still applies.
 */
export function applyTableMemoryLimit(): void {
  const grew = tableGrew;
  if (grew === undefined) throw new Error('applyMemoryLimit() first');
  const ltable = require('fengari/src/ltable.js');
  const newTable = ltable.luaH_new;
  ltable.luaH_new = function luaH_new(L: unknown): unknown {
    grew(L, TABLE_BYTES);
    return newTable(L);
  };
  const setFrom = ltable.luaH_setfrom;
  ltable.luaH_setfrom = function luaH_setfrom(L: unknown, t: unknown, key: unknown, value: unknown): void {
    grew(L, ENTRY_BYTES);
    setFrom(L, t, key, value);
  };
  // Table constructors store through luaH_setint, which has no Lua state to
  // raise in: it only counts, and the next allocation that can raise does.
  const setInt = ltable.luaH_setint;
  ltable.luaH_setint = function luaH_setint(t: unknown, key: number, value: unknown): void {
    counted += ENTRY_BYTES;
    setInt(t, key, value);
  };
}

/** The longest Lua string fengari can hold: its lengths are 32-bit integers. */
export const MAX_STRING_LENGTH = 2 ** 31 - 1;

interface PushApi {
  lua_pushlstring(L: unknown, s: Uint8Array, len: number): unknown;
}

/**
 * lua_pushlstring of a longer array (a byte_span of 2 GiB given to
 * tostring...) threw fengari's TypeError "invalid argument"; it raises
 * LuaJIT's "string length overflow" instead.
 */
export function applyStringLengthLimit(lua: PushApi, luaL_error: (L: unknown, message: Uint8Array) => never): void {
  const push = lua.lua_pushlstring;
  const message = new TextEncoder().encode('string length overflow');
  lua.lua_pushlstring = function lua_pushlstring(L: unknown, s: Uint8Array, len: number): unknown {
    if (len > MAX_STRING_LENGTH) luaL_error(L, message);
    return push(L, s, len);
  };
}
