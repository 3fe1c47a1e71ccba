// filesystem.clock: the clock of file times (std::chrono::file_clock). Its
// time points count whole nanoseconds (a signed 64-bit BigInt) from the
// clock's epoch. Emilua leaves that epoch unspecified; on Linux it is
// libstdc++'s, 2174-01-01T00:00:00Z, 6437664000 s after the UNIX epoch, and
// emilua-ts uses the same one so seconds_since_epoch matches.

import { lua, lauxlib, luaString, setFunctions, pushUserdata, toUserdata, LuaState, LuaJsFunction, indexKey } from '../../lua/lua-api';
import { raiseGenericError, raiseRuntimeError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { loadAddon } from '../../native/load-addon';
import { systemClock, pushClock, pushTimePoint, checkTimePoint, roundedTicks } from '../time/clocks';

const KIND = 'filesystem.clock.time_point';
const METATABLE = luaString('emilua-ts filesystem.clock.time_point');

const NS_PER_SECOND = 1_000_000_000n;
/** Nanoseconds from the UNIX epoch to the file clock's epoch. */
export const EPOCH_FROM_UNIX_NS = 6_437_664_000n * NS_PER_SECOND;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

class FileTimePoint {
  constructor(public ticks: bigint) {}
}

/** Nanoseconds since the UNIX epoch (e.g. a stat mtime) as file clock ticks. */
export function ticksFromUnixNs(unixNs: bigint): bigint {
  return unixNs - EPOCH_FROM_UNIX_NS;
}

export function unixNsFromTicks(ticks: bigint): bigint {
  return ticks + EPOCH_FROM_UNIX_NS;
}

export function pushFileTime(L: LuaState, ticks: bigint): void {
  pushUserdata(L, KIND, new FileTimePoint(ticks), METATABLE, installFileTimeMetatable);
}

function toFileTime(L: LuaState, idx: number): FileTimePoint | undefined {
  return toUserdata<FileTimePoint>(L, idx, KIND);
}

/** The ticks of the filesystem.clock.time_point at idx, or undefined for any other value. */
export function toFileTimeTicks(L: LuaState, idx: number): bigint | undefined {
  return toFileTime(L, idx)?.ticks;
}

export function checkFileTime(L: LuaState, idx: number): FileTimePoint {
  const tp = toFileTime(L, idx);
  return tp === undefined ? raiseGenericError(L, errnoCodes.EINVAL, { arg: idx }) : tp;
}

function inRange(L: LuaState, ticks: bigint): bigint {
  if (ticks < INT64_MIN || ticks > INT64_MAX) raiseGenericError(L, errnoCodes.EOVERFLOW);
  return ticks;
}

/** A duration argument in seconds as ticks (nearest, ties to even; EDOM for NaN/inf). */
function durationArg(L: LuaState, idx: number): bigint {
  return roundedTicks(L, lauxlib.luaL_checknumber(L, idx), idx);
}

function nowTicks(): bigint {
  const [sec, nsec] = loadAddon().fsRealtimeClock();
  return ticksFromUnixNs(BigInt(sec) * NS_PER_SECOND + BigInt(nsec));
}

const methods: Record<string, LuaJsFunction> = {
  add(L) {
    const tp = checkFileTime(L, 1);
    tp.ticks = inRange(L, tp.ticks + durationArg(L, 2));
    return 0;
  },
  sub(L) {
    const tp = checkFileTime(L, 1);
    tp.ticks = inRange(L, tp.ticks - durationArg(L, 2));
    return 0;
  },
  to_system(L) {
    const tp = checkFileTime(L, 1);
    pushTimePoint(L, systemClock, unixNsFromTicks(tp.ticks));
    return 1;
  },
};

const properties: Record<string, (tp: FileTimePoint) => number> = {
  seconds_since_epoch: (tp) => Number(tp.ticks) / 1e9,
  seconds_since_unix_epoch: (tp) => Number(unixNsFromTicks(tp.ticks)) / 1e9,
};

const metamethods: Record<string, LuaJsFunction> = {
  __index(L) {
    const tp = checkFileTime(L, 1);
    const key = indexKey(L);
    if (Object.hasOwn(properties, key)) {
      lua.lua_pushnumber(L, properties[key](tp));
      return 1;
    }
    if (!Object.hasOwn(methods, key)) return raiseRuntimeError(L, 'bad_index', { index: 2 });
    lua.lua_pushcfunction(L, methods[key]);
    return 1;
  },
  __eq(L) {
    const a = toFileTime(L, 1);
    const b = toFileTime(L, 2);
    lua.lua_pushboolean(L, a !== undefined && b !== undefined && a.ticks === b.ticks);
    return 1;
  },
  __lt(L) {
    lua.lua_pushboolean(L, checkFileTime(L, 1).ticks < checkFileTime(L, 2).ticks);
    return 1;
  },
  __le(L) {
    lua.lua_pushboolean(L, checkFileTime(L, 1).ticks <= checkFileTime(L, 2).ticks);
    return 1;
  },
  __add(L) {
    const tp = checkFileTime(L, 1);
    pushFileTime(L, inRange(L, tp.ticks + durationArg(L, 2)));
    return 1;
  },
  __sub(L) {
    const tp = checkFileTime(L, 1);
    if (lua.lua_type(L, 2) === lua.LUA_TNUMBER) {
      pushFileTime(L, inRange(L, tp.ticks - durationArg(L, 2)));
      return 1;
    }
    const other = checkFileTime(L, 2);
    lua.lua_pushnumber(L, Number(tp.ticks - other.ticks) / 1e9);
    return 1;
  },
};

function installFileTimeMetatable(L: LuaState): void {
  if (lauxlib.luaL_newmetatable(L, METATABLE)) {
    setFunctions(L, -1, metamethods);
    lua.lua_pushstring(L, luaString('filesystem.clock.time_point'));
    lua.lua_setfield(L, -2, luaString('__metatable'));
  }
  lua.lua_pop(L, 1);
}

/** Pushes the `filesystem.clock` table. */
export function pushFileClock(L: LuaState): void {
  installFileTimeMetatable(L);
  // to_system() and from_system() deal in time.system_clock time points,
  // whose metatable the time module registers along with its clock tables.
  pushClock(L, systemClock);
  lua.lua_pop(L, 1);

  lua.lua_createtable(L, 0, 4);
  setFunctions(L, -1, {
    now(L) {
      pushFileTime(L, nowTicks());
      return 1;
    },
    epoch(L) {
      pushFileTime(L, 0n);
      return 1;
    },
    unix_epoch(L) {
      pushFileTime(L, ticksFromUnixNs(0n));
      return 1;
    },
    from_system(L) {
      const tp = checkTimePoint(L, 1, systemClock);
      pushFileTime(L, inRange(L, ticksFromUnixNs(tp.ticks)));
      return 1;
    },
  });
}
