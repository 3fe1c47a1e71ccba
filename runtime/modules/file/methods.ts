// The methods of file.stream and file.random_access: open (blocking, as in
// Emilua), close, cancel, assign, release, resize, the locks, and each class's
// reads, writes and seek.

import * as fs from 'node:fs';
import { lua, lauxlib, toText, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { vmOf } from '../../fiber/vm-of';
import { raiseGenericError, raiseSystemError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import type { WakeAction } from '../../fiber/fiber';
import { prepareSuspension, suspend, raiseCanceled } from '../../fiber/suspension';
import { loadAddon } from '../../native/load-addon';
import { ioConstant } from '../../io/native';
import { raiseAlreadyOpen } from '../../io/errors';
import { checkByteSpan } from '../byte_span';
import { pushFileDescriptor, checkFileDescriptor } from '../../io/descriptor-object';
import { checkPath, pathBuffer } from '../../io/path-object';
import { errnoOf } from '../../errors/errno';
import { checkFlagList, checkIntegerIn, RANGE } from '../../errors/args';
import { Abortable } from './file-object';
import { LockWait, LockKind, tryFlock, unlockFlock } from './locks';
import { FileClass, STREAM, RANDOM_ACCESS, checkFile, openFd, adopt } from './file-class';
import { raiseOperationAborted, raiseErrno, transfer } from './transfer';
import { servedOpen } from '../../io/libc-service/gate';

/** libuv adds it to every open; the libc_service master sees what the kernel gets. */
const O_CLOEXEC = 0o2000000;

const E = errnoCodes;

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

export const streamMethods: Record<string, LuaJsFunction> = {
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

export const randomAccessMethods: Record<string, LuaJsFunction> = {
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
