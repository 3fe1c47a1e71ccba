// require 'time': sleep(), the three clocks and their time points, the
// steady and system timers, and time.date (date.ts).

import { lua, luaString, setFunctions, LuaState } from '../../lua/lua-api';
import { vmOf } from '../../fiber/vm-of';
import { prepareSuspension, suspend, raiseCanceled, resumeWithNothing } from '../../fiber/suspension';
import { Deadline } from './deadline';
import {
  steadyClock, systemClock, highResolutionClock, HIGH_RESOLUTION_CLOCK_IS_STEADY, delayTicks, pushClock,
} from './clocks';
import { pushSteadyTimer, pushSystemTimer } from './timers';
import { pushDateModule } from './date';
import { luaWrittenInEmilua } from '../../errors/lua-written';

/**
 * sleep(secs): a cancellation point. Fractions of a second are rounded up to
 * whole nanoseconds; a negative, NaN or infinite duration raises EDOM (arg 1).
 * A sleeping fiber keeps the process alive.
 */
function sleep(L: LuaState): number {
  const delay = delayTicks(L, 1);
  const fiber = prepareSuspension(L, true);
  const scheduler = vmOf(L).scheduler;
  const deadline = new Deadline(steadyClock.now, steadyClock.now() + delay, () => {
    scheduler.wake(fiber, resumeWithNothing);
  });
  return suspend(L, fiber, {
    cancellable: true,
    cancel() {
      deadline.stop();
      scheduler.wake(fiber, raiseCanceled);
    },
  });
}

export function openTimeModule(L: LuaState): void {
  lua.lua_createtable(L, 0, 6);
  setFunctions(L, -1, { sleep: luaWrittenInEmilua(sleep) });

  pushClock(L, steadyClock);
  lua.lua_setfield(L, -2, luaString('steady_clock'));
  pushClock(L, systemClock);
  lua.lua_setfield(L, -2, luaString('system_clock'));
  pushClock(L, highResolutionClock);
  lua.lua_pushboolean(L, HIGH_RESOLUTION_CLOCK_IS_STEADY);
  lua.lua_setfield(L, -2, luaString('is_steady'));
  lua.lua_setfield(L, -2, luaString('high_resolution_clock'));

  pushSteadyTimer(L);
  lua.lua_setfield(L, -2, luaString('steady_timer'));
  pushSystemTimer(L);
  lua.lua_setfield(L, -2, luaString('system_timer'));
  pushDateModule(L);
  lua.lua_setfield(L, -2, luaString('date'));
}
