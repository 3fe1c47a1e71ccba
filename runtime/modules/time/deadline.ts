// Calls back once a clock has reached a deadline, never before. Node's timers
// count whole milliseconds against the event loop's cached time and cannot
// wait longer than about 24.8 days, so on every expiry the clock itself is
// read again and the timer re-armed while the deadline is still ahead.
// While armed, a Deadline keeps the process alive; stop() releases it.

const MAX_DELAY_MS = 2 ** 31 - 1;

export class Deadline {
  private timeout: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;

  constructor(
    private readonly now: () => bigint,
    private readonly at: bigint,
    private readonly onReached: () => void,
  ) {
    this.arm();
  }

  /** Cancels the callback if it has not run yet. */
  stop(): void {
    if (this.timeout !== null) clearTimeout(this.timeout);
    if (this.immediate !== null) clearImmediate(this.immediate);
    this.timeout = null;
    this.immediate = null;
  }

  private arm(): void {
    const remaining = this.at - this.now();
    if (remaining <= 0n) {
      this.immediate = setImmediate(this.check);
      return;
    }
    const ms = Math.min(MAX_DELAY_MS, Math.max(1, Math.ceil(Number(remaining) / 1e6)));
    this.timeout = setTimeout(this.check, ms);
  }

  private readonly check = (): void => {
    this.timeout = null;
    this.immediate = null;
    if (this.now() < this.at) {
      this.arm();
      return;
    }
    this.onReached();
  };
}
