// The host side of file.stream and file.random_access objects: an owned
// descriptor and the operations waiting on it.
//
// Reads and writes run on libuv's thread pool (Node's fs.read/fs.write), so
// a descriptor number may still be in use by a worker thread when the script
// closes or releases the object. A Lease counts those uses; the close(2)
// waits until the count drops to zero, and release() then hands out a
// duplicate instead (the same open file description under another number).
//
// A read whose data is in the page cache is served at once instead
// (preadv2 with RWF_NOWAIT), when no thread-pool operation uses the
// descriptor: the file offset then still moves in request order.
//
// Operations that can be abandoned without leaving anything done (a pread
// whose bytes are copied into the byte_span only on completion, a lock
// wait) are registered as Abortable: cancel() and close() abort them with
// Asio's operation_aborted (ECANCELED). Reads that move the file offset and
// writes cannot be taken back once started: they complete with their result.

import { loadAddon } from '../../native/load-addon';
import { errnoCodes } from '../../errors/categories';
import { disownVmResource, VmResource } from '../../io/vm-resources';

class Lease {
  users = 0;
  retired = false;
  constructor(readonly fd: number) {}

  /** Closes the descriptor once retired and unused. */
  settle(): void {
    if (this.retired && this.users === 0) loadAddon().fdClose(this.fd);
  }
}

export interface Abortable {
  /** Ends the wait with operation_aborted; the operation must not take effect afterwards. */
  abort(): void;
}

export type FileKind = 'stream' | 'random_access';

export class FileObject implements VmResource {
  private lease: Lease | null = null;
  private readonly abortables = new Set<Abortable>();
  /** The file system refused RWF_NOWAIT: every read goes to the thread pool. */
  private noWaitRefused = false;
  private scratchBuffer: Buffer | null = null;

  constructor(readonly kind: FileKind) {}

  get fd(): number {
    return this.lease === null ? -1 : this.lease.fd;
  }

  get isOpen(): boolean {
    return this.lease !== null;
  }

  /** Takes ownership of `fd`. The caller checked that the object is not open. */
  adopt(fd: number): void {
    this.lease = new Lease(fd);
  }

  /**
   * Marks the descriptor as used by a thread-pool operation; call the
   * returned function when that operation has finished.
   */
  use(): () => void {
    const lease = this.lease;
    if (lease === null) throw new Error('file object is not open');
    lease.users++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      lease.users--;
      lease.settle();
    };
  }

  /**
   * A read into `bytes` (at `position`, or at the file offset) that cannot
   * wait: count | -errno, or undefined when it would have to wait for the
   * disk, or another operation is using the descriptor.
   */
  readAtOnce(bytes: Uint8Array, position: number | null): number | undefined {
    const lease = this.lease;
    if (lease === null || lease.users > 0 || this.noWaitRefused) return undefined;
    const result = loadAddon().fileReadNoWait(lease.fd, bytes, position ?? -1);
    if (result === -errnoCodes.EAGAIN) return undefined;
    if (result === -errnoCodes.EOPNOTSUPP) {
      this.noWaitRefused = true;
      return undefined;
    }
    return result;
  }

  /**
   * A buffer of `length` bytes for a read done at once, kept between reads
   * (fresh memory costs a page fault per 4 KiB). Only one such read is ever
   * pending: readAtOnce() refuses while an operation uses the descriptor.
   */
  scratch(length: number): Buffer {
    if (this.scratchBuffer === null || this.scratchBuffer.length < length) this.scratchBuffer = Buffer.allocUnsafeSlow(length);
    return this.scratchBuffer.subarray(0, length);
  }

  track(op: Abortable): void {
    this.abortables.add(op);
  }

  untrack(op: Abortable): void {
    this.abortables.delete(op);
  }

  /** Aborts every abortable operation (file:cancel()). */
  cancelAll(): void {
    const ops = [...this.abortables];
    this.abortables.clear();
    for (const op of ops) op.abort();
  }

  /** file:close(): aborts what can be aborted, closes the descriptor once unused. */
  close(): void {
    this.cancelAll();
    const lease = this.lease;
    if (lease === null) return;
    this.lease = null;
    disownVmResource(this);
    lease.retired = true;
    lease.settle();
  }

  /**
   * file:release(): the descriptor for the caller to own, or -errno. With
   * operations still running on the thread pool, the caller gets a duplicate
   * and the original number is closed when they finish.
   */
  release(): number {
    this.cancelAll();
    const lease = this.lease;
    if (lease === null) return -9;
    let fd = lease.fd;
    if (lease.users > 0) {
      fd = loadAddon().fdDup(lease.fd);
      if (fd < 0) return fd;
      lease.retired = true;
    }
    this.lease = null;
    disownVmResource(this);
    return fd;
  }

  /** Called when the VM ends or the Lua object was collected. */
  closeForVm(): void {
    this.close();
  }
}
