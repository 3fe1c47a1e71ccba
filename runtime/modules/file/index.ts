// require 'file': file.stream and file.random_access (Emilua 0.11) plus the
// composed read_all_at/read_at_least_at/write_all_at/write_at_least_at.
//
// open() is a blocking call, as in Emilua. Reads and writes suspend only the
// calling fiber: they run on libuv's thread pool (Node's fs.read/fs.write)
// into a private buffer that is copied into the byte_span when the fiber
// resumes. lock()/lock_shared() wait without blocking anything (locks.ts).
// file-object.ts says what cancel(), close() and fiber cancellation do to an
// operation in progress.

import * as fs from 'node:fs';
import { lua, lauxlib, luaString, toText, setFunctions, pushUserdata, toUserdata, LuaState, LuaJsFunction, indexKey } from '../../lua/lua-api';
import { vmOf } from '../../fiber/vm-of';
import { pushError, raiseGenericError, raiseSystemError, raiseRuntimeError } from '../../errors/error-object';
import { errnoCodes, systemCategory } from '../../errors/categories';
import type { WakeAction } from '../../fiber/fiber';
import { currentFiber, prepareSuspension, suspend, suspendCompleted, raiseCanceled } from '../../fiber/suspension';
import { loadAddon } from '../../native/load-addon';
import { ioConstant } from '../../io/native';
import { adoptVmResource, closeWithUserdata } from '../../io/vm-resources';
import { raiseAlreadyOpen, raiseEofError } from '../../io/errors';
import { checkByteSpan, openByteSpanModule } from '../byte_span';
import type { ByteSpan } from '../byte_span';
import { pushFileDescriptor, checkFileDescriptor } from '../../io/descriptor-object';
import { checkPath, pathBuffer } from '../../io/path-object';
import { errnoOf } from '../../errors/errno';
import { checkFlagList, checkIntegerIn, RANGE } from '../../errors/args';
import { FileObject, FileKind, Abortable } from './file-object';
import { LockWait, LockKind, tryFlock, unlockFlock } from './locks';
import { installComposedOperations } from './composed';
import { servedOpen } from '../../io/libc-service/gate';

/** libuv adds it to every open; the libc_service master sees what the kernel gets. */
const O_CLOEXEC = 0o2000000;

const E = errnoCodes;

interface FileClass {
  readonly kind: FileKind;
  readonly name: string;
  readonly metatable: Uint8Array;
}

const STREAM: FileClass = { kind: 'stream', name: 'file.stream', metatable: luaString('emilua-ts file.stream') };
const RANDOM_ACCESS: FileClass = {
  kind: 'random_access', name: 'file.random_access', metatable: luaString('emilua-ts file.random_access'),
};

function checkFile(L: LuaState, cls: FileClass): FileObject {
  const file = toUserdata<FileObject>(L, 1, cls.name);
  return file === undefined ? raiseGenericError(L, E.EINVAL, { arg: 1 }) : file;
}

/** The descriptor of an open file, or EBADF as Asio reports it. */
function openFd(L: LuaState, file: FileObject): number {
  return file.isOpen ? file.fd : raiseSystemError(L, E.EBADF);
}

/** Takes ownership of fd for the object at stack index 1. */
function adopt(L: LuaState, file: FileObject, fd: number): void {
  file.adopt(fd);
  adoptVmResource(L, file);
  closeWithUserdata(L, 1, file);
}

const OPEN_FLAGS: Readonly<Record<string, string>> = {
  append: 'O_APPEND', create: 'O_CREAT', exclusive: 'O_EXCL', read_only: 'O_RDONLY', read_write: 'O_RDWR',
  sync_all_on_write: 'O_SYNC', truncate: 'O_TRUNC', write_only: 'O_WRONLY',
};

function openFlags(L: LuaState, idx: number): number {
  return checkFlagList(L, idx, OPEN_FLAGS, ioConstant);
}

/**
 * A 0-based file offset argument (truncated, as LuaJIT converts numbers).
 * A negative one is EINVAL, as the kernel reports it; so is one past 2^53,
 * which no double-based Lua number can name exactly.
 */
function offsetArg(L: LuaState, idx: number): number {
  lauxlib.luaL_checktype(L, idx, lua.LUA_TNUMBER);
  const n = Math.trunc(lua.lua_tonumber(L, idx));
  if (!(n >= 0 && Number.isSafeInteger(n))) return raiseSystemError(L, E.EINVAL);
  return n;
}

/** An operation of the object that cancel() aborted; a fiber cancelled meanwhile reports that instead. */
const raiseOperationAborted: WakeAction = (L) => {
  if (currentFiber(L).mustCancelNow) return raiseCanceled(L);
  pushError(L, systemCategory, E.ECANCELED);
  return lua.lua_error(L);
};

const raiseErrno = (errno: number): WakeAction => (L) => raiseSystemError(L, errno);

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
function transfer(
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

function lockMethod(cls: FileClass, kind: LockKind): LuaJsFunction {
  return (L) => {
    const file = checkFile(L, cls);
    const fiber = prepareSuspension(L, true);
    const fd = openFd(L, file);
    const first = tryFlock(fd, kind);
    if (first === true) return 0;
    if (first !== false) return raiseSystemError(L, -first);
    const scheduler = vmOf(L).scheduler;
    let waiting = true;
    const finish = (action: WakeAction): void => {
      if (!waiting) return;
      waiting = false;
      wait.stop();
      file.untrack(op);
      scheduler.wake(fiber, action);
    };
    const wait = new LockWait(() => file.fd, kind, (result) => {
      finish(result === true ? () => 0 : raiseErrno(-result));
    });
    const op: Abortable = { abort: () => finish(raiseOperationAborted) };
    file.track(op);
    return suspend(L, fiber, { cancellable: true, cancel: () => finish(raiseCanceled) });
  };
}

function tryLockMethod(cls: FileClass, kind: LockKind): LuaJsFunction {
  return (L) => {
    const file = checkFile(L, cls);
    const result = tryFlock(openFd(L, file), kind);
    if (typeof result === 'number') return raiseSystemError(L, -result);
    lua.lua_pushboolean(L, result);
    return 1;
  };
}

function commonMethods(cls: FileClass): Record<string, LuaJsFunction> {
  return {
    open(L) {
      const file = checkFile(L, cls);
      const path = checkPath(L, 2);
      const flags = openFlags(L, 3);
      if (file.isOpen) return raiseAlreadyOpen(L);
      let fd: number;
      try {
        // Asio creates files with mode 0777 (less the umask); libuv adds O_CLOEXEC.
        const answered = servedOpen(pathBuffer(path), flags | O_CLOEXEC, 0o777);
        if (answered !== undefined && answered < 0) return raiseSystemError(L, -answered);
        fd = answered ?? fs.openSync(pathBuffer(path), flags, 0o777);
      } catch (err) {
        return raiseSystemError(L, errnoOf(err));
      }
      adopt(L, file, fd);
      return 0;
    },
    close(L) {
      checkFile(L, cls).close();
      return 0;
    },
    cancel(L) {
      const file = checkFile(L, cls);
      openFd(L, file);
      file.cancelAll();
      return 0;
    },
    assign(L) {
      const file = checkFile(L, cls);
      const handle = checkFileDescriptor(L, 2);
      if (file.isOpen) return raiseAlreadyOpen(L);
      adopt(L, file, handle.release());
      return 0;
    },
    release(L) {
      const file = checkFile(L, cls);
      if (!file.isOpen) return raiseGenericError(L, E.EBADF);
      const fd = file.release();
      if (fd < 0) return raiseSystemError(L, -fd);
      pushFileDescriptor(L, fd);
      return 1;
    },
    resize(L) {
      const file = checkFile(L, cls);
      lauxlib.luaL_checktype(L, 2, lua.LUA_TNUMBER);
      const size = Math.trunc(lua.lua_tonumber(L, 2));
      const fd = openFd(L, file);
      if (!(size >= 0 && Number.isSafeInteger(size))) return raiseSystemError(L, E.EINVAL);
      try {
        fs.ftruncateSync(fd, size);
      } catch (err) {
        return raiseSystemError(L, errnoOf(err));
      }
      return 0;
    },
    lock: lockMethod(cls, 'exclusive'),
    lock_shared: lockMethod(cls, 'shared'),
    try_lock: tryLockMethod(cls, 'exclusive'),
    try_lock_shared: tryLockMethod(cls, 'shared'),
    unlock(L) {
      const file = checkFile(L, cls);
      const ret = unlockFlock(openFd(L, file));
      if (ret < 0) return raiseSystemError(L, -ret);
      return 0;
    },
  };
}

const SEEK_WHENCE: Readonly<Record<string, number>> = { set: 0, cur: 1, end: 2 };

const streamMethods: Record<string, LuaJsFunction> = {
  ...commonMethods(STREAM),
  seek(L) {
    const file = checkFile(L, STREAM);
    lauxlib.luaL_checktype(L, 2, lua.LUA_TNUMBER);
    lauxlib.luaL_checktype(L, 3, lua.LUA_TSTRING);
    const whence = toText(L, 3);
    if (!Object.hasOwn(SEEK_WHENCE, whence)) return raiseGenericError(L, E.EINVAL);
    const offset = checkIntegerIn(L, 2, RANGE.offset);
    const ret = loadAddon().fileSeek(openFd(L, file), offset, SEEK_WHENCE[whence]);
    if (ret < 0) return raiseSystemError(L, -ret);
    lua.lua_pushnumber(L, ret);
    return 1;
  },
  read_some(L) {
    const file = checkFile(L, STREAM);
    const span = checkByteSpan(L, 2);
    return transfer(L, file, span, 'read', null, false);
  },
  write_some(L) {
    const file = checkFile(L, STREAM);
    const span = checkByteSpan(L, 2);
    return transfer(L, file, span, 'write', null, false);
  },
};

const randomAccessMethods: Record<string, LuaJsFunction> = {
  ...commonMethods(RANDOM_ACCESS),
  read_some_at(L) {
    const file = checkFile(L, RANDOM_ACCESS);
    const offset = offsetArg(L, 2);
    const span = checkByteSpan(L, 3);
    return transfer(L, file, span, 'read', offset, true);
  },
  write_some_at(L) {
    const file = checkFile(L, RANDOM_ACCESS);
    const offset = offsetArg(L, 2);
    const span = checkByteSpan(L, 3);
    return transfer(L, file, span, 'write', offset, false);
  },
};

function installFileMetatable(L: LuaState, cls: FileClass, methods: Record<string, LuaJsFunction>): void {
  if (!lauxlib.luaL_newmetatable(L, cls.metatable)) {
    lua.lua_pop(L, 1);
    return;
  }
  setFunctions(L, -1, {
    __index(L) {
      const file = checkFile(L, cls);
      const key = indexKey(L);
      if (key === 'is_open') {
        lua.lua_pushboolean(L, file.isOpen);
        return 1;
      }
      if (key === 'size') {
        const fd = openFd(L, file);
        let size: number;
        try {
          size = fs.fstatSync(fd).size;
        } catch (err) {
          return raiseSystemError(L, errnoOf(err));
        }
        lua.lua_pushnumber(L, size);
        return 1;
      }
      if (!Object.hasOwn(methods, key)) return raiseRuntimeError(L, 'bad_index', { index: 2 });
      lua.lua_pushcfunction(L, methods[key]);
      return 1;
    },
  });
  lua.lua_pushstring(L, luaString(cls.name));
  lua.lua_setfield(L, -2, luaString('__metatable'));
  lua.lua_pop(L, 1);
}

function pushFileClass(L: LuaState, cls: FileClass, methods: Record<string, LuaJsFunction>): void {
  installFileMetatable(L, cls, methods);
  lua.lua_createtable(L, 0, 1);
  setFunctions(L, -1, {
    new(L) {
      const file = new FileObject(cls.kind);
      if (lua.lua_gettop(L) === 0) {
        pushUserdata(L, cls.name, file, cls.metatable);
        return 1;
      }
      const handle = checkFileDescriptor(L, 1);
      pushUserdata(L, cls.name, file, cls.metatable);
      lua.lua_replace(L, 1);
      adopt(L, file, handle.release());
      lua.lua_settop(L, 1);
      return 1;
    },
  });
}

export function openFileModule(L: LuaState): void {
  lua.lua_createtable(L, 0, 6);
  pushFileClass(L, STREAM, streamMethods);
  lua.lua_setfield(L, -2, luaString('stream'));
  pushFileClass(L, RANDOM_ACCESS, randomAccessMethods);
  lua.lua_setfield(L, -2, luaString('random_access'));
  openByteSpanModule(L);
  lua.lua_getfield(L, -1, luaString('append'));
  installComposedOperations(L, -3, -1);
  lua.lua_pop(L, 2);
}
