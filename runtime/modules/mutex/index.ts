// require 'mutex': a fiber mutex, local to its VM.
//
// lock() takes a free mutex at once (dispatch semantics: no switch to other
// ready fibers); a held one queues the fiber, and unlock() hands the mutex
// to the oldest waiter. The wait is not a cancellation point.

import { lua, luaString, pushUserdata, toUserdata, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { currentFiber, checkSuspensionAllowed, prepareSuspension, resumeWithNothing } from '../../fiber/suspension';
import { raiseGenericError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { FiberMutex } from './fiber-mutex';
import { installUserdataType, pushSealedModule } from './userdata-type';

export { FiberMutex } from './fiber-mutex';

export const MUTEX_KIND = 'mutex';
const MUTEX_MT = luaString('emilua-ts mutex');

function checkMutex(L: LuaState, idx: number): FiberMutex {
  const mutex = toUserdata<FiberMutex>(L, idx, MUTEX_KIND);
  if (mutex === undefined) raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
  return mutex as FiberMutex;
}

const methods: Record<string, LuaJsFunction> = {
  lock(L) {
    const mutex = checkMutex(L, 1);
    // lock() suspends, so forbid_suspend() rejects it even on a free mutex.
    const fiber = checkSuspensionAllowed(L, false);
    // Relocking a held mutex waits forever, as in Emilua; the VM reports the
    // deadlock when it shuts down.
    if (mutex.tryAcquire(fiber)) return 0;
    return mutex.lockOrQueue(L, prepareSuspension(L, false), resumeWithNothing);
  },
  try_lock(L) {
    const mutex = checkMutex(L, 1);
    const fiber = currentFiber(L);
    // "It's an error to call try_lock() if current fiber already owns the mutex."
    if (mutex.owner === fiber) raiseGenericError(L, errnoCodes.EDEADLK);
    lua.lua_pushboolean(L, mutex.tryAcquire(fiber));
    return 1;
  },
  unlock(L) {
    const mutex = checkMutex(L, 1);
    if (!mutex.locked) raiseGenericError(L, errnoCodes.EPERM);
    mutex.release(L);
    return 0;
  },
};

export function openMutexModule(L: LuaState): void {
  installUserdataType(L, MUTEX_MT, 'mutex', methods);
  pushSealedModule(L, 'mutex', {
    new(L) {
      pushUserdata(L, MUTEX_KIND, new FiberMutex(), MUTEX_MT);
      return 1;
    },
  });
}
