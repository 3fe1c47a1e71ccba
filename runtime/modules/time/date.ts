// time.date (Emilua's reference page is an outline: from_local, from_utc,
// new, add_days, and read-write year, month, day and timezone). A date is a
// proleptic Gregorian calendar day plus its time zone, which emilua-ts keeps
// as an offset in seconds east of UTC: the page's `time.timezone` type is not
// specified anywhere, so new() takes that integer, as the `timezone` property
// holds it. from_utc() gives offset 0; from_local() the offset of the process
// time zone (TZ) at that day's local midnight. Every change that would make
// the date invalid (31 February, a month 13) raises EINVAL and changes nothing.

import { lua, lauxlib, luaString, pushText, toText, pushUserdata, toUserdata, LuaState } from '../../lua/lua-api';
import { raiseGenericError, raiseRuntimeError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { isValidDate, daysFromCivil, civilFromDays } from './calendar';

interface DateValue {
  year: number;
  month: number;
  day: number;
  timezone: number;
}

const KIND = 'time.date';
const DATE_MT = luaString('emilua-ts time.date');
const MAX_OFFSET = 86399;

function checkDate(L: LuaState, idx: number): DateValue {
  const date = toUserdata<DateValue>(L, idx, KIND);
  if (date === undefined) raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
  return date as DateValue;
}

function integerArg(L: LuaState, idx: number): number {
  if (lua.lua_type(L, idx) !== lua.LUA_TNUMBER) return raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
  const n = lua.lua_tonumber(L, idx);
  if (!Number.isSafeInteger(n)) return raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
  return n;
}

function checkOffset(L: LuaState, idx: number): number {
  const offset = integerArg(L, idx);
  if (Math.abs(offset) > MAX_OFFSET) raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
  return offset;
}

/** The three calendar arguments at 1, 2, 3; EINVAL names the first one at fault. */
function civilArgs(L: LuaState): [number, number, number] {
  const year = integerArg(L, 1);
  const month = integerArg(L, 2);
  if (month < 1 || month > 12) raiseGenericError(L, errnoCodes.EINVAL, { arg: 2 });
  const day = integerArg(L, 3);
  if (!isValidDate(year, month, day)) raiseGenericError(L, errnoCodes.EINVAL, { arg: 3 });
  return [year, month, day];
}

function pushDate(L: LuaState, date: DateValue): number {
  pushUserdata(L, KIND, date, DATE_MT, installDateMetatable);
  return 1;
}

/** Seconds east of UTC in the process time zone at local midnight of that day, or NaN. */
function localOffset(year: number, month: number, day: number): number {
  const local = new Date(2000, 0, 1);
  local.setFullYear(year, month - 1, day);
  const offset = local.getTimezoneOffset() * -60;
  return offset === 0 ? 0 : offset; // not -0, which Lua would print as "-0"

}

const methods: Record<string, (L: LuaState) => number> = {
  add_days(L) {
    const date = checkDate(L, 1);
    const n = integerArg(L, 2);
    const civil = civilFromDays(daysFromCivil(date) + n);
    if (!Number.isSafeInteger(civil.year)) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 2 });
    Object.assign(date, civil);
    return 0;
  },
};

function setField(L: LuaState, date: DateValue, key: string): void {
  const value = key === 'timezone' ? checkOffset(L, 3) : integerArg(L, 3);
  const next = { ...date, [key]: value };
  if (key !== 'timezone' && !isValidDate(next.year, next.month, next.day)) {
    raiseGenericError(L, errnoCodes.EINVAL, { arg: 3 });
  }
  Object.assign(date, next);
}

function installDateMetatable(L: LuaState): void {
  lauxlib.luaL_newmetatable(L, DATE_MT);
  lua.lua_pushcfunction(L, (L: LuaState) => {
    const date = checkDate(L, 1);
    const key = lua.lua_type(L, 2) === lua.LUA_TSTRING ? toText(L, 2) : '';
    if (key === 'year' || key === 'month' || key === 'day' || key === 'timezone') {
      lua.lua_pushinteger(L, date[key]);
      return 1;
    }
    if (Object.hasOwn(methods, key)) {
      lua.lua_pushcfunction(L, methods[key]);
      return 1;
    }
    return raiseRuntimeError(L, 'bad_index', { index: 2 });
  });
  lua.lua_setfield(L, -2, luaString('__index'));
  lua.lua_pushcfunction(L, (L: LuaState) => {
    const date = checkDate(L, 1);
    const key = lua.lua_type(L, 2) === lua.LUA_TSTRING ? toText(L, 2) : '';
    if (key !== 'year' && key !== 'month' && key !== 'day' && key !== 'timezone') {
      return raiseRuntimeError(L, 'bad_index', { index: 2 });
    }
    setField(L, date, key);
    return 0;
  });
  lua.lua_setfield(L, -2, luaString('__newindex'));
  lua.lua_pushcfunction(L, (L: LuaState) => {
    const { year, month, day } = checkDate(L, 1);
    const y = year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0');
    pushText(L, `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
    return 1;
  });
  lua.lua_setfield(L, -2, luaString('__tostring'));
  lua.lua_pushcfunction(L, (L: LuaState) => {
    const a = toUserdata<DateValue>(L, 1, KIND);
    const b = toUserdata<DateValue>(L, 2, KIND);
    lua.lua_pushboolean(L, a !== undefined && b !== undefined && a.year === b.year && a.month === b.month &&
      a.day === b.day && a.timezone === b.timezone);
    return 1;
  });
  lua.lua_setfield(L, -2, luaString('__eq'));
  pushText(L, 'time.date');
  lua.lua_setfield(L, -2, luaString('__metatable'));
  lua.lua_pop(L, 1);
}

/** Pushes the time.date table: from_local, from_utc, new. */
export function pushDateModule(L: LuaState): void {
  lua.lua_createtable(L, 0, 3);
  lua.lua_pushcfunction(L, (L: LuaState) => {
    const [year, month, day] = civilArgs(L);
    const timezone = localOffset(year, month, day);
    if (!Number.isSafeInteger(timezone)) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
    return pushDate(L, { year, month, day, timezone });
  });
  lua.lua_setfield(L, -2, luaString('from_local'));
  lua.lua_pushcfunction(L, (L: LuaState) => {
    const [year, month, day] = civilArgs(L);
    return pushDate(L, { year, month, day, timezone: 0 });
  });
  lua.lua_setfield(L, -2, luaString('from_utc'));
  lua.lua_pushcfunction(L, (L: LuaState) => {
    const [year, month, day] = civilArgs(L);
    return pushDate(L, { year, month, day, timezone: checkOffset(L, 4) });
  });
  lua.lua_setfield(L, -2, luaString('new'));
}
