// flock(2) for file objects without ever blocking a thread: lock() and
// lock_shared() try LOCK_NB at once and then again on a timer (1 ms, doubling
// up to 10 ms: at most 100 cheap syscalls a second per waiter) until the lock
// is granted. A wait that is cancelled simply stops trying, so it never leaves
// a lock behind. A blocking flock on the thread pool could not be taken back,
// and a few such waiters would stall every file operation queued behind them.
// The price is latency (up to the polling interval) and no fairness between
// waiters (docs/compat.md).

import { loadAddon } from '../../native/load-addon';
import { errnoCodes } from '../../errors/categories';

const LOCK_SH = 1;
const LOCK_EX = 2;
const LOCK_NB = 4;
const LOCK_UN = 8;

export type LockKind = 'exclusive' | 'shared';

/** One non-blocking attempt: true when granted, false when another holder prevents it, else -errno. */
export function tryFlock(fd: number, kind: LockKind): boolean | number {
  const ret = loadAddon().fileFlock(fd, (kind === 'exclusive' ? LOCK_EX : LOCK_SH) | LOCK_NB);
  if (ret === 0) return true;
  return -ret === errnoCodes.EWOULDBLOCK ? false : ret;
}

/** 0 | -errno. */
export function unlockFlock(fd: number): number {
  return loadAddon().fileFlock(fd, LOCK_UN);
}

const FIRST_DELAY_MS = 1;
const MAX_DELAY_MS = 10;

/** Keeps trying until granted or failed; stop() ends the wait without taking the lock. */
export class LockWait {
  private timer: NodeJS.Timeout | null = null;
  private delay = FIRST_DELAY_MS;

  constructor(
    private readonly fd: () => number,
    private readonly kind: LockKind,
    /** true: granted; a negative number: -errno. */
    private readonly onDone: (result: true | number) => void,
  ) {
    this.schedule();
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    this.timer = setTimeout(this.attempt, this.delay);
    this.delay = Math.min(MAX_DELAY_MS, this.delay * 2);
  }

  private readonly attempt = (): void => {
    this.timer = null;
    const result = tryFlock(this.fd(), this.kind);
    if (result === false) {
      this.schedule();
      return;
    }
    this.onDone(result);
  };
}
