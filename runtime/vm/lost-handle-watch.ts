// Which fiber handles the Lua program has lost. A failed fiber that nobody
// joined reports its error once its handle is collected (nobody can join it
// any more). V8 tells a FinalizationRegistry some time after a collection, in
// a later task; Emilua reports from inside collectgarbage(). V8 can drain a
// registry at once (FinalizationRegistry.prototype.cleanupSome), but only
// behind a flag that applies to contexts created after it is set. So the
// first collectgarbage() call of a thread sets it and makes one small context
// (about 0.7 ms and 0.3 MB, paid only by programs that call collectgarbage);
// handles registered from then on go to a registry of that context, which
// collectgarbage("collect") drains. Handles registered before, or on a V8
// without the flag, are reported by the ordinary registry in its own time.

import * as v8 from 'node:v8';
import * as nodeVm from 'node:vm';

interface DrainableRegistry<T> extends FinalizationRegistry<T> {
  cleanupSome(): void;
}
type DrainableRegistryClass = new <T>(cleanup: (held: T) => void) => DrainableRegistry<T>;

/** undefined: not asked for yet; null: V8 offers no cleanupSome. */
let drainable: DrainableRegistryClass | null | undefined;

/**
 * V8 prints "unrecognized flag" on stderr for a flag it does not know, so it
 * is only set on the V8 line it was checked on (Node.js 20); elsewhere the
 * ordinary registry is used.
 */
const CHECKED_V8_MAJOR = 11;

/** Called by collectgarbage(): from now on, new watches can be drained. */
export function enableDrainableWatches(): void {
  if (drainable !== undefined) return;
  drainable = null;
  if (Number(process.versions.v8.split('.')[0]) !== CHECKED_V8_MAJOR) return;
  v8.setFlagsFromString('--harmony-weak-refs-with-cleanup-some');
  const cls = nodeVm.runInNewContext('FinalizationRegistry') as DrainableRegistryClass;
  if (typeof cls.prototype.cleanupSome === 'function') drainable = cls;
}

/** One VM's watch over the handles of its fibers. */
export class LostHandleWatch<T extends object> {
  private readonly ordinary: FinalizationRegistry<T>;
  private drainableWatch: DrainableRegistry<T> | null = null;

  constructor(private readonly lost: (held: T) => void) {
    this.ordinary = new FinalizationRegistry<T>(lost);
  }

  watch(handle: object, held: T): void {
    if (drainable) {
      this.drainableWatch ??= new drainable<T>(this.lost);
      this.drainableWatch.register(handle, held);
    } else {
      this.ordinary.register(handle, held);
    }
  }

  /** After a full collection: tells at once of the handles it collected. */
  drain(): void {
    this.drainableWatch?.cleanupSome();
  }
}
