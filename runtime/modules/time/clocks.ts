// time.steady_clock, time.system_clock and time.high_resolution_clock with
// their time points. A time point holds whole nanoseconds since its clock's
// epoch (a BigInt, as a 64-bit tick count, so system-clock values keep every
// digit). Durations in seconds become ticks by rounding halfway cases to even
// (add, sub, + and -) or by rounding up (sleeps and timer delays).
//
// steady_clock is CLOCK_MONOTONIC (the epoch is the system's boot);
// system_clock is the wall clock from the UNIX epoch, at millisecond
// resolution; high_resolution_clock reads the monotonic clock too, so it
// reports is_steady = true. Its time points only have seconds_since_epoch,
// comparisons and tp - tp, as in Emilua.

import { lua, lauxlib, luaString, setFunctions, pushUserdata, toUserdata, LuaState, LuaJsFunction, indexKey } from '../../lua/lua-api';
import { raiseGenericError, raiseRuntimeError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const TICKS_LIMIT = 2 ** 63;

export interface Clock {
  readonly name: string;
  /** The kind of its time point userdata. */
  readonly pointKind: string;
  readonly pointMetatable: Uint8Array;
  /** Nanoseconds since the clock's epoch. */
  now(): bigint;
  /** Whether time points have add/sub and accept numbers in + and -. */
  readonly arithmetic: boolean;
}

function makeClock(name: string, now: () => bigint, arithmetic: boolean): Clock {
  return {
    name,
    pointKind: `${name}.time_point`,
    pointMetatable: luaString(`emilua-ts ${name}.time_point`),
    now,
    arithmetic,
  };
}

const monotonicNow = (): bigint => process.hrtime.bigint();

export const steadyClock = makeClock('steady_clock', monotonicNow, true);
export const systemClock = makeClock('system_clock', () => BigInt(Date.now()) * 1_000_000n, true);
export const highResolutionClock = makeClock('high_resolution_clock', monotonicNow, false);
export const HIGH_RESOLUTION_CLOCK_IS_STEADY = true;

class TimePoint {
  constructor(public ticks: bigint) {}
}

function checkTicks(L: LuaState, ticks: bigint): bigint {
  if (ticks < INT64_MIN || ticks > INT64_MAX) raiseGenericError(L, errnoCodes.EOVERFLOW);
  return ticks;
}

function durationTicks(L: LuaState, secs: number, arg: number, round: (x: number) => number): bigint {
  if (!Number.isFinite(secs)) raiseGenericError(L, errnoCodes.EDOM, { arg });
  const ns = secs * 1e9;
  if (ns >= TICKS_LIMIT || ns < -TICKS_LIMIT) raiseGenericError(L, errnoCodes.EOVERFLOW);
  return BigInt(round(ns));
}

function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5 || (diff === 0.5 && floor % 2 !== 0)) return floor + 1;
  return floor;
}

/** A duration argument as ticks, rounded to the nearest tick (ties to even). */
export function roundedTicks(L: LuaState, secs: number, arg: number): bigint {
  return durationTicks(L, secs, arg, roundHalfEven);
}

/** A non-negative delay argument as ticks, rounded up. */
export function delayTicks(L: LuaState, arg: number): bigint {
  const secs = lauxlib.luaL_checknumber(L, arg);
  if (!(secs >= 0)) raiseGenericError(L, errnoCodes.EDOM, { arg });
  return durationTicks(L, secs, arg, Math.ceil);
}

export function pushTimePoint(L: LuaState, clock: Clock, ticks: bigint): void {
  pushUserdata(L, clock.pointKind, new TimePoint(ticks), clock.pointMetatable);
}

export function toTimePoint(L: LuaState, idx: number, clock: Clock): TimePoint | undefined {
  return toUserdata<TimePoint>(L, idx, clock.pointKind);
}

/** The time point at idx, or an EINVAL error naming that argument. */
export function checkTimePoint(L: LuaState, idx: number, clock: Clock): TimePoint {
  const tp = toTimePoint(L, idx, clock);
  if (tp === undefined) raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
  return tp as TimePoint;
}

function secondsBetween(a: bigint, b: bigint): number {
  return Number(a - b) / 1e9;
}

function installTimePointMetatable(L: LuaState, clock: Clock): void {
  const methods: Record<string, LuaJsFunction> = {
    add(L) {
      const tp = checkTimePoint(L, 1, clock);
      const ticks = roundedTicks(L, lauxlib.luaL_checknumber(L, 2), 2);
      tp.ticks = checkTicks(L, tp.ticks + ticks);
      return 0;
    },
    sub(L) {
      const tp = checkTimePoint(L, 1, clock);
      const ticks = roundedTicks(L, lauxlib.luaL_checknumber(L, 2), 2);
      tp.ticks = checkTicks(L, tp.ticks - ticks);
      return 0;
    },
  };

  const metamethods: Record<string, LuaJsFunction> = {
    __index(L) {
      const tp = checkTimePoint(L, 1, clock);
      const key = indexKey(L);
      if (key === 'seconds_since_epoch') {
        lua.lua_pushnumber(L, Number(tp.ticks) / 1e9);
        return 1;
      }
      if (!clock.arithmetic || !Object.hasOwn(methods, key)) return raiseRuntimeError(L, 'bad_index', { index: 2 });
      lua.lua_pushcfunction(L, methods[key]);
      return 1;
    },
    __eq(L) {
      const a = toTimePoint(L, 1, clock);
      const b = toTimePoint(L, 2, clock);
      lua.lua_pushboolean(L, a !== undefined && b !== undefined && a.ticks === b.ticks);
      return 1;
    },
    __lt(L) {
      const a = checkTimePoint(L, 1, clock);
      const b = checkTimePoint(L, 2, clock);
      lua.lua_pushboolean(L, a.ticks < b.ticks);
      return 1;
    },
    __le(L) {
      const a = checkTimePoint(L, 1, clock);
      const b = checkTimePoint(L, 2, clock);
      lua.lua_pushboolean(L, a.ticks <= b.ticks);
      return 1;
    },
    __sub(L) {
      const tp = checkTimePoint(L, 1, clock);
      if (clock.arithmetic && lua.lua_type(L, 2) === lua.LUA_TNUMBER) {
        const ticks = roundedTicks(L, lua.lua_tonumber(L, 2), 2);
        pushTimePoint(L, clock, checkTicks(L, tp.ticks - ticks));
        return 1;
      }
      const other = checkTimePoint(L, 2, clock);
      lua.lua_pushnumber(L, secondsBetween(tp.ticks, other.ticks));
      return 1;
    },
  };
  if (clock.arithmetic) {
    metamethods.__add = (L) => {
      const tp = checkTimePoint(L, 1, clock);
      const ticks = roundedTicks(L, lauxlib.luaL_checknumber(L, 2), 2);
      pushTimePoint(L, clock, checkTicks(L, tp.ticks + ticks));
      return 1;
    };
  }

  if (lauxlib.luaL_newmetatable(L, clock.pointMetatable)) {
    setFunctions(L, -1, metamethods);
    lua.lua_pushstring(L, luaString(clock.pointKind));
    lua.lua_setfield(L, -2, luaString('__metatable'));
  }
  lua.lua_pop(L, 1);
}

/** Pushes a clock's table (now, epoch) after registering its time point type. */
export function pushClock(L: LuaState, clock: Clock): void {
  installTimePointMetatable(L, clock);
  lua.lua_createtable(L, 0, 3);
  setFunctions(L, -1, {
    now(L) {
      pushTimePoint(L, clock, clock.now());
      return 1;
    },
    epoch(L) {
      pushTimePoint(L, clock, 0n);
      return 1;
    },
  });
}
