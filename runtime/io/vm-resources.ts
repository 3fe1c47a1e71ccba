// Resources that a VM owns and that must not outlive it: descriptors held by
// file_descriptor and pipe objects (and any later I/O object). Each is
// released when the script closes it, when JavaScript's collector finds its
// Lua object unreachable (a FinalizationRegistry: fengari has no __gc), or
// at the latest when its VM terminates: Vm.terminate() calls
// closeVmResources().

import type { LuaState } from '../lua/lua-api';
import { lua } from '../lua/lua-api';
import { vmOf } from '../fiber/vm-of';

export interface VmResource {
  /**
   * Releases the resource. Called at most once by this module: when the Lua
   * object that owns it was collected, or when its VM terminates.
   */
  closeForVm(): void;
}

const perVm = new WeakMap<object, Set<VmResource>>();
const owners = new WeakMap<VmResource, Set<VmResource>>();

const collector = new FinalizationRegistry<VmResource>((resource) => {
  if (!owners.has(resource)) return;
  disownVmResource(resource);
  resource.closeForVm();
});

/**
 * Makes the VM of L responsible for `resource`: it is closed when the VM
 * terminates, unless disownVmResource() is called first.
 */
export function adoptVmResource(L: LuaState, resource: VmResource): void {
  const vm = vmOf(L);
  let set = perVm.get(vm);
  if (set === undefined) {
    set = new Set();
    perVm.set(vm, set);
  }
  set.add(resource);
  owners.set(resource, set);
}

/**
 * Also closes `resource` (adopted first) when the userdata at `idx`, the Lua
 * object that owns it, is collected. The resource must not refer to that
 * userdata.
 */
export function closeWithUserdata(L: LuaState, idx: number, resource: VmResource): void {
  const data = lua.lua_touserdata(L, idx) as object | null;
  if (data !== null && owners.has(resource)) collector.register(data, resource, resource);
}

/** The resource was closed or handed over: nothing will close it any more. */
export function disownVmResource(resource: VmResource): void {
  const set = owners.get(resource);
  if (set === undefined) return;
  set.delete(resource);
  owners.delete(resource);
  collector.unregister(resource);
}

/** Releases everything `vm` still owns. */
export function closeVmResources(vm: object): void {
  const set = perVm.get(vm);
  if (set === undefined) return;
  perVm.delete(vm);
  for (const resource of [...set]) {
    disownVmResource(resource);
    try {
      resource.closeForVm();
    } catch {
      // One failing release must not keep the others open.
    }
  }
}

/** How many resources `vm` holds (for tests). */
export function vmResourceCount(vm: object): number {
  return perVm.get(vm)?.size ?? 0;
}
