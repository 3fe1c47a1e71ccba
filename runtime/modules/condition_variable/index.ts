// require 'condition_variable': pthread-style condition variables for fibers.
//
// wait(m) releases the mutex, parks the fiber and, once notified or
// cancelled, takes the mutex back before returning or raising fiber_canceled
// (the re-acquisition is an ordinary, non-cancellable mutex wait). Like
// Emilua, only `mutex` objects are accepted. Notifications have post
// semantics: the notifier keeps running and notified fibers are queued.

import { luaString, pushUserdata, toUserdata, LuaState, LuaJsFunction } from '../../lua/lua-api';
import type { Fiber, WakeAction } from '../../fiber/fiber';
import { currentFiber, prepareSuspension, suspend, raiseCanceled, resumeWithNothing } from '../../fiber/suspension';
import { vmOf } from '../../fiber/vm-of';
import { raiseGenericError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { FiberMutex, MUTEX_KIND } from '../mutex';
import { installUserdataType, pushSealedModule } from '../mutex/userdata-type';
import { luaWrittenInEmilua } from '../../errors/lua-written';

const KIND = 'condition_variable';
const CONDITION_VARIABLE_MT = luaString('emilua-ts condition_variable');

interface CondWaiter {
  readonly fiber: Fiber;
  /** The mutex the waiter released and must take back. */
  readonly mutex: FiberMutex;
}

class ConditionVariable {
  readonly waiters: CondWaiter[] = [];
}

function checkConditionVariable(L: LuaState, idx: number): ConditionVariable {
  const cond = toUserdata<ConditionVariable>(L, idx, KIND);
  if (cond === undefined) raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
  return cond as ConditionVariable;
}

/** What a woken waiter runs first: take the mutex back, then return or raise. */
function relockThen(mutex: FiberMutex, after: WakeAction): WakeAction {
  return (L) => mutex.lockOrQueue(L, currentFiber(L), after);
}

const methods: Record<string, LuaJsFunction> = {
  wait(L) {
    const cond = checkConditionVariable(L, 1);
    const mutex = toUserdata<FiberMutex>(L, 2, MUTEX_KIND);
    if (mutex === undefined) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 2 });
    if (!mutex.locked) raiseGenericError(L, errnoCodes.EPERM);
    // A pending cancellation is raised here, while the mutex is still held.
    const fiber = prepareSuspension(L, true);
    const waiter: CondWaiter = { fiber, mutex };
    cond.waiters.push(waiter);
    mutex.release(L);
    const scheduler = vmOf(L).scheduler;
    return suspend(L, fiber, {
      cancellable: true,
      cancel() {
        const idx = cond.waiters.indexOf(waiter);
        // Already notified: the wake-up is queued and wins; the cancellation
        // is raised at the next cancellation point.
        if (idx === -1) return;
        cond.waiters.splice(idx, 1);
        scheduler.wake(fiber, relockThen(mutex, raiseCanceled));
      },
    });
  },
  notify_one(L) {
    const cond = checkConditionVariable(L, 1);
    const next = cond.waiters.shift();
    if (next !== undefined) wakeWaiter(L, next);
    return 0;
  },
  notify_all(L) {
    const cond = checkConditionVariable(L, 1);
    const all = cond.waiters.splice(0, cond.waiters.length);
    for (const waiter of all) wakeWaiter(L, waiter);
    return 0;
  },
};
luaWrittenInEmilua(methods.wait);

function wakeWaiter(L: LuaState, waiter: CondWaiter): void {
  vmOf(L).scheduler.wake(waiter.fiber, relockThen(waiter.mutex, resumeWithNothing));
}

export function openConditionVariableModule(L: LuaState): void {
  installUserdataType(L, CONDITION_VARIABLE_MT, 'condition_variable', methods);
  pushSealedModule(L, 'condition_variable', {
    new(L) {
      pushUserdata(L, KIND, new ConditionVariable(), CONDITION_VARIABLE_MT);
      return 1;
    },
  });
}
