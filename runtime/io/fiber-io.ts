// Suspends a fiber on an I/O operation. The operation is started first; the
// fiber then suspends and is woken with its result, even when the result
// was available at once: it then goes behind the other ready fibers, so a
// fiber reading from an always-ready source still lets the others run (with
// no other fiber ready it simply goes on; see suspendCompleted). Cancelling
// the fiber cancels the operation only if it has not happened yet: otherwise
// the result is delivered and the cancellation waits for the next
// cancellation point.

import type { LuaState } from '../lua/lua-api';
import { lua } from '../lua/lua-api';
import type { WakeAction } from '../fiber/fiber';
import { prepareSuspension, suspend, suspendCompleted, raiseCanceled, currentFiber } from '../fiber/suspension';
import { vmOf } from '../fiber/vm-of';
import { pushSystemError } from '../errors/error-object';
import { errnoCodes } from '../errors/categories';
import type { IoDone, IoRequest } from './async-fd';

/**
 * Starts `start(done)` and suspends the calling fiber until `done(result)`.
 * `deliver` runs on the fiber when it resumes and pushes the results (or
 * raises). Use as `return suspendOnIo(...)` after the arguments are checked.
 */
export function suspendOnIo(
  L: LuaState,
  start: (done: IoDone) => IoRequest,
  deliver: (L: LuaState, result: number) => number,
): number {
  const fiber = prepareSuspension(L, true);
  const scheduler = vmOf(L).scheduler;
  let suspended = false;
  let finished = false;
  let result = 0;
  const action: WakeAction = (L) => deliver(L, result);
  const request = start((r) => {
    finished = true;
    result = r;
    if (suspended) scheduler.wake(fiber, action);
  });
  // Completed at once: the fiber yields, behind the other ready fibers, if any.
  if (finished) return suspendCompleted(L, fiber, action);
  suspended = true;
  return suspend(L, fiber, {
    cancellable: true,
    cancel() {
      if (!finished && request.cancel()) scheduler.wake(fiber, raiseCanceled);
    },
  });
}

/** Pushes a byte count, or raises the system error of a negative result. */
export function deliverCount(L: LuaState, result: number): number {
  if (result < 0) return raiseIoError(L, -result);
  lua.lua_pushnumber(L, result);
  return 1;
}

/**
 * Raises the system error `errno`; an operation aborted (ECANCELED) while
 * the fiber itself was being cancelled reports the cancellation instead.
 */
export function raiseIoError(L: LuaState, errno: number): never {
  if (errno === errnoCodes.ECANCELED && currentFiber(L).mustCancelNow) return raiseCanceled(L) as never;
  pushSystemError(L, errno);
  return lua.lua_error(L) as never;
}

export type { WakeAction };
