// require 'recursive_mutex': a fiber mutex its owner may lock again; each
// lock() or successful try_lock() needs its own unlock() before another fiber
// gets it. Waiters are served in FIFO order; lock() takes a free mutex
// without a context switch and its wait is not a cancellation point.

import { lua, luaString, pushUserdata, toUserdata, LuaState, LuaJsFunction } from '../../lua/lua-api';
import type { Fiber } from '../../fiber/fiber';
import { currentFiber, checkSuspensionAllowed, prepareSuspension, suspend, resumeWithNothing } from '../../fiber/suspension';
import { vmOf } from '../../fiber/vm-of';
import { raiseGenericError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { installUserdataType, pushSealedModule } from '../mutex/userdata-type';

const KIND = 'recursive_mutex';
const RECURSIVE_MUTEX_MT = luaString('emilua-ts recursive_mutex');

class RecursiveMutex {
  owner: Fiber | null = null;
  depth = 0;
  readonly waiters: Fiber[] = [];
}

function checkRecursiveMutex(L: LuaState, idx: number): RecursiveMutex {
  const mutex = toUserdata<RecursiveMutex>(L, idx, KIND);
  if (mutex === undefined) raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
  return mutex as RecursiveMutex;
}

/** Takes one more level of ownership if the fiber may have it without waiting. */
function tryAcquire(mutex: RecursiveMutex, fiber: Fiber): boolean {
  if (mutex.owner === null) {
    mutex.owner = fiber;
    mutex.depth = 1;
    return true;
  }
  if (mutex.owner !== fiber) return false;
  mutex.depth++;
  return true;
}

const methods: Record<string, LuaJsFunction> = {
  lock(L) {
    const mutex = checkRecursiveMutex(L, 1);
    const fiber = checkSuspensionAllowed(L, false);
    if (tryAcquire(mutex, fiber)) return 0;
    prepareSuspension(L, false);
    mutex.waiters.push(fiber);
    // unlock() makes the waiter the owner before waking it.
    return suspend(L, fiber, { cancellable: false });
  },
  try_lock(L) {
    const mutex = checkRecursiveMutex(L, 1);
    lua.lua_pushboolean(L, tryAcquire(mutex, currentFiber(L)));
    return 1;
  },
  unlock(L) {
    const mutex = checkRecursiveMutex(L, 1);
    if (mutex.owner === null || mutex.owner !== currentFiber(L)) raiseGenericError(L, errnoCodes.EPERM);
    if (--mutex.depth > 0) return 0;
    const next = mutex.waiters.shift();
    if (next === undefined) {
      mutex.owner = null;
      return 0;
    }
    mutex.owner = next;
    mutex.depth = 1;
    vmOf(L).scheduler.wake(next, resumeWithNothing);
    return 0;
  },
};

export function openRecursiveMutexModule(L: LuaState): void {
  installUserdataType(L, RECURSIVE_MUTEX_MT, 'recursive_mutex', methods);
  pushSealedModule(L, 'recursive_mutex', {
    new(L) {
      pushUserdata(L, KIND, new RecursiveMutex(), RECURSIVE_MUTEX_MT);
      return 1;
    },
  });
}
