// The state behind a `mutex` userdata. condition_variable shares it: wait()
// releases the mutex and later takes it back through lockOrQueue().
//
// Emilua's mutex records no owner (any fiber may unlock it); `owner` here is
// the fiber that took it last and only serves to reject a fiber that would
// lock or try_lock a mutex it already holds.

import type { Fiber, WakeAction } from '../../fiber/fiber';
import { suspend } from '../../fiber/suspension';
import type { LuaState } from '../../lua/lua-api';
import { vmOf } from '../../fiber/vm-of';

interface MutexWaiter {
  readonly fiber: Fiber;
  /** Runs on the waiter's thread once it owns the mutex. */
  readonly then: WakeAction;
}

/** Mutexes and futures are named by a number in reports (Emilua prints addresses). */
let nextMutexId = 0x5a000;

export class FiberMutex {
  readonly hexId = '0x' + (nextMutexId++).toString(16);
  locked = false;
  owner: Fiber | null = null;
  private readonly waiters: MutexWaiter[] = [];

  /** Takes the mutex if it is free (no context switch); false when it is held. */
  tryAcquire(fiber: Fiber): boolean {
    if (this.locked) return false;
    this.locked = true;
    this.owner = fiber;
    return true;
  }

  /**
   * Takes the mutex for the running fiber and continues with `then`, or
   * queues the fiber (FIFO) and suspends it; that wait is not a
   * cancellation point. Use as `return lockOrQueue(...)`.
   */
  lockOrQueue(L: LuaState, fiber: Fiber, then: WakeAction): number {
    if (this.tryAcquire(fiber)) return then(L);
    this.waiters.push({ fiber, then });
    return suspend(L, fiber, {
      cancellable: false,
      deadlock: () => `No scheduled fibers remaining to unlock mutex ${this.hexId}`,
    });
  }

  /** Hands the mutex to the oldest waiter (it stays locked) or frees it. */
  release(L: LuaState): void {
    const next = this.waiters.shift();
    if (next === undefined) {
      this.locked = false;
      this.owner = null;
      return;
    }
    this.owner = next.fiber;
    vmOf(L).scheduler.wake(next.fiber, next.then);
  }
}
