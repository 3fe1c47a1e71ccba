// The children spawn_vm{subprocess=...} started, by the endpoint of their
// channel: child_pid, kill() and detach() (channel-api.ts) find them here.
// A child is killed (SIGKILL through its pidfd) when the VM that spawned it
// (its supervisor) ends, or when this process exits, unless it was
// detached; every child is reaped (ChildProcess waits on its pidfd), and
// its exit closes the channel. A detached child's wait no longer keeps this
// process alive, but it is still reaped if it exits first.

import type { ChildProcess } from '../process/child';
import { Endpoint, endpointOf } from './ipc/endpoint';
import type { ActorAddress } from './message';

const SIGKILL = 9;

export interface SupervisedChild {
  readonly child: ChildProcess;
  readonly supervisorVm: number;
  detached: boolean;
}

const children = new Map<number, SupervisedChild>();
let exitHookInstalled = false;

export function superviseChild(endpoint: Endpoint, child: ChildProcess, supervisorVm: number): void {
  const entry: SupervisedChild = { child, supervisorVm, detached: false };
  children.set(endpoint.id, entry);
  child.wait(() => {
    endpoint.markClosed();
    children.delete(endpoint.id);
  });
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const c of children.values()) if (!c.detached) c.child.signal(SIGKILL);
    });
  }
}

/** The child behind a channel's address, when this process spawned it. */
export function childOf(address: ActorAddress): SupervisedChild | undefined {
  const endpoint = endpointOf(address);
  return endpoint === undefined ? undefined : children.get(endpoint.id);
}

export function killChild(address: ActorAddress, signo: number): number {
  const entry = childOf(address);
  if (entry === undefined) return 0;
  const result = entry.child.signal(signo);
  if (signo === SIGKILL) endpointOf(address)?.markClosed();
  return result;
}

/** The supervisor VM `vm` ended: its children that were not detached are killed. */
export function supervisorEnded(vm: number): void {
  for (const entry of children.values()) {
    if (entry.supervisorVm === vm && !entry.detached) entry.child.signal(SIGKILL);
  }
}
