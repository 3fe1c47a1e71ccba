// Asynchronous read_some/write_some on one file descriptor, without ever
// blocking Node's event loop.
//
// How an operation runs depends on the descriptor, decided at its first use:
//
//  - "poll": pipes, FIFOs, sockets, terminals, most character devices. The
//    syscall is attempted when it cannot block and otherwise after a
//    readiness notification (readiness.ts):
//      * a descriptor in O_NONBLOCK mode (the pipe module puts the
//        descriptors it owns in that mode) is attempted at once and again
//        after each notification until it stops returning EAGAIN, still
//        with RWF_NOWAIT where the kernel has it, because a peer sharing
//        the open file description can clear O_NONBLOCK behind our back;
//      * a socket uses recv/send with MSG_DONTWAIT, whatever its mode;
//      * a blocking descriptor that is not ours to change (system.in_, out,
//        err) uses preadv2/pwritev2 with RWF_NOWAIT, which cannot wait
//        either (pipes, /dev/null and the like honour it), attempted at
//        once and again after each notification;
//      * where the kernel does not honour RWF_NOWAIT (terminals...), such
//        a descriptor is attempted only after a notification, once per
//        notification, and a write is then limited to PIPE_BUF bytes, which
//        a pipe with room accepts without waiting. (Another process reading
//        the same file could still take the data first and make the read
//        wait; that race is accepted and documented in docs/compat.md.)
//  - "threadpool": regular files, directories, block devices and whatever
//    epoll refuses (EPERM) and RWF_NOWAIT cannot serve at once. The syscall
//    runs on libuv's thread pool (fd_async.cc); one operation per direction
//    at a time, so the file offset moves in request order.
//
// Operations of one direction complete in the order they were requested.
// cancel() of a queued operation removes it ("not done at all"); an
// operation whose syscall is running or has run can no longer be cancelled
// and delivers its result ("fully done"). The descriptor is closed only once
// no syscall on the thread pool can still use its number.

import { loadAddon } from '../native/load-addon';
import { ioConstant } from './native';
import { ReadinessWatch, READABLE, WRITABLE, HANGUP } from './readiness';
import { errnoCodes } from '../errors/categories';

const EAGAIN = errnoCodes.EAGAIN;
const EPERM = errnoCodes.EPERM;
const EOPNOTSUPP = errnoCodes.EOPNOTSUPP;

export type IoDone = (result: number) => void;

/** A started operation. cancel() is true when the operation did not and will not happen. */
export interface IoRequest {
  cancel(): boolean;
}

interface Operation {
  readonly bytes: Uint8Array;
  readonly done: IoDone;
  inFlight: boolean;
  finished: boolean;
}

type Mode = 'poll' | 'threadpool';
type Direction = 'read' | 'write';

const finishedRequest: IoRequest = { cancel: () => false };

export interface AsyncFdOptions {
  /**
   * The descriptor is ours: it may be switched to O_NONBLOCK (and is, at its
   * first operation, unless it is a socket). Otherwise its flags are left
   * alone.
   */
  readonly owned: boolean;
}

export class AsyncFd {
  private mode: Mode | undefined;
  private socket = false;
  /** RWF_NOWAIT is honoured (assumed until the kernel says EOPNOTSUPP). */
  private noWait = true;
  /** Whether this object switched O_NONBLOCK on (so release() can undo it). */
  setNonBlockingOnOpen = false;
  private watch: ReadinessWatch | null = null;
  private readonly readers: Operation[] = [];
  private readonly writers: Operation[] = [];
  private readReady = false;
  private writeReady = false;
  private inFlight = 0;
  private disposed = false;

  constructor(readonly fd: number, private readonly options: AsyncFdOptions) {}

  /** read(2) into `bytes` (count, 0 at end of file, or -errno). */
  read(bytes: Uint8Array, done: IoDone): IoRequest {
    return this.start('read', bytes, done);
  }

  /** write(2) from `bytes` (count or -errno). */
  write(bytes: Uint8Array, done: IoDone): IoRequest {
    return this.start('write', bytes, done);
  }

  /** Completes every queued operation with -errno (those in flight finish normally). */
  abortAll(errno: number): void {
    for (const queue of [this.readers, this.writers]) {
      const aborted = queue.filter((op) => !op.inFlight);
      for (const op of aborted) queue.splice(queue.indexOf(op), 1);
      for (const op of aborted) {
        op.finished = true;
        op.done(-errno);
      }
    }
    this.rearm();
  }

  /**
   * Stops using the descriptor: queued operations complete with -errno, the
   * readiness registration is dropped and `afterIdle` runs once no syscall
   * can still use the descriptor (at once, or when the last thread-pool
   * operation completes).
   */
  dispose(errno: number, afterIdle: () => void): void {
    if (this.disposed) return;
    this.disposed = true;
    this.abortAll(errno);
    this.watch?.dispose();
    this.watch = null;
    if (this.inFlight === 0) afterIdle();
    else this.idleCallback = afterIdle;
  }

  private idleCallback: (() => void) | null = null;

  private start(direction: Direction, bytes: Uint8Array, done: IoDone): IoRequest {
    if (this.disposed) {
      done(-errnoCodes.EBADF);
      return finishedRequest;
    }
    if (bytes.length === 0) {
      done(0);
      return finishedRequest;
    }
    const op: Operation = { bytes, done, inFlight: false, finished: false };
    const queue = direction === 'read' ? this.readers : this.writers;
    queue.push(op);
    if (queue.length === 1) this.pump(direction);
    return {
      cancel: () => {
        if (op.finished || op.inFlight) return false;
        const idx = queue.indexOf(op);
        if (idx !== -1) queue.splice(idx, 1);
        op.finished = true;
        this.rearm();
        return true;
      },
    };
  }

  private decideMode(): void {
    const type = loadAddon().fdFileType(this.fd);
    if (type < 0) {
      // Let the syscall itself report the problem (EBADF...).
      this.mode = 'poll';
      return;
    }
    if (type === ioConstant('S_IFREG') || type === ioConstant('S_IFDIR') || type === ioConstant('S_IFBLK')) {
      this.mode = 'threadpool';
      return;
    }
    this.mode = 'poll';
    this.socket = type === ioConstant('S_IFSOCK');
    if (this.options.owned && !this.socket) {
      const was = loadAddon().fdSetNonBlocking(this.fd, true);
      if (was >= 0) this.setNonBlockingOnOpen = was === 0;
    }
  }

  private pump(direction: Direction): void {
    if (this.mode === undefined) this.decideMode();
    if (this.mode === 'threadpool') this.pumpThreadPool(direction);
    else this.pumpPoll(direction);
    this.rearm();
  }

  private pumpThreadPool(direction: Direction): void {
    const queue = direction === 'read' ? this.readers : this.writers;
    const op = queue[0];
    if (op === undefined || op.inFlight) return;
    op.inFlight = true;
    this.inFlight++;
    const complete = (result: number): void => {
      this.inFlight--;
      op.inFlight = false;
      op.finished = true;
      const idx = queue.indexOf(op);
      if (idx !== -1) queue.splice(idx, 1);
      op.done(result);
      if (this.disposed) {
        if (this.inFlight === 0 && this.idleCallback !== null) {
          const callback = this.idleCallback;
          this.idleCallback = null;
          callback();
        }
        return;
      }
      this.pump(direction);
    };
    const ret = direction === 'read'
      ? loadAddon().fdReadAsync(this.fd, op.bytes, complete)
      : loadAddon().fdWriteAsync(this.fd, op.bytes, complete);
    if (ret < 0) complete(ret);
  }

  private pumpPoll(direction: Direction): void {
    const queue = direction === 'read' ? this.readers : this.writers;
    while (queue.length > 0) {
      const op = queue[0];
      const result = this.attempt(direction, op.bytes);
      if (result === undefined) return;
      if (result === -EAGAIN) {
        if (direction === 'read') this.readReady = false;
        else this.writeReady = false;
        return;
      }
      queue.shift();
      op.finished = true;
      op.done(result);
    }
  }

  /** One syscall, or undefined when it could block and no notification allows it. */
  private attempt(direction: Direction, bytes: Uint8Array): number | undefined {
    const native = loadAddon();
    if (this.socket) return direction === 'read' ? native.sockRecv(this.fd, bytes, 0) : native.sockSend(this.fd, bytes, 0);
    // O_NONBLOCK belongs to the open file description: a peer sharing it (the
    // other holder of an inherited pipe end) can clear it at any time, so even
    // a descriptor we switched to O_NONBLOCK is read with RWF_NOWAIT, which
    // cannot wait whatever the flags say.
    if (this.noWait) {
      // Cannot wait whatever the descriptor's mode, so it is tried at once.
      const result = direction === 'read' ? native.fdReadNoWait(this.fd, bytes) : native.fdWriteNoWait(this.fd, bytes);
      if (result !== -EOPNOTSUPP) return result;
      this.noWait = false;
    }
    const flags = native.fdGetStatusFlags(this.fd);
    if (flags < 0) return flags;
    if ((flags & ioConstant('O_NONBLOCK')) !== 0) {
      return direction === 'read' ? native.fdRead(this.fd, bytes) : native.fdWrite(this.fd, bytes);
    }
    // A blocking descriptor: only once per readiness notification.
    if (direction === 'read') {
      if (!this.readReady) return undefined;
      this.readReady = false;
      return native.fdRead(this.fd, bytes);
    }
    if (!this.writeReady) return undefined;
    this.writeReady = false;
    const limit = ioConstant('PIPE_BUF');
    return native.fdWrite(this.fd, bytes.length > limit ? bytes.subarray(0, limit) : bytes);
  }

  /** Asks for the notifications the queued operations wait for (none when idle). */
  private rearm(): void {
    if (this.mode !== 'poll' || this.disposed) return;
    let wanted = 0;
    if (this.readers.length > 0) wanted |= READABLE;
    else this.readReady = false;
    if (this.writers.length > 0) wanted |= WRITABLE;
    else this.writeReady = false;
    if (wanted === 0 && this.watch === null) return;
    this.watch ??= new ReadinessWatch(this.fd, this.onReady);
    const ret = this.watch.arm(wanted);
    if (ret === 0) return;
    if (ret === -EPERM) {
      // epoll refuses this kind of file: run its syscalls on the thread pool.
      this.watch.dispose();
      this.watch = null;
      this.mode = 'threadpool';
      if (this.readers.length > 0) this.pumpThreadPool('read');
      if (this.writers.length > 0) this.pumpThreadPool('write');
      return;
    }
    // Any other failure ends the waiting operations with that error.
    for (const queue of [this.readers, this.writers]) {
      for (const op of queue.splice(0, queue.length)) {
        op.finished = true;
        op.done(ret);
      }
    }
  }

  private readonly onReady = (events: number): void => {
    if (this.disposed) return;
    if (events & (READABLE | HANGUP)) this.readReady = true;
    if (events & (WRITABLE | HANGUP)) this.writeReady = true;
    if (this.readers.length > 0) this.pumpPoll('read');
    if (this.writers.length > 0) this.pumpPoll('write');
    this.rearm();
  };
}
