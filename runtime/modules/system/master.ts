// Only the master VM may change process-wide state (cwd, umask, signals...).
// The master is VM 0x1 until spawn_vm hands the role over
// (runtime/actor/process-state.ts); the filesystem module uses this too.

import type { LuaState } from '../../lua/lua-api';
import { vmOf } from '../../fiber/vm-of';
import { raiseGenericError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';

export function isMasterVm(L: LuaState): boolean {
  return vmOf(L).isMaster;
}

/** Raises EPERM (generic) outside the master VM. */
export function requireMaster(L: LuaState): void {
  if (!isMasterVm(L)) raiseGenericError(L, errnoCodes.EPERM);
}
