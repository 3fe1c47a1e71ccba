// What every actor launcher gets, and how a launch that cannot start its
// root module fails: in the caller, with the reason as the error, as in Emilua.

import { lua, pushText, LuaState } from '../../lua/lua-api';
import type { VmHost } from '../../fiber/vm-host';
import type { ImportingModule } from '../../lua/module-resolver';
import type { Actor } from '../actor';
import type { ThreadContext } from '../thread-context';
import type { SpawnOptions } from '../spawn-options';

export interface ActorLaunch {
  /** The VM calling spawn_vm, its actor and its thread. */
  readonly caller: VmHost;
  readonly callerActor: Actor;
  readonly thread: ThreadContext;
  /** The new actor's root module and how it imports. */
  readonly file: string;
  readonly importer: ImportingModule;
  readonly options: SpawnOptions;
}

export function raiseStartFailure(L: LuaState, failure: string): never {
  pushText(L, failure);
  return lua.lua_error(L) as never;
}
