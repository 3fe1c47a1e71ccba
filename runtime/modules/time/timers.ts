// time.steady_timer and time.system_timer, modelled on Asio's waitable
// timers: a timer is "expired" once its clock reaches `expiry` (the clock's
// epoch for a new timer), and wait() on an expired timer completes at once
// (still after a trip through the event loop). Setting a new expiry or
// calling cancel() aborts every pending wait with Asio's operation_aborted
// (ECANCELED in the system category) and returns how many were aborted.
// A Node timer is armed only while some fiber waits, so an idle or
// cancelled timer never keeps the process alive.

import { lua, lauxlib, luaString, setFunctions, pushUserdata, toUserdata, LuaState, LuaJsFunction, indexKey } from '../../lua/lua-api';
import type { Fiber, WakeAction } from '../../fiber/fiber';
import type { Scheduler } from '../../fiber/scheduler';
import { currentFiber, checkSuspensionAllowed, prepareSuspension, suspend, raiseCanceled, resumeWithNothing } from '../../fiber/suspension';
import { vmOf } from '../../fiber/vm-of';
import { pushError, raiseGenericError, raiseRuntimeError } from '../../errors/error-object';
import { errnoCodes, systemCategory } from '../../errors/categories';
import { Deadline } from './deadline';
import { Clock, steadyClock, systemClock, checkTimePoint, delayTicks, pushTimePoint } from './clocks';

const INT64_MAX = 2n ** 63n - 1n;

/** A wait the timer aborted; a fiber cancelled meanwhile reports that instead. */
const raiseOperationAborted: WakeAction = (L) => {
  if (currentFiber(L).mustCancelNow) return raiseCanceled(L);
  pushError(L, systemCategory, errnoCodes.ECANCELED);
  return lua.lua_error(L);
};

class WaitableTimer {
  expiry = 0n;
  private readonly waits: Fiber[] = [];
  private deadline: Deadline | null = null;

  constructor(readonly clock: Clock, private readonly scheduler: Scheduler) {}

  addWait(fiber: Fiber): void {
    this.waits.push(fiber);
    if (this.deadline === null) this.deadline = new Deadline(this.clock.now, this.expiry, this.expire);
  }

  /** Forgets a wait that has not completed yet; false if it already has. */
  removeWait(fiber: Fiber): boolean {
    const idx = this.waits.indexOf(fiber);
    if (idx === -1) return false;
    this.waits.splice(idx, 1);
    if (this.waits.length === 0) this.disarm();
    return true;
  }

  /** Aborts every pending wait; returns how many there were. */
  cancelAll(): number {
    const aborted = this.waits.splice(0, this.waits.length);
    this.disarm();
    for (const fiber of aborted) this.scheduler.wake(fiber, raiseOperationAborted);
    return aborted.length;
  }

  private disarm(): void {
    this.deadline?.stop();
    this.deadline = null;
  }

  private readonly expire = (): void => {
    this.deadline = null;
    const done = this.waits.splice(0, this.waits.length);
    for (const fiber of done) this.scheduler.wake(fiber, resumeWithNothing);
  };
}

interface TimerType {
  readonly name: string;
  readonly clock: Clock;
  readonly metatable: Uint8Array;
  /** Only the steady timer has expires_after(). */
  readonly relative: boolean;
}

const steadyTimer: TimerType = {
  name: 'steady_timer', clock: steadyClock, metatable: luaString('emilua-ts steady_timer'), relative: true,
};
const systemTimer: TimerType = {
  name: 'system_timer', clock: systemClock, metatable: luaString('emilua-ts system_timer'), relative: false,
};

function checkTimer(L: LuaState, type: TimerType): WaitableTimer {
  const timer = toUserdata<WaitableTimer>(L, 1, type.name);
  if (timer === undefined) raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
  return timer as WaitableTimer;
}

function timerMethods(type: TimerType): Record<string, LuaJsFunction> {
  const methods: Record<string, LuaJsFunction> = {
    wait(L) {
      checkSuspensionAllowed(L, true);
      const timer = checkTimer(L, type);
      const fiber = prepareSuspension(L, true);
      timer.addWait(fiber);
      const scheduler = vmOf(L).scheduler;
      return suspend(L, fiber, {
        cancellable: true,
        cancel() {
          // Only this wait is aborted; one that already completed stands.
          if (timer.removeWait(fiber)) scheduler.wake(fiber, raiseCanceled);
        },
      });
    },
    expires_at(L) {
      const timer = checkTimer(L, type);
      const tp = checkTimePoint(L, 2, type.clock);
      const aborted = timer.cancelAll();
      timer.expiry = tp.ticks;
      lua.lua_pushnumber(L, aborted);
      return 1;
    },
    cancel(L) {
      lua.lua_pushnumber(L, checkTimer(L, type).cancelAll());
      return 1;
    },
  };
  if (type.relative) {
    methods.expires_after = (L) => {
      const timer = checkTimer(L, type);
      const delay = delayTicks(L, 2);
      const aborted = timer.cancelAll();
      const expiry = type.clock.now() + delay;
      // Asio saturates instead of overflowing the clock's tick count.
      timer.expiry = expiry > INT64_MAX ? INT64_MAX : expiry;
      lua.lua_pushnumber(L, aborted);
      return 1;
    };
  }
  return methods;
}

function installTimerMetatable(L: LuaState, type: TimerType): void {
  if (!lauxlib.luaL_newmetatable(L, type.metatable)) {
    lua.lua_pop(L, 1);
    return;
  }
  const methods = timerMethods(type);
  setFunctions(L, -1, {
    __index(L) {
      const timer = checkTimer(L, type);
      const key = indexKey(L);
      if (key === 'expiry') {
        pushTimePoint(L, type.clock, timer.expiry);
        return 1;
      }
      if (!Object.hasOwn(methods, key)) return raiseRuntimeError(L, 'bad_index', { index: 2 });
      lua.lua_pushcfunction(L, methods[key]);
      return 1;
    },
  });
  lua.lua_pushstring(L, luaString(type.name));
  lua.lua_setfield(L, -2, luaString('__metatable'));
  lua.lua_pop(L, 1);
}

function pushTimerType(L: LuaState, type: TimerType): void {
  installTimerMetatable(L, type);
  lua.lua_createtable(L, 0, 1);
  setFunctions(L, -1, {
    new(L) {
      pushUserdata(L, type.name, new WaitableTimer(type.clock, vmOf(L).scheduler), type.metatable);
      return 1;
    },
  });
}

export function pushSteadyTimer(L: LuaState): void {
  pushTimerType(L, steadyTimer);
}

export function pushSystemTimer(L: LuaState): void {
  pushTimerType(L, systemTimer);
}
