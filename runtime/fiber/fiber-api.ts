// The Lua-facing fiber API: spawn(), fiber handles and this_fiber.

import { lua, lauxlib, luaString, pushText, setFunctions, pushUserdata, checkUserdata, LuaState, LuaJsFunction, indexKey } from '../lua/lua-api';
import { vmOf } from './vm-of';
import { raiseGenericError, raiseRuntimeError } from '../errors/error-object';
import { errnoCodes } from '../errors/categories';
import type { Fiber } from './fiber';
import {
  currentFiber, checkSuspensionAllowed, prepareSuspension, suspend, requestCancellation, raiseCanceled, resumeWithNothing,
} from './suspension';
import { luaWrittenInEmilua } from '../errors/lua-written';

const FIBER_MT = luaString('emilua-ts fiber');

/** Moves the finished fiber's results (or raises its error) onto L. */
export function deliverOutcome(L: LuaState, target: Fiber): number {
  target.joinable = false;
  target.joined = true;
  const thread = target.thread;
  if (target.outcome === 'failed') {
    target.unreportedFailure = null;
    lua.lua_pushvalue(thread, 2);
    lua.lua_xmove(thread, L, 1);
    return lua.lua_error(L);
  }
  if (target.outcome === 'canceled') return 0;
  // Returned: the thread holds `true, results...`.
  const count = lua.lua_gettop(thread) - 1;
  lauxlib.luaL_checkstack(L, count, null);
  for (let i = 2; i <= count + 1; i++) lua.lua_pushvalue(thread, i);
  lua.lua_xmove(thread, L, count);
  return count;
}

const fiberMethods: Record<string, LuaJsFunction> = {
  join(L) {
    // As in Emilua, join() is a suspending function even when the target has
    // already finished: forbid_suspend() and a pending cancellation raise first.
    const self = checkSuspensionAllowed(L, true);
    const target = checkUserdata<Fiber>(L, 1, 'fiber');
    if (!target.joinable || target.joiner !== null) raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
    if (target === self) raiseGenericError(L, errnoCodes.EDEADLK);
    if (target.state === 'done') return deliverOutcome(L, target);
    const fiber = prepareSuspension(L, true);
    target.joiner = fiber;
    return suspend(L, fiber, {
      cancellable: true,
      cancel() {
        target.joiner = null;
        vmOf(L).scheduler.wake(fiber, raiseCanceled);
      },
    });
  },
  detach(L) {
    const target = checkUserdata<Fiber>(L, 1, 'fiber');
    if (!target.joinable || target.joiner !== null) raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
    vmOf(L).detachFiber(target);
    return 0;
  },
  cancel(L) {
    const target = checkUserdata<Fiber>(L, 1, 'fiber');
    if (target.joinable) requestCancellation(target);
    return 0;
  },
};
fiberMethods.interrupt = fiberMethods.cancel;
luaWrittenInEmilua(fiberMethods.join);

const fiberIndex: LuaJsFunction = (L) => {
  const fiber = checkUserdata<Fiber>(L, 1, 'fiber');
  const key = indexKey(L);
  switch (key) {
    case 'joinable':
      // A fiber some other fiber is already joining is not joinable (Emilua).
      lua.lua_pushboolean(L, fiber.joinable && fiber.joiner === null);
      return 1;
    case 'cancellation_caught':
    case 'interruption_caught':
      // Only known once join() has seen how the fiber ended.
      if (!fiber.joined) raiseGenericError(L, errnoCodes.EINVAL);
      lua.lua_pushboolean(L, fiber.cancellationCaught);
      return 1;
    default: {
      const method = fiberMethods[key];
      if (method === undefined) raiseRuntimeError(L, 'bad_index', { index: 2 });
      lua.lua_pushcfunction(L, method);
      return 1;
    }
  }
};

export function installFiberMetatable(L: LuaState): void {
  lauxlib.luaL_newmetatable(L, FIBER_MT);
  setFunctions(L, -1, {
    __index: fiberIndex,
    __tostring(L) {
      const fiber = checkUserdata<Fiber>(L, 1, 'fiber');
      pushText(L, `fiber ${fiber.hexId}`);
      return 1;
    },
  });
  lua.lua_pop(L, 1);
}

export const spawn: LuaJsFunction = (L) => {
  lauxlib.luaL_checktype(L, 1, lua.LUA_TFUNCTION);
  const vm = vmOf(L);
  const fiber = vm.spawnFiber(L, 1, false);
  pushUserdata(L, 'fiber', fiber, FIBER_MT);
  vm.watchFiberHandle(lua.lua_touserdata(L, -1), fiber);
  return 1;
};

const thisFiberFunctions: Record<string, LuaJsFunction> = {
  yield(L) {
    const fiber = prepareSuspension(L, true);
    const scheduler = vmOf(L).scheduler;
    fiber.state = 'suspended';
    scheduler.wake(fiber, resumeWithNothing);
    return suspend(L, fiber, {
      cancellable: true,
      cancel() {
        fiber.wakeAction = raiseCanceled;
      },
    });
  },
  forbid_suspend(L) {
    currentFiber(L).suspensionForbidden++;
    return 0;
  },
  allow_suspend(L) {
    const fiber = currentFiber(L);
    if (fiber.suspensionForbidden === 0) raiseRuntimeError(L, 'suspension_already_allowed');
    fiber.suspensionForbidden--;
    return 0;
  },
  disable_cancellation(L) {
    currentFiber(L).cancellationDisabled++;
    return 0;
  },
  restore_cancellation(L) {
    const fiber = currentFiber(L);
    if (fiber.cancellationDisabled === 0) raiseRuntimeError(L, 'interruption_already_allowed');
    fiber.cancellationDisabled--;
    return 0;
  },
};
thisFiberFunctions.disable_interruption = thisFiberFunctions.disable_cancellation;
thisFiberFunctions.restore_interruption = thisFiberFunctions.restore_cancellation;

const thisFiberIndex: LuaJsFunction = (L) => {
  const key = indexKey(L);
  const fiber = currentFiber(L);
  switch (key) {
    case 'is_main':
      lua.lua_pushboolean(L, fiber.isMain);
      return 1;
    case 'id':
      pushText(L, fiber.hexId);
      return 1;
    case 'local_':
      if (fiber.localStorage === null) {
        lua.lua_newtable(L);
        fiber.localStorage = lua.lua_toproxy(L, -1);
        return 1;
      }
      fiber.localStorage(L);
      return 1;
    default:
      return raiseRuntimeError(L, 'bad_index', { index: 2 });
  }
};

/** Pushes the this_fiber table: functions plus per-fiber properties. */
export function pushThisFiber(L: LuaState): void {
  lua.lua_createtable(L, 0, 8);
  setFunctions(L, -1, thisFiberFunctions);
  lua.lua_createtable(L, 0, 1);
  setFunctions(L, -1, {
    __index: thisFiberIndex,
    __newindex: (L) => raiseGenericError(L, errnoCodes.EPERM),
  });
  lua.lua_setmetatable(L, -2);
}
