// Operations on one socket without ever blocking Node's event loop.
//
// Every socket operation is a syscall that cannot wait (native/addon/
// socket.cc: MSG_DONTWAIT on transfers, non-blocking accept and connect, a
// zero-timeout poll for readiness waits), so an operation is just an
// `attempt` function that returns its result or -EAGAIN. An operation is
// attempted at once and again after each readiness notification
// (readiness.ts) until it stops returning -EAGAIN.
//
// Operations wait in one of three lanes, each completed in request order:
// "read" (receive, accept, wait for readable), "write" (send, connect, wait
// for writable) and "error" (wait for priority data or an error). cancel() of
// a waiting operation removes it: it did not and will not happen. Since every
// attempt is a synchronous syscall, nothing is ever in flight when the socket
// is disposed, and its descriptor can be closed at once.

import { ReadinessWatch, READABLE, WRITABLE, PRIORITY } from './readiness';
import { errnoCodes } from '../errors/categories';
import type { IoDone, IoRequest } from './async-fd';

const EAGAIN = errnoCodes.EAGAIN;
const EBADF = errnoCodes.EBADF;

export type Lane = 'read' | 'write' | 'error';

/** One try of an operation: its result, or -EAGAIN to wait for readiness. */
export type Attempt = () => number;

interface Operation {
  readonly attempt: Attempt;
  readonly done: IoDone;
  finished: boolean;
}

const finishedRequest: IoRequest = { cancel: () => false };

const LANE_EVENTS: Readonly<Record<Lane, number>> = { read: READABLE, write: WRITABLE, error: PRIORITY };

export class SocketIo {
  private readonly lanes: Record<Lane, Operation[]> = { read: [], write: [], error: [] };
  private watch: ReadinessWatch | null = null;
  private disposed = false;

  constructor(readonly fd: number) {}

  /** Starts an operation in `lane`; `done` receives its result (or -errno if aborted). */
  submit(lane: Lane, attempt: Attempt, done: IoDone): IoRequest {
    if (this.disposed) {
      done(-EBADF);
      return finishedRequest;
    }
    const op: Operation = { attempt, done, finished: false };
    const queue = this.lanes[lane];
    queue.push(op);
    if (queue.length === 1) {
      this.pump(queue);
      this.rearm();
    }
    return {
      cancel: () => {
        if (op.finished) return false;
        const idx = queue.indexOf(op);
        if (idx !== -1) queue.splice(idx, 1);
        op.finished = true;
        this.rearm();
        return true;
      },
    };
  }

  /** Completes every waiting operation with -errno. */
  abortAll(errno: number): void {
    for (const queue of Object.values(this.lanes)) {
      for (const op of queue.splice(0, queue.length)) {
        op.finished = true;
        op.done(-errno);
      }
    }
    this.rearm();
  }

  /** Aborts the waiting operations with -errno and drops the readiness registration. */
  dispose(errno: number): void {
    if (this.disposed) return;
    this.abortAll(errno);
    this.disposed = true;
    this.watch?.dispose();
    this.watch = null;
  }

  private pump(queue: Operation[]): void {
    while (queue.length > 0) {
      const op = queue[0];
      const result = op.attempt();
      if (result === -EAGAIN || op.finished) return;
      queue.shift();
      op.finished = true;
      op.done(result);
    }
  }

  /** Asks for the notifications the waiting operations need (none when idle). */
  private rearm(): void {
    if (this.disposed) return;
    let wanted = 0;
    for (const lane of ['read', 'write', 'error'] as const) {
      if (this.lanes[lane].length > 0) wanted |= LANE_EVENTS[lane];
    }
    if (wanted === 0 && this.watch === null) return;
    this.watch ??= new ReadinessWatch(this.fd, this.onReady);
    const ret = this.watch.arm(wanted);
    if (ret === 0) return;
    // The descriptor cannot be watched (closed behind our back...): every
    // waiting operation ends with that error.
    for (const queue of Object.values(this.lanes)) {
      for (const op of queue.splice(0, queue.length)) {
        op.finished = true;
        op.done(ret);
      }
    }
  }

  private readonly onReady = (): void => {
    if (this.disposed) return;
    // Every attempt is non-blocking, so try each waiting lane whatever the
    // notification said (a hang-up concerns them all).
    for (const queue of Object.values(this.lanes)) {
      if (queue.length > 0) this.pump(queue);
    }
    this.rearm();
  };
}
