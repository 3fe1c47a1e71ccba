// What threads (their ThreadContext) and the hub (hub.ts, on the main thread)
// say to each other. Between threads these objects travel by postMessage();
// the main thread's own context calls the hub directly with the same objects.

import type { ActorAddress, MessageResources } from './message';
import type { WireValue } from './message-wire';
import type { ImportingModule } from '../lua/module-resolver';

/** Everything a new worker thread needs to start its first VM. */
export interface ThreadSpawn {
  /** The new thread's id and the id of its first VM. */
  readonly thread: number;
  readonly vm: number;
  /** The thread that spawned it: it holds the one channel to the new VM. */
  readonly from: number;
  readonly rootFile: string;
  readonly rootImporter: ImportingModule;
  readonly searchDirs: readonly string[];
  readonly colors: boolean;
  readonly arguments: readonly Uint8Array[];
  readonly concurrencyHint: 'safe' | 1;
}

/** Why an actor thread did not start: an errno name when one is known, and Node's words. */
export interface SpawnFailure {
  readonly code: string | null;
  readonly message: string;
}

/** How a thread talks to the hub: a direct call on the main thread, postMessage() elsewhere. */
export interface HubLink {
  send(message: ToHub): void;
}

export type ToHub =
  /** A message for an actor of another thread. `exported`: VMs of `from` whose address it carries (acknowledged with 'ack'). */
  | { readonly type: 'forward'; readonly from: number; readonly to: ActorAddress; readonly value: WireValue; readonly resources: MessageResources | null; readonly exported: readonly number[] }
  /** `from` no longer holds `tokens` of the references the hub counted for it. */
  | { readonly type: 'release'; readonly from: number; readonly address: ActorAddress; readonly tokens: number }
  /** A VM of `from` whose address other threads may hold closed its inbox or ended. */
  | { readonly type: 'closed'; readonly from: number; readonly vm: number }
  | { readonly type: 'spawn'; readonly spawn: ThreadSpawn }
  /** The new thread runs and has its context: its first VM starts now. */
  | { readonly type: 'started'; readonly from: number }
  /** The worker's event loop ran dry after it had seen `received` messages from the hub. */
  | { readonly type: 'idle'; readonly from: number; readonly received: number }
  /** Every VM of the worker has ended. */
  | { readonly type: 'bye'; readonly from: number };

export type FromHub =
  /** `closed`: VMs among the message's addresses that are known to be closed. */
  | { readonly type: 'deliver'; readonly to: number; readonly value: WireValue; readonly resources: MessageResources | null; readonly closed: readonly number[] }
  /** Whether any other thread holds the address of this thread's VM `vm`. */
  | { readonly type: 'held'; readonly vm: number; readonly held: boolean }
  /** The hub has counted the addresses of these VMs in a forwarded message (see 'forward'). */
  | { readonly type: 'ack'; readonly vms: readonly number[] }
  | { readonly type: 'closed'; readonly vms: readonly number[] }
  /** The thread of a spawned VM started (failure null) or could not. */
  | { readonly type: 'spawned'; readonly vm: number; readonly failure: SpawnFailure | null }
  | { readonly type: 'bye-ack' };

/** workerData of an actor thread. */
export interface WorkerBoot {
  readonly emiluaTsActorThread: true;
  readonly processState: SharedArrayBuffer;
  readonly spawn: ThreadSpawn;
}

export function isWorkerBoot(data: unknown): data is WorkerBoot {
  return typeof data === 'object' && data !== null && (data as WorkerBoot).emiluaTsActorThread === true;
}
