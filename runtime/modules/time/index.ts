// require 'time': sleeping fibers.

import { lua, lauxlib, LuaState } from '../../vm/lua-api';
import { vmOf } from '../../vm/vm-of';
import { prepareSuspension, suspend, raiseCanceled, resumeWithNothing } from '../../fiber/suspension';
import { raiseSystemError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { setFunctions } from '../../vm/lua-api';

/** sleep(seconds): a cancellation point. */
function sleep(L: LuaState): number {
  const seconds = lauxlib.luaL_checknumber(L, 1);
  if (!(seconds >= 0) || !Number.isFinite(seconds)) raiseSystemError(L, errnoCodes.EINVAL, { arg: 1 });
  const fiber = prepareSuspension(L, true);
  const scheduler = vmOf(L).scheduler;
  const timer = setTimeout(() => scheduler.wake(fiber, resumeWithNothing), seconds * 1000);
  return suspend(L, fiber, {
    cancellable: true,
    cancel() {
      clearTimeout(timer);
      scheduler.wake(fiber, raiseCanceled);
    },
  });
}

export function openTimeModule(L: LuaState): void {
  lua.lua_createtable(L, 0, 8);
  setFunctions(L, -1, { sleep });
}
