// require 'future': promises and shared futures. future.new() returns a
// promise and its future; any number of fibers may get() the future, and
// each receives the value (or has the error raised) once the promise is
// satisfied. A promise satisfied twice raises promise_already_satisfied; one
// collected unsatisfied breaks its future (broken_promise), which happens
// whenever the JavaScript collector runs, not at a Lua collectgarbage().

import { lua, luaString, setFunctions, pushUserdata, toUserdata, LuaState, LuaJsFunction } from '../../lua/lua-api';
import type { Fiber } from '../../fiber/fiber';
import type { Scheduler } from '../../fiber/scheduler';
import { checkSuspensionAllowed, prepareSuspension, suspend, raiseCanceled } from '../../fiber/suspension';
import { vmOf } from '../../fiber/vm-of';
import { raiseGenericError, raiseRuntimeError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { installUserdataType } from '../mutex/userdata-type';
import { luaWrittenInEmilua } from '../../errors/lua-written';

const PROMISE_KIND = 'promise';
const FUTURE_KIND = 'future';
const PROMISE_MT = luaString('emilua-ts promise');
const FUTURE_MT = luaString('emilua-ts future');

type Proxy = (L: LuaState) => void;

/** Futures are named by a number in reports (Emilua prints addresses). */
let nextFutureId = 0x5f000;

class SharedState {
  readonly hexId = '0x' + (nextFutureId++).toString(16);
  state: 'empty' | 'broken' | 'value' | 'error' = 'empty';
  /** The value or error, kept alive through a proxy of the Lua value. */
  result: Proxy | null = null;
  readonly waiters: Fiber[] = [];

  constructor(readonly scheduler: Scheduler) {}
}

function checkState(L: LuaState, kind: string): SharedState {
  const state = toUserdata<SharedState>(L, 1, kind);
  if (state === undefined) raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
  return state as SharedState;
}

/** Pushes the ready result on L: returns the value or raises the error. */
function deliver(L: LuaState, state: SharedState): number {
  switch (state.state) {
    case 'value':
      (state.result as Proxy)(L);
      return 1;
    case 'error':
      (state.result as Proxy)(L);
      return lua.lua_error(L);
    case 'broken':
      return raiseRuntimeError(L, 'broken_promise');
    case 'empty':
      throw new Error('future delivered before it was ready');
  }
}

/** Makes the state ready and queues every waiter with the outcome. */
function satisfy(L: LuaState, kind: 'value' | 'error'): number {
  lua.lua_settop(L, 2);
  const state = checkState(L, PROMISE_KIND);
  if (kind === 'error' && lua.lua_isnil(L, 2)) raiseGenericError(L, errnoCodes.EINVAL, { arg: 2 });
  if (state.state !== 'empty') raiseRuntimeError(L, 'promise_already_satisfied');
  state.result = lua.lua_toproxy(L, 2);
  state.state = kind;
  wakeAll(state);
  return 0;
}

function wakeAll(state: SharedState): void {
  const waiters = state.waiters.splice(0, state.waiters.length);
  for (const fiber of waiters) state.scheduler.wake(fiber, (L) => deliver(L, state));
}

const promiseMethods: Record<string, LuaJsFunction> = {
  set_value: (L) => satisfy(L, 'value'),
  set_error: (L) => satisfy(L, 'error'),
};

const futureMethods: Record<string, LuaJsFunction> = {
  get(L) {
    const state = checkState(L, FUTURE_KIND);
    // Like Emilua, a pending cancellation or forbid_suspend() is reported
    // even when the result is already there.
    const fiber = checkSuspensionAllowed(L, true);
    if (state.state !== 'empty') return deliver(L, state);
    prepareSuspension(L, true);
    state.waiters.push(fiber);
    return suspend(L, fiber, {
      cancellable: true,
      cancel() {
        const idx = state.waiters.indexOf(fiber);
        // Already satisfied: the queued result wins.
        if (idx === -1) return;
        state.waiters.splice(idx, 1);
        state.scheduler.wake(fiber, raiseCanceled);
      },
      // At shutdown nothing can set the promise any more.
      deadlock: () => `Underlying promise for future ${state.hexId} is broken`,
    });
  },
};

/**
 * An unsatisfied promise that is collected breaks its future. Created on
 * first use, not while the startup snapshot is built.
 */
let promiseWatch: FinalizationRegistry<SharedState> | null = null;

function watchPromise(handle: object, state: SharedState): void {
  promiseWatch ??= new FinalizationRegistry<SharedState>((state) => {
    if (state.state !== 'empty') return;
    state.state = 'broken';
    wakeAll(state);
  });
  promiseWatch.register(handle, state);
}

luaWrittenInEmilua(futureMethods.get);

export function openFutureModule(L: LuaState): void {
  installUserdataType(L, PROMISE_MT, 'promise', promiseMethods);
  installUserdataType(L, FUTURE_MT, 'future', futureMethods);

  lua.lua_createtable(L, 0, 1);
  setFunctions(L, -1, {
    new(L) {
      const state = new SharedState(vmOf(L).scheduler);
      pushUserdata(L, PROMISE_KIND, state, PROMISE_MT);
      watchPromise(lua.lua_touserdata(L, -1), state);
      pushUserdata(L, FUTURE_KIND, state, FUTURE_MT);
      return 2;
    },
  });
}
