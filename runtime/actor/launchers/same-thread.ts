// An actor on the caller's thread (spawn_vm with inherit_context=true, the
// default): a new VM on the same thread, reached through transports/local.ts.
// Its root module runs with _CONTEXT='worker'.

import type { LuaState } from '../../lua/lua-api';
import { handOverMasterRole } from '../process-state';
import { pushChannel } from '../channel';
import { raiseStartFailure, type ActorLaunch } from './launch';

/** Starts the actor and pushes the caller's channel to it. */
export function launchOnSameThread(L: LuaState, launch: ActorLaunch): number {
  const { caller, callerActor, thread, file, importer, options } = launch;
  const vm = caller.newVm({
    rootFile: file,
    rootImporter: importer,
    context: 'worker',
    searchDirs: caller.options.searchDirs,
    colors: caller.options.colors,
    arguments: caller.options.arguments,
  });
  const actor = thread.actorOf(vm);
  const failure = vm.startOrFail();
  if (failure !== null) return raiseStartFailure(L, failure);
  if (options.newMaster) handOverMasterRole(caller.id, vm.id);
  pushChannel(L, actor.address, callerActor, true);
  return 1;
}
