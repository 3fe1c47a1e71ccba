// What V8 offers only to a context made after a flag is set: gc() (with
// --expose-gc) for collectgarbage and the memory limit, and a
// FinalizationRegistry with cleanupSome() (with
// --harmony-weak-refs-with-cleanup-some), which vm/lost-handle-watch.ts drains
// from collectgarbage. One such context per thread, made on first use (never
// while the startup snapshot is built, never at start-up), for all of them.

import * as v8 from 'node:v8';
import * as nodeVm from 'node:vm';

export interface DrainableRegistry<T> extends FinalizationRegistry<T> {
  cleanupSome(): void;
}
export type DrainableRegistryClass = new <T>(cleanup: (held: T) => void) => DrainableRegistry<T>;

interface HelperContext {
  gc: (() => void) | null;
  drainableRegistry: DrainableRegistryClass | null;
}

/**
 * V8 prints "unrecognized flag" on stderr for a flag it does not know, so
 * cleanupSome's flag is only set on the V8 line it was checked on (Node.js
 * 20); elsewhere there is no drainable registry.
 */
const CLEANUP_SOME_V8_MAJOR = 11;

let helper: HelperContext | undefined;

function helperContext(): HelperContext {
  if (helper !== undefined) return helper;
  helper = { gc: null, drainableRegistry: null };
  try {
    v8.setFlagsFromString('--expose-gc');
    if (Number(process.versions.v8.split('.')[0]) === CLEANUP_SOME_V8_MAJOR) {
      v8.setFlagsFromString('--harmony-weak-refs-with-cleanup-some');
    }
    const made = nodeVm.runInNewContext('({ gc, FinalizationRegistry })') as {
      gc?: () => void; FinalizationRegistry: DrainableRegistryClass;
    };
    helper.gc = made.gc ?? null;
    if (typeof made.FinalizationRegistry.prototype.cleanupSome === 'function') {
      helper.drainableRegistry = made.FinalizationRegistry;
    }
  } catch {
    // No context: collections are left to V8, registries are the ordinary ones.
  }
  return helper;
}

/** A full collection of this thread's heap (nothing if V8 offers no gc()). */
export function fullCollection(): void {
  helperContext().gc?.();
}

/** Makes the helper context now if it does not exist yet. */
export function prepareHelperContext(): void {
  helperContext();
}

/** The FinalizationRegistry with cleanupSome(), once the helper context exists and has one. */
export function drainableRegistryClass(): DrainableRegistryClass | null {
  return helper?.drainableRegistry ?? null;
}
