// openat(2) on libuv's thread pool, safe for FIFOs.
//
// Opening a FIFO waits in the kernel until a peer opens the other end, which
// may be never. On the thread pool (4 threads, shared by every actor thread
// of the process, and by file I/O and name lookups) four such opens would
// stall everything else. So an open goes in two steps:
//
//  1. An O_PATH open of the same path with the same RESOLVE_* bits and
//     O_NOFOLLOW, which never waits, tells what the path names.
//  2. Anything but a FIFO is then opened as asked. A FIFO is reopened
//     through /proc/self/fd/N of the step-1 descriptor (the same inode, the
//     resolution constraints already applied), and:
//       - at most FIFO_OPENS_AT_ONCE such opens run at a time in this thread,
//         the rest wait in a queue here, so the pool always keeps threads
//         for other work;
//       - cancel() opens the FIFO itself with O_RDWR|O_NONBLOCK, which never
//         waits and counts as both a reader and a writer, so the waiting open
//         returns; the descriptor it then gives is closed, and the operation
//         counts as not done.
//
// Threat model: the peer (another process sharing the FIFO's path, or the
// author of the path) is hostile and may never open its end, or swap the path
// between the two steps. A swap only changes which open runs unbounded (a
// FIFO appearing after step 1 is opened directly, as before this file
// existed); docs/compat.md says so. Without /proc, a FIFO is opened directly
// (still counted against the bound).

import * as fs from 'node:fs';
import { ioConstant } from './native';
import { loadAddon } from '../native/load-addon';
import type { IoDone, IoRequest } from './async-fd';
import { errnoCodes } from '../errors/categories';

/** FIFO opens running on the thread pool at once, per JavaScript thread. */
export const FIFO_OPENS_AT_ONCE = 2;

let fifoOpensRunning = 0;
const fifoQueue: Array<() => void> = [];

function fifoSlotFreed(): void {
  fifoOpensRunning--;
  const next = fifoQueue.shift();
  if (next !== undefined) next();
}

function closeQuietly(fd: number): void {
  if (fd >= 0) loadAddon().fdClose(fd);
}

/**
 * Starts openat(dirfd, path, flags, mode) (openat2 with `resolve` when not 0);
 * `done` gets the new descriptor or -errno, unless cancel() returned true.
 */
export function startOpenat(
  dirfd: number, path: Uint8Array, flags: number, mode: number, resolve: number, done: IoDone,
): IoRequest {
  let cancelled = false;
  let finished = false;
  const finish = (fd: number): void => {
    if (cancelled) {
      closeQuietly(fd);
      return;
    }
    finished = true;
    done(fd);
  };

  const direct = (then: IoDone = finish): number => loadAddon().fdOpenatAsync(dirfd, path, flags, mode, resolve, then);

  // Set while a FIFO open is queued or running.
  let fifoCancel: (() => void) | null = null;

  const openFifo = (probe: number): void => {
    let running = false;
    let unblocker = -1;
    const run = (): void => {
      if (cancelled) {
        closeQuietly(probe);
        return;
      }
      running = true;
      fifoOpensRunning++;
      const proc = new TextEncoder().encode(`/proc/self/fd/${probe}`);
      const opened = (fd: number): void => {
        fifoSlotFreed();
        closeQuietly(unblocker);
        closeQuietly(probe);
        finish(fd);
      };
      const ret = loadAddon().fdOpenatAsync(probe, proc, flags, mode, 0, (fd) => {
        // No /proc here: open the path itself (the slot stays taken).
        if (fd === -errnoCodes.ENOENT && !cancelled) {
          const again = direct(opened);
          if (again < 0) opened(again);
          return;
        }
        opened(fd);
      });
      if (ret < 0) opened(ret);
    };
    fifoCancel = () => {
      if (!running) {
        const idx = fifoQueue.indexOf(run);
        if (idx !== -1) fifoQueue.splice(idx, 1);
        closeQuietly(probe);
        return;
      }
      // Become the peer the open waits for; kept open until that open returns.
      try {
        unblocker = fs.openSync(`/proc/self/fd/${probe}`, fs.constants.O_RDWR | fs.constants.O_NONBLOCK);
      } catch {
        // No /proc or the probe is gone: the open stays until a peer comes.
      }
    };
    if (fifoOpensRunning < FIFO_OPENS_AT_ONCE) run();
    else fifoQueue.push(run);
  };

  const alreadyPath = (flags & ioConstant('O_PATH')) !== 0;
  if (alreadyPath) {
    const ret = direct();
    if (ret < 0) finish(ret);
  } else {
    const probeFlags = ioConstant('O_PATH') | (flags & ioConstant('O_NOFOLLOW'));
    const ret = loadAddon().fdOpenatAsync(dirfd, path, probeFlags, 0, resolve, (probe) => {
      if (cancelled) {
        closeQuietly(probe);
        return;
      }
      if (probe >= 0 && loadAddon().fdFileType(probe) === ioConstant('S_IFIFO')) {
        openFifo(probe);
        return;
      }
      // Not a FIFO, or not there yet (O_CREAT) or refused: the real open
      // gives the answer the caller expects.
      closeQuietly(probe);
      const direct2 = direct();
      if (direct2 < 0) finish(direct2);
    });
    if (ret < 0) finish(ret);
  }

  return {
    cancel(): boolean {
      if (finished || cancelled) return false;
      cancelled = true;
      fifoCancel?.();
      return true;
    },
  };
}
