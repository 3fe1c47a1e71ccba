// spawn_vm(module) / spawn_vm{module=..., inherit_context=..., concurrency_hint=...,
// new_master=..., subprocess=...} and spawn_context_threads(count).
//
// spawn_vm reads its options and resolves the root module (spawn-options.ts),
// then hands over to the launcher of the actor's kind (launchers/):
// same-thread.ts (inherit_context=true, the default), thread.ts
// (inherit_context=false), subprocess.ts (the subprocess option). A root module
// that cannot be read or compiled raises in the caller, as in Emilua.

import * as path from 'node:path';
import { lua, lauxlib, LuaJsFunction } from '../lua/lua-api';
import { vmOf } from '../fiber/vm-of';
import { raiseGenericError } from '../errors/error-object';
import { errnoCodes } from '../errors/categories';
import { readOptions, resolveActorModule } from './spawn-options';
import { current } from './thread-context';
import { launchOnSameThread } from './launchers/same-thread';
import { launchOnNewThread } from './launchers/thread';
import { launchSubprocess } from './launchers/subprocess';

export const spawnVm: LuaJsFunction = (L) => {
  lua.lua_settop(L, 1);
  const caller = vmOf(L);
  const options = readOptions(L, caller);
  if (options.subprocess) {
    // Without a module, Emilua still starts the process (its init.script may
    // exec another program); the host then has nothing to run and exits 1.
    if (options.modulePath === undefined && options.moduleId === '') return launchSubprocess(L, '');
    const file = options.modulePath ?? resolveActorModule(L, caller, options.moduleId).file;
    return launchSubprocess(L, path.resolve(file));
  }
  const { file, importer } = resolveActorModule(L, caller, options.moduleId);
  const thread = current();
  const launch = { caller, callerActor: thread.actorOf(caller), thread, file, importer, options };
  return options.inheritContext ? launchOnSameThread(L, launch) : launchOnNewThread(L, launch);
};

/**
 * spawn_context_threads(count): a fengari VM belongs to the thread that
 * created it, so a context can never gain threads. Rather than accept the
 * call and do nothing, it raises ENOTSUP saying so (docs/compat.md).
 */
export const spawnContextThreads: LuaJsFunction = (L) => {
  lauxlib.luaL_checktype(L, 1, lua.LUA_TNUMBER);
  return raiseGenericError(L, errnoCodes.ENOTSUP, {
    reason: 'an execution context has exactly one thread in emilua-ts; ' +
      'spawn_vm{inherit_context=false} runs an actor on a thread of its own',
  });
};
