// Which fiber handles the Lua program has lost. A failed fiber that nobody
// joined reports its error once its handle is collected (nobody can join it
// any more). V8 tells a FinalizationRegistry some time after a collection, in
// a later task; Emilua reports from inside collectgarbage(). V8 can drain a
// registry at once (FinalizationRegistry.prototype.cleanupSome), but only
// behind a flag that applies to contexts created after it is set: the
// thread's helper context (lua/v8-helper-context.ts), which the first
// collectgarbage() call makes (about 0.7 ms and 0.3 MB, paid only by programs
// that collect). Handles registered from then on go to a registry of that
// context, which collectgarbage("collect") drains. Handles registered before,
// or on a V8 without the flag, are reported by the ordinary registry in its
// own time.

import { drainableRegistryClass, type DrainableRegistry } from '../lua/v8-helper-context';

/** One VM's watch over the handles of its fibers. */
export class LostHandleWatch<T extends object> {
  private readonly ordinary: FinalizationRegistry<T>;
  private drainableWatch: DrainableRegistry<T> | null = null;

  constructor(private readonly lost: (held: T) => void) {
    this.ordinary = new FinalizationRegistry<T>(lost);
  }

  watch(handle: object, held: T): void {
    const drainable = drainableRegistryClass();
    if (drainable !== null) {
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
