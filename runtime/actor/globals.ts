// What every VM gets from the actor system: the spawn_vm and
// spawn_context_threads globals, and the channel metatable (channels can
// arrive in any VM, inside messages).

import type { LuaState, LuaJsFunction } from '../lua/lua-api';
import { spawnVm, spawnContextThreads } from './spawn-vm';
import { installChannelMetatable } from './channel-api';

export const actorGlobals: Readonly<Record<string, LuaJsFunction>> = {
  spawn_vm: spawnVm,
  spawn_context_threads: spawnContextThreads,
};

export function installActorMetatables(L: LuaState): void {
  installChannelMetatable(L);
}
