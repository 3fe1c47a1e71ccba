// A read or write that suspends only its fiber (on libuv's thread pool, or at
// once from the page cache), and the wake actions of an operation that was
// aborted or failed, which lock waits share. file-object.ts says what
// cancel(), close() and fiber cancellation do to one in progress.

import * as fs from 'node:fs';
import { lua, LuaState } from '../../lua/lua-api';
import { vmOf } from '../../fiber/vm-of';
import { pushError, raiseSystemError } from '../../errors/error-object';
import { errnoCodes, systemCategory } from '../../errors/categories';
import type { WakeAction } from '../../fiber/fiber';
import { currentFiber, prepareSuspension, suspend, suspendCompleted, raiseCanceled } from '../../fiber/suspension';
import { raiseEofError } from '../../io/errors';
import type { ByteSpan } from '../byte_span';
import { errnoOf } from '../../errors/errno';
import { FileObject, Abortable } from './file-object';
import { openFd } from './file-class';

const E = errnoCodes;

/** An operation of the object that cancel() aborted; a fiber cancelled meanwhile reports that instead. */
export const raiseOperationAborted: WakeAction = (L) => {
  if (currentFiber(L).mustCancelNow) return raiseCanceled(L);
  pushError(L, systemCategory, E.ECANCELED);
  return lua.lua_error(L);
};

export const raiseErrno = (errno: number): WakeAction => (L) => raiseSystemError(L, errno);

/**
 * What a finished read gives its fiber: the count, EOF, or -errno's error.
 * The bytes are copied from `buffer` into the span then (null: they are in
 * the span already).
 */
function readOutcome(span: ByteSpan, count: number, buffer: Buffer | null): WakeAction {
  if (count < 0) return raiseErrno(-count);
  if (count === 0) return raiseEofError;
  return (L) => {
    if (buffer !== null) span.bytes.set(buffer.subarray(0, count));
    lua.lua_pushnumber(L, count);
    return 1;
  };
}

/**
 * Runs a read or write and suspends the fiber until it completes: on the
 * thread pool, except a read whose data is in the page cache, done at once.
 * `abortable`: the operation has no effect until its result is delivered (a
 * pread into a private buffer), so cancellation may drop it.
 */
export function transfer(
  L: LuaState,
  file: FileObject,
  span: ByteSpan,
  direction: 'read' | 'write',
  position: number | null,
  abortable: boolean,
): number {
  const fiber = prepareSuspension(L, true);
  const fd = openFd(L, file);
  const scheduler = vmOf(L).scheduler;
  const length = span.length;
  if (length === 0) {
    // Asio completes an empty transfer at once, with no error.
    const immediate = setImmediate(() => scheduler.wake(fiber, (L) => {
      lua.lua_pushnumber(L, 0);
      return 1;
    }));
    return suspend(L, fiber, { cancellable: true, cancel: () => clearImmediate(immediate) });
  }

  if (direction === 'read' && !abortable) {
    const count = file.readAtOnce(span.bytes, position);
    // It happened, so it completes whatever comes next (as a started one would).
    if (count !== undefined) return suspendCompleted(L, fiber, readOutcome(span, count, null));
  }
  let readBuffer: Buffer | null = null;
  let readAtOnce: number | undefined;
  if (direction === 'read' && abortable) {
    // An abortable read done at once keeps its bytes aside until it is delivered.
    const scratch = file.scratch(length);
    readAtOnce = file.readAtOnce(scratch, position);
    if (readAtOnce !== undefined) readBuffer = scratch;
  }
  if (direction === 'read' && readBuffer === null) readBuffer = Buffer.allocUnsafe(length);

  let state: 'running' | 'abandoned' | 'finished' = 'running';
  const abandon = (action: WakeAction): void => {
    if (state !== 'running') return;
    state = 'abandoned';
    file.untrack(op);
    scheduler.wake(fiber, action);
  };
  const op: Abortable = { abort: () => abandon(raiseOperationAborted) };
  if (abortable) file.track(op);

  /** `result`: the count or -errno. */
  const finish = (result: number, buffer: Buffer): void => {
    release();
    if (state !== 'running') return;
    state = 'finished';
    file.untrack(op);
    if (direction === 'read') {
      scheduler.wake(fiber, readOutcome(span, result, buffer));
    } else if (result < 0) {
      scheduler.wake(fiber, raiseErrno(-result));
    } else {
      scheduler.wake(fiber, (L) => {
        lua.lua_pushnumber(L, result);
        return 1;
      });
    }
  };
  const resultOf = (err: NodeJS.ErrnoException | null, count: number): number => (err === null ? count : -errnoOf(err));

  const release = file.use();
  if (readBuffer !== null && readAtOnce !== undefined) {
    // Delivered after the fibers running now, as a thread-pool completion
    // would be, so a cancellation that comes first still drops it.
    const [count, buffer] = [readAtOnce, readBuffer];
    queueMicrotask(() => finish(count, buffer));
  } else if (readBuffer !== null) {
    const buffer = readBuffer;
    fs.read(fd, buffer, 0, length, position, (err, count) => finish(resultOf(err, count), buffer));
  } else {
    const buffer = Buffer.from(span.bytes);
    fs.write(fd, buffer, 0, length, position, (err, count) => finish(resultOf(err, count), buffer));
  }
  return suspend(L, fiber, {
    cancellable: true,
    // Only an abortable operation can be dropped; the others finish and
    // report their result (the cancellation is then raised at the fiber's
    // next cancellation point).
    cancel: () => {
      if (abortable) abandon(raiseCanceled);
    },
  });
}
