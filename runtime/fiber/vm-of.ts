// Finds the VM that owns a Lua state. Every thread of one VM shares fengari's
// global state object (L.l_G), so that object is the key.

import type { LuaState } from '../lua/lua-api';
import type { VmHost } from './vm-host';

const vms = new WeakMap<object, VmHost>();

function globalStateOf(L: LuaState): object {
  return (L as unknown as { l_G: object }).l_G;
}

export function registerVm(L: LuaState, vm: VmHost): void {
  vms.set(globalStateOf(L), vm);
}

/** The VM of L, or undefined for a Lua state no VM owns. */
export function maybeVmOf(L: LuaState): VmHost | undefined {
  return vms.get(globalStateOf(L));
}

export function vmOf(L: LuaState): VmHost {
  const vm = vms.get(globalStateOf(L));
  if (vm === undefined) throw new Error('Lua state does not belong to a VM');
  return vm;
}
