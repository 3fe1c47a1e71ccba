// What the layers between the Lua kernel and the VM assembly see of a VM: the
// narrow face vmOf(L) returns. The class Vm (runtime/vm/vm.ts) implements it;
// everything else names this interface, so holding an `L` no longer reaches
// the whole VM assembly (its module loader, every module, the actor system).
// It lives with the fibers because it is the host of their scheduler.

import type { LuaState } from '../lua/lua-api';
import type { ImportingModule } from '../lua/module-resolver';
import type { Fiber } from './fiber';
import type { Scheduler } from './scheduler';

export interface VmOptions {
  readonly rootFile: string;
  /** The root file's name as bytes, when it is not UTF-8 (rootFile is then lossy). */
  readonly rootFileBytes?: Uint8Array;
  /** The root module's source, read ahead (a subprocess actor host reads it before its sandbox applies). */
  readonly rootSource?: Uint8Array;
  /** Lua's _CONTEXT of the root module (not a thread: see actor/README.md). */
  readonly context: 'main' | 'worker' | 'test';
  readonly searchDirs: readonly string[];
  readonly colors: boolean;
  /** system.arguments, as bytes (a command line need not be UTF-8). */
  readonly arguments: readonly Uint8Array[];
  /** Given by spawn_vm (the VM id is allocated by the spawning thread). */
  readonly id?: number;
  /** An actor's root module keeps the import tree of the module that spawned it. */
  readonly rootImporter?: ImportingModule;
  /** A subprocess actor's source_tree_cache: absolute path → source; then Lua code comes from here alone. */
  readonly sourceTree?: ReadonlyMap<string, Uint8Array>;
}

/** What the actor system (runtime/actor) hears about a VM. */
export interface VmLifecycle {
  mainFiberEnded(): void;
  /** Every fiber is done (or the VM was terminated): nothing of it runs again. */
  vmEnded(): void;
}

/** The module tree of a VM, as spawn_vm resolves an actor's root module in it. */
export interface VmModuleTree {
  /** How the module loaded from `file` imports, if this VM loaded it. */
  importerOf(file: string): ImportingModule | undefined;
  readonly rootRecord: { readonly key: string; readonly importer: ImportingModule };
}

export interface VmHost {
  readonly id: number;
  readonly options: VmOptions;
  readonly scheduler: Scheduler;
  readonly loader: VmModuleTree;
  readonly terminated: boolean;
  readonly mainFiberEnded: boolean;
  lifecycle: VmLifecycle | null;
  /** Whether this VM may change process-wide state (cwd, umask, signals...). */
  readonly isMaster: boolean;
  /** A new VM on this thread (spawn_vm). */
  newVm(options: VmOptions): VmHost;
  /** Starts the root module; returns why it could not be loaded, or null. */
  startOrFail(): string | null;
  spawnFiber(L: LuaState, fnIdx: number, isMain: boolean): Fiber;
  watchFiberHandle(handle: object, fiber: Fiber): void;
  /**
   * After a full collection (collectgarbage): a failed fiber whose handle was
   * collected can never be joined, so its failure is reported at once.
   */
  reportCollectedHandles(): void;
  detachFiber(fiber: Fiber): void;
  exitProcess(code: number): never;
}
