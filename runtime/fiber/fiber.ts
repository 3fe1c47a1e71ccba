// A fiber is a Lua thread driven by its VM's scheduler. This file holds its
// state; the scheduler decides when it runs, suspension.ts how it waits.

import type { LuaState } from '../lua/lua-api';

/** Pushes the results of a finished wait onto L and returns their count, or raises. */
export type WakeAction = (L: LuaState) => number;

/** What a suspended fiber waits for. */
export interface PendingOperation {
  /** Whether the wait is a cancellation point. */
  readonly cancellable: boolean;
  /**
   * Asked to abandon the wait after fiber.cancel(). It must wake the fiber
   * later, either with the canceled error or, if the operation completed
   * anyway, with its result. Also called, for any operation, when the VM
   * terminates; the wake is then dropped, so it only has to release resources.
   */
  cancel?(): void;
  /**
   * Why the wait can never end once no fiber is left to run, in Emilua's
   * words ("No scheduled fibers remaining to unlock mutex 0x..."), for the
   * deadlock report printed when the VM shuts down with the fiber waiting.
   */
  deadlock?(): string;
}

export type FiberState = 'ready' | 'running' | 'suspended' | 'done';
export type FiberOutcome = 'returned' | 'failed' | 'canceled';

let nextFiberId = 1;

export class Fiber {
  readonly id = nextFiberId++;
  state: FiberState = 'ready';
  /** Arguments waiting on the thread's stack for its first resume. */
  startArgs: number;

  joinable = true;
  /** Set once join() delivered the outcome: cancellation_caught is readable from then on. */
  joined = false;
  cancelRequested = false;
  cancellationDisabled = 0;
  suspensionForbidden = 0;
  /**
   * coroutine.resume() calls in progress that were made where the fiber cannot
   * yield (a table.sort comparator...): a suspension inside those coroutines
   * could never reach the scheduler, so it must fail before it starts.
   */
  blockedResumes = 0;
  cancellationCaught = false;

  operation: PendingOperation | null = null;
  wakeAction: WakeAction | null = null;

  outcome: FiberOutcome | null = null;
  /** A joiner waiting for this fiber to end. */
  joiner: Fiber | null = null;
  /** Set when the fiber failed and nobody has seen the error yet. */
  unreportedFailure: { message: string; traceback: string } | null = null;
  /** this_fiber.local_, created on first use. */
  localStorage: ((L: LuaState) => void) | null = null;

  constructor(
    readonly thread: LuaState,
    readonly isMain: boolean,
    startArgs: number,
  ) {
    this.startArgs = startArgs;
  }

  get hexId(): string {
    return '0x' + this.id.toString(16);
  }

  /** Whether a cancellation point reached now must raise fiber_canceled. */
  get mustCancelNow(): boolean {
    return this.cancelRequested && this.cancellationDisabled === 0;
  }
}
