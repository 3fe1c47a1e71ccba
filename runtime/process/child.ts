// A started child, owned through its pidfd.
//
// The pidfd turns readable when the child exits; it is watched through the
// runtime's epoll set (io/readiness.ts), never with a SIGCHLD handler (Node
// and libuv own SIGCHLD), and reaped with waitid(P_PIDFD, WNOHANG), which
// cannot block and cannot reap a child that is not ours. Signals go through
// pidfd_send_signal: once the child is reaped its pid may belong to someone
// else, the pidfd never does.
//
// A child whose owner goes away without waiting (the Lua object was
// collected, its VM ended) is abandoned: it gets the owner's chosen signal
// and stays watched here until it exits and is reaped. Such watches keep
// the process alive, as Emilua's reaper does.

import { loadAddon } from '../native/load-addon';
import { ReadinessWatch, READABLE, BACKGROUND } from '../io/readiness';
import { errnoCodes } from '../errors/categories';

export interface ExitStatus {
  /** The exit code, or 128 + the signal when a signal ended the child. */
  code: number;
  /** The signal that ended the child, or null. */
  signal: number | null;
}

/** Children abandoned by their owners, kept reachable until reaped. */
const abandoned = new Set<ChildProcess>();
/** Called once no abandoned child is left (see whenAllReaped). */
let allReaped: Array<() => void> = [];

export class ChildProcess {
  private pidfd: number;
  private watch: ReadinessWatch | null = null;
  private onExit: ((status: ExitStatus) => void) | null = null;
  /** The wait does not keep the process alive (see inBackground). */
  private background = false;
  status: ExitStatus | null = null;

  constructor(readonly pid: number, pidfd: number) {
    this.pidfd = pidfd;
  }

  /** True once the child has been reaped (status is set). */
  get reaped(): boolean {
    return this.status !== null;
  }

  /** How many abandoned children are still waited for (for tests). */
  static abandonedCount(): number {
    return abandoned.size;
  }

  /**
   * Calls `done` once every abandoned child of this thread has been reaped
   * (at once if none is left). An actor thread calls it before it exits: its
   * event loop is what reaps them.
   */
  static whenAllReaped(done: () => void): void {
    if (abandoned.size === 0) done();
    else allReaped.push(done);
  }

  /**
   * Calls `done` once the child has exited and been reaped (at once,
   * synchronously, if it already was). One waiter at a time. 0 | -errno.
   */
  wait(done: (status: ExitStatus) => void): number {
    if (this.status !== null) {
      done(this.status);
      return 0;
    }
    this.onExit = done;
    if (this.tryReap()) return 0;
    return this.arm();
  }

  /** Forgets the waiter (the child stays unreaped and may be waited again). */
  cancelWait(): void {
    this.onExit = null;
    this.watch?.disarm();
  }

  /**
   * The wait (current or next) stops keeping the process alive: the child is
   * still reaped, and its waiter called, if it exits while this process
   * runs. For a child allowed to outlive us (a detached subprocess actor).
   */
  inBackground(): void {
    if (this.background) return;
    this.background = true;
    if (this.watch !== null && this.watch.armed !== 0) this.arm();
  }

  /** pidfd_send_signal; 0 | -errno (-ESRCH once reaped). */
  signal(sig: number): number {
    if (this.pidfd === -1) return -errnoCodes.ESRCH;
    return loadAddon().procPidfdSignal(this.pidfd, sig);
  }

  /**
   * The owner is gone: sends `sig` (unless 0) and reaps the child in the
   * background once it exits.
   */
  abandon(sig: number): void {
    if (this.pidfd === -1) return;
    this.onExit = null;
    if (sig !== 0) loadAddon().procPidfdSignal(this.pidfd, sig);
    if (this.tryReap()) return;
    abandoned.add(this);
    if (this.arm() < 0) {
      // Not pollable (cannot happen for a pidfd): give up the pidfd rather
      // than spin; the child is left to the kernel (and init).
      abandoned.delete(this);
      this.closePidfd();
    }
  }

  private arm(): number {
    this.watch ??= new ReadinessWatch(this.pidfd, () => {
      if (!this.tryReap()) this.arm();
    });
    return this.watch.arm(this.background ? READABLE | BACKGROUND : READABLE);
  }

  /** waitid(WNOHANG); true once reaped (and the waiter called). */
  private tryReap(): boolean {
    const result = loadAddon().procWaitid(this.pidfd);
    if (typeof result === 'number') {
      // ECHILD: someone reaped it behind our back (waitpid(-1) elsewhere).
      this.finish({ code: 128, signal: null });
      return true;
    }
    const [kind, value] = result;
    if (kind === 0) return false;
    this.finish(kind === 1 ? { code: value, signal: null } : { code: 128 + value, signal: value });
    return true;
  }

  private finish(status: ExitStatus): void {
    this.status = status;
    this.closePidfd();
    if (abandoned.delete(this) && abandoned.size === 0) {
      const callbacks = allReaped;
      allReaped = [];
      for (const callback of callbacks) callback();
    }
    const done = this.onExit;
    this.onExit = null;
    done?.(status);
  }

  private closePidfd(): void {
    this.watch?.dispose();
    this.watch = null;
    if (this.pidfd !== -1) loadAddon().fdClose(this.pidfd);
    this.pidfd = -1;
  }
}
