// Only the master VM may change process-wide state. Until actors exist every
// VM is the master; the actor host marks the others with `isMaster = false`
// (the same convention as the filesystem module).

import type { LuaState } from '../../lua/lua-api';
import { vmOf } from '../../fiber/vm-of';
import { raiseGenericError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';

export function isMasterVm(L: LuaState): boolean {
  return (vmOf(L) as unknown as { isMaster?: boolean }).isMaster !== false;
}

/** Raises EPERM (generic) outside the master VM. */
export function requireMaster(L: LuaState): void {
  if (!isMasterVm(L)) raiseGenericError(L, errnoCodes.EPERM);
}
