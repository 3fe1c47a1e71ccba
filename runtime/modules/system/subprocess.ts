// The subprocess object system.spawn returns: wait(), kill(), cap_get() and
// the pid, exit_code and exit_signal properties, over a ChildProcess of the
// process engine (runtime/process/child.ts).
//
// A subprocess the script drops without waiting (collected, or its VM ends)
// is abandoned to the engine: it gets signal_on_gcreaper (unless 0) and is
// reaped in the background when it exits.

import { lua, luaString, setFunctions, pushUserdata, toUserdata, indexKey, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { raiseGenericError, raiseSystemError, raiseRuntimeError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { prepareSuspension, suspend, suspendCompleted, raiseCanceled, resumeWithNothing } from '../../fiber/suspension';
import { vmOf } from '../../fiber/vm-of';
import { adoptVmResource, closeWithUserdata, disownVmResource, VmResource } from '../../io/vm-resources';
import type { ChildProcess } from '../../process/child';

const KIND = 'subprocess';
const METATABLE = luaString('emilua-ts subprocess');

class Subprocess implements VmResource {
  waiting = false;
  constructor(readonly child: ChildProcess, readonly signalOnGcreaper: number) {}

  closeForVm(): void {
    if (!this.child.reaped) this.child.abandon(this.signalOnGcreaper);
  }
}

function checkSubprocess(L: LuaState, idx: number): Subprocess {
  const p = toUserdata<Subprocess>(L, idx, KIND);
  return p === undefined ? raiseGenericError(L, errnoCodes.EINVAL, { arg: idx }) : p;
}

/** wait(self): suspends the calling fiber until the child exits, then reaps it. */
const wait: LuaJsFunction = (L) => {
  const fiber = prepareSuspension(L, true);
  const p = checkSubprocess(L, 1);
  if (p.child.reaped) return raiseGenericError(L, errnoCodes.ECHILD);
  if (p.waiting) return raiseGenericError(L, errnoCodes.EBUSY);
  const scheduler = vmOf(L).scheduler;
  let suspended = false;
  let finished = false;
  p.waiting = true;
  const ret = p.child.wait(() => {
    finished = true;
    p.waiting = false;
    // Reaped: nothing is left for the collector or the VM's end to do.
    disownVmResource(p);
    if (suspended) scheduler.wake(fiber, resumeWithNothing);
  });
  if (ret < 0) {
    p.waiting = false;
    return raiseSystemError(L, -ret);
  }
  if (finished) return suspendCompleted(L, fiber, resumeWithNothing);
  suspended = true;
  return suspend(L, fiber, {
    cancellable: true,
    cancel() {
      if (finished) return;
      p.child.cancelWait();
      p.waiting = false;
      scheduler.wake(fiber, raiseCanceled);
    },
  });
};

/** kill(self, sig): pidfd_send_signal; 0 only checks permission. */
const kill: LuaJsFunction = (L) => {
  const p = checkSubprocess(L, 1);
  if (lua.lua_type(L, 2) !== lua.LUA_TNUMBER) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 2 });
  const sig = Math.trunc(lua.lua_tonumber(L, 2));
  if (p.child.reaped) return raiseGenericError(L, errnoCodes.ESRCH);
  if (!(sig >= 0 && sig <= 64)) return raiseSystemError(L, errnoCodes.EINVAL);
  const ret = p.child.signal(sig);
  if (ret < 0) return raiseSystemError(L, -ret);
  return 0;
};

const capGet: LuaJsFunction = (L) =>
  raiseRuntimeError(L, 'not_implemented', { reason: 'linux_capabilities is not built in emilua-ts yet' });

const METHODS: Readonly<Record<string, LuaJsFunction>> = { wait, kill, cap_get: capGet };

function pushProperty(L: LuaState, p: Subprocess, key: string): boolean {
  const status = p.child.status;
  switch (key) {
    case 'pid':
      if (status === null) lua.lua_pushnumber(L, p.child.pid);
      else lua.lua_pushnil(L);
      return true;
    case 'exit_code':
      if (status === null) raiseGenericError(L, errnoCodes.EINVAL);
      lua.lua_pushnumber(L, status!.code);
      return true;
    case 'exit_signal':
      if (status === null) raiseGenericError(L, errnoCodes.EINVAL);
      if (status!.signal === null) lua.lua_pushnil(L);
      else lua.lua_pushnumber(L, status!.signal);
      return true;
    default:
      return false;
  }
}

function installMetatable(L: LuaState): void {
  lua.lua_createtable(L, 0, 2);
  setFunctions(L, -1, {
    __index(L) {
      const p = checkSubprocess(L, 1);
      const key = indexKey(L);
      if (pushProperty(L, p, key)) return 1;
      if (!Object.hasOwn(METHODS, key)) return raiseRuntimeError(L, 'bad_index', { index: 2 });
      lua.lua_pushcfunction(L, METHODS[key]);
      return 1;
    },
  });
  lua.lua_pushstring(L, luaString(KIND));
  lua.lua_setfield(L, -2, luaString('__metatable'));
  lua.lua_setfield(L, lua.LUA_REGISTRYINDEX, METATABLE);
}

/** Pushes the subprocess object of a started child; the VM now owns the child. */
export function pushSubprocess(L: LuaState, child: ChildProcess, signalOnGcreaper: number): void {
  const p = new Subprocess(child, signalOnGcreaper);
  pushUserdata(L, KIND, p, METATABLE, installMetatable);
  adoptVmResource(L, p);
  closeWithUserdata(L, -1, p);
}
