// One scheduler per VM. Only it calls lua_resume on fiber threads. Ready fibers
// run back to back in one drain of the queue; a drain gives Node's event loop a
// turn after a few milliseconds so timers and I/O are never starved.

import { lua, LuaState } from '../lua/lua-api';
import { Fiber, WakeAction } from './fiber';

const DRAIN_BUDGET_MS = 8;

/**
 * A monotonic clock in milliseconds. Not performance.now(): the global
 * `performance` loads perf_hooks on first use, over 1 ms of every start.
 */
function nowMs(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1e3 + nanoseconds / 1e6;
}

/**
 * Called after each round through the ready queue (every fiber that was
 * ready when the round began has run once), so I/O readiness reaches waiting
 * fibers while other fibers keep the queue busy, as a reactor polled once per
 * round would. Set by runtime/io/readiness.ts.
 */
let roundHook: (() => void) | null = null;

export function setRoundHook(hook: (() => void) | null): void {
  roundHook = hook;
}

/**
 * The drains of every VM of a thread chain through microtasks while their
 * fibers wake each other (actors passing messages back and forth), which
 * would never give the event loop a turn. Once such a chain has run for
 * DRAIN_BUDGET_MS, further drains wait for setImmediate.
 */
let chainStart = -1;
const endChain = (): void => {
  chainStart = -1;
};

/**
 * Drains scheduled and not started yet, across the VMs of this thread. A
 * drain that finishes a round while others wait goes behind them, so the
 * VMs of a thread take turns (as Emilua's strands on one thread do).
 */
let waitingDrains = 0;
/** Of those, the ones waiting for setImmediate: while there are any, new drains queue behind them. */
let deferredDrains = 0;

function deferDrain(drain: () => void): void {
  waitingDrains++;
  deferredDrains++;
  setImmediate(() => {
    deferredDrains--;
    drain();
  });
}

function scheduleDrain(drain: () => void): void {
  const now = nowMs();
  if (chainStart < 0) {
    chainStart = now;
    setImmediate(endChain);
  }
  if (deferredDrains > 0 || now - chainStart > DRAIN_BUDGET_MS) {
    deferDrain(drain);
    return;
  }
  waitingDrains++;
  queueMicrotask(drain);
}

export interface FiberHost {
  /** Called with the fiber's thread holding the body's return values. */
  fiberFinished(fiber: Fiber): void;
  /** Called when lua_resume itself failed (status other than OK/YIELD). */
  fiberCrashed(fiber: Fiber, status: number): void;
  readonly terminated: boolean;
}

export class Scheduler {
  current: Fiber | null = null;
  private queue: Fiber[] = [];
  private head = 0;
  private drainScheduled = false;
  private draining = false;
  /** When the running drain must give the event loop a turn. */
  private deadline = 0;
  /** Operations completed inline since the last real yield (see continueInline). */
  private inlineRun = 0;
  readonly threadToFiber = new WeakMap<LuaState, Fiber>();

  constructor(private readonly host: FiberHost) {}

  /** Registers a new fiber whose thread holds the body and its arguments. */
  add(fiber: Fiber): void {
    this.threadToFiber.set(fiber.thread, fiber);
    this.enqueue(fiber);
  }

  /** Wakes a suspended fiber; the action runs on its thread when it resumes. */
  wake(fiber: Fiber, action: WakeAction): void {
    if (fiber.state !== 'suspended' || fiber.wakeAction !== null || this.host.terminated) return;
    fiber.wakeAction = action;
    fiber.state = 'ready';
    this.enqueue(fiber);
  }

  /**
   * Whether `fiber`, whose operation has just completed at once, may take its
   * result without yielding. Yielding would put it behind the other ready
   * fibers; when there are none (in this VM or any other of the thread) it
   * would be resumed next anyway, so the yield is skipped. Every 32nd time,
   * and once the drain's time is up, it yields for real so that readiness
   * checks and the event loop still get their turns.
   */
  continueInline(fiber: Fiber): boolean {
    if (this.current !== fiber || this.head < this.queue.length || waitingDrains > 0) return false;
    if ((++this.inlineRun & 31) === 0) return false;
    return nowMs() <= this.deadline;
  }

  get pending(): number {
    return this.queue.length - this.head;
  }

  clear(): void {
    this.queue = [];
    this.head = 0;
  }

  private enqueue(fiber: Fiber): void {
    this.queue.push(fiber);
    if (!this.drainScheduled && !this.draining) {
      this.drainScheduled = true;
      scheduleDrain(this.drain);
    }
  }

  private readonly drain = (): void => {
    this.drainScheduled = false;
    waitingDrains--;
    if (this.draining) return;
    this.draining = true;
    const deadline = nowMs() + DRAIN_BUDGET_MS;
    this.deadline = deadline;
    let resumed = 0;
    let roundEnd = this.queue.length;
    let takeTurns = false;
    try {
      while (this.head < this.queue.length) {
        if (this.host.terminated) {
          this.clear();
          break;
        }
        const fiber = this.queue[this.head++];
        this.resume(fiber);
        if (this.head >= roundEnd) {
          if (roundHook !== null) roundHook();
          roundEnd = this.queue.length;
          if (waitingDrains > 0) {
            takeTurns = true;
            break;
          }
        }
        if ((++resumed & 31) === 0 && nowMs() > deadline) break;
      }
    } finally {
      this.draining = false;
      if (this.head >= this.queue.length) {
        this.clear();
      } else {
        if (this.head > 1024) {
          this.queue = this.queue.slice(this.head);
          this.head = 0;
        }
        this.drainScheduled = true;
        if (takeTurns) scheduleDrain(this.drain);
        else deferDrain(this.drain);
      }
    }
  };

  private resume(fiber: Fiber): void {
    if (fiber.state !== 'ready') return;
    fiber.state = 'running';
    this.current = fiber;
    const nargs = fiber.startArgs;
    fiber.startArgs = 0;
    let status: number;
    try {
      status = lua.lua_resume(fiber.thread, null, nargs);
    } finally {
      this.current = null;
    }
    if (status === lua.LUA_YIELD) {
      // Whatever yielded to us is not a result: clear it for the next resume.
      lua.lua_settop(fiber.thread, 0);
      if (fiber.state === 'running') {
        // A yield that did not come through suspension.ts (e.g. a raw yield
        // dug out with the debug library): treat it as this_fiber.yield().
        // No continuation will consume a wake action here, so none is set
        // (one left behind would make every later wake() of it a no-op).
        fiber.state = 'ready';
        this.enqueue(fiber);
      }
      return;
    }
    fiber.state = 'done';
    if (status === lua.LUA_OK) this.host.fiberFinished(fiber);
    else this.host.fiberCrashed(fiber, status);
  }
}
