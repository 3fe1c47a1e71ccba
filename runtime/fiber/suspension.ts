// How a JavaScript builtin suspends the calling fiber. The builtin starts its
// operation, then returns suspend(L, op). The fiber's thread yields a private
// marker; inside a user coroutine the coroutine.resume() shim passes that
// marker up to the fiber. When the operation completes, scheduler.wake()
// queues the fiber with a WakeAction that pushes the results (or raises) on
// the very thread that suspended, through the continuation below.

import { lua, luaString, LuaState } from '../lua/lua-api';
import { vmOf } from './vm-of';
import { raiseRuntimeError } from '../errors/error-object';
import type { Fiber, PendingOperation, WakeAction } from './fiber';

/** The marker yielded by suspending builtins; user code never sees it. */
export const SUSPEND_MARKER = Object.freeze({ emiluaTsSuspend: true });

export function currentFiber(L: LuaState): Fiber {
  const fiber = vmOf(L).scheduler.current;
  if (fiber === null) throw new Error('no fiber is running');
  return fiber;
}

/** Raises fiber_canceled if the current fiber must act on a cancellation now. */
export function cancellationPoint(L: LuaState): void {
  if (currentFiber(L).mustCancelNow) raiseRuntimeError(L, 'fiber_canceled');
}

export const raiseCanceled: WakeAction = (L) => raiseRuntimeError(L, 'fiber_canceled');
export const resumeWithNothing: WakeAction = () => 0;

/**
 * The checks Emilua makes on entry to every suspending function, before it
 * looks at its arguments: forbid_suspend() and (for cancellation points) a
 * pending cancellation.
 */
export function checkSuspensionAllowed(L: LuaState, cancellable: boolean): Fiber {
  const fiber = currentFiber(L);
  if (fiber.suspensionForbidden > 0) raiseRuntimeError(L, 'suspension_not_allowed');
  if (cancellable && fiber.mustCancelNow) raiseRuntimeError(L, 'fiber_canceled');
  return fiber;
}

/**
 * Checks everything that forbids a suspension before an operation starts:
 * forbid_suspend(), a pending cancellation (for cancellation points) and a
 * non-yieldable call site (table.sort comparators, string.gsub callbacks...).
 */
export function prepareSuspension(L: LuaState, cancellable: boolean): Fiber {
  const fiber = currentFiber(L);
  if (fiber.suspensionForbidden > 0) raiseRuntimeError(L, 'suspension_not_allowed');
  if (!lua.lua_isyieldable(L) || fiber.blockedResumes > 0) {
    lua.lua_pushstring(L, luaString(
      'attempt to suspend the fiber from a call that cannot yield ' +
      '(such as a table.sort comparator, a string.gsub callback or __tostring)'));
    return lua.lua_error(L);
  }
  if (cancellable && fiber.mustCancelNow) raiseRuntimeError(L, 'fiber_canceled');
  return fiber;
}

const continueAfterWake = (L: LuaState): number => {
  const fiber = currentFiber(L);
  const action = fiber.wakeAction;
  fiber.wakeAction = null;
  fiber.operation = null;
  return action === null ? 0 : action(L);
};

/** Suspends the fiber returned by prepareSuspension(). Use as `return suspend(...)`. */
export function suspend(L: LuaState, fiber: Fiber, operation: PendingOperation): number {
  fiber.operation = operation;
  if (fiber.state === 'running') fiber.state = 'suspended';
  lua.lua_pushlightuserdata(L, SUSPEND_MARKER);
  return lua.lua_yieldk(L, 1, 0, continueAfterWake);
}

/**
 * Suspends the fiber returned by prepareSuspension() for an operation that
 * has already completed: the fiber goes to the back of the ready queue and
 * resumes with `action`, so other ready fibers run first (post semantics).
 * When no other fiber is ready, `action` runs at once instead, which is what
 * the yield would have come to (Scheduler.continueInline).
 * Use as `return suspendCompleted(...)`.
 */
export function suspendCompleted(L: LuaState, fiber: Fiber, action: WakeAction): number {
  fiber.operation = null;
  if (vmOf(L).scheduler.continueInline(fiber)) return action(L);
  fiber.state = 'suspended';
  vmOf(L).scheduler.wake(fiber, action);
  lua.lua_pushlightuserdata(L, SUSPEND_MARKER);
  return lua.lua_yieldk(L, 1, 0, continueAfterWake);
}

/** Cancels a fiber: at its current wait if that is a cancellation point, else later. */
export function requestCancellation(fiber: Fiber): void {
  if (fiber.state === 'done' || fiber.cancelRequested) return;
  fiber.cancelRequested = true;
  if (fiber.operation?.cancellable && fiber.cancellationDisabled === 0) fiber.operation.cancel?.();
}
