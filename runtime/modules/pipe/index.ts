// require 'pipe': pair() and the read_stream/write_stream classes, each end
// an owned descriptor driven by runtime/io/async-fd.ts.
//
// An end switches its descriptor to O_NONBLOCK at the first operation (as
// Asio does) and switches it back when release() hands the descriptor out.
// close() and cancel() abort queued operations with operation_aborted
// (ECANCELED); closing also drops the descriptor, as does collecting the
// object or terminating its VM.

import { lua, lauxlib, luaString, setFunctions, pushUserdata, toUserdata, LuaState, LuaJsFunction, indexKey } from '../../lua/lua-api';
import { raiseGenericError, raiseSystemError, raiseRuntimeError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { checkSuspensionAllowed } from '../../fiber/suspension';
import { checkByteSpan } from '../byte_span';
import { checkFileDescriptor, pushFileDescriptor } from '../../io/descriptor-object';
import { loadAddon } from '../../native/load-addon';
import { AsyncFd } from '../../io/async-fd';
import { suspendOnIo, deliverCount } from '../../io/fiber-io';
import { raiseEofError, raiseAlreadyOpen } from '../../io/errors';
import { adoptVmResource, closeWithUserdata, disownVmResource, VmResource } from '../../io/vm-resources';
import { luaWrittenInEmilua } from '../../errors/lua-written';

type Direction = 'read' | 'write';

/** One end of a pipe as the Lua object holds it. */
export class PipeEnd implements VmResource {
  io: AsyncFd | null = null;

  constructor(readonly direction: Direction) {}

  get isOpen(): boolean {
    return this.io !== null;
  }

  /** Takes ownership of `fd`. */
  open(L: LuaState, fd: number): void {
    this.io = new AsyncFd(fd, { owned: true });
    adoptVmResource(L, this);
  }

  /** Aborts queued operations with operation_aborted; the descriptor stays. */
  cancel(): void {
    this.io?.abortAll(errnoCodes.ECANCELED);
  }

  close(): void {
    const async = this.io;
    if (async === null) return;
    this.io = null;
    disownVmResource(this);
    async.dispose(errnoCodes.ECANCELED, () => loadAddon().fdClose(async.fd));
  }

  /** Hands the descriptor out (in the blocking mode it had before this end used it). */
  release(): number {
    const async = this.io;
    if (async === null) return -1;
    this.io = null;
    disownVmResource(this);
    async.dispose(errnoCodes.ECANCELED, () => undefined);
    if (async.setNonBlockingOnOpen) loadAddon().fdSetNonBlocking(async.fd, false);
    return async.fd;
  }

  closeForVm(): void {
    const async = this.io;
    if (async === null) return;
    this.io = null;
    async.dispose(errnoCodes.ECANCELED, () => loadAddon().fdClose(async.fd));
  }
}

interface EndType {
  readonly direction: Direction;
  readonly kind: string;
  readonly metatable: Uint8Array;
}

const READ_END: EndType = { direction: 'read', kind: 'pipe.read_stream', metatable: luaString('emilua-ts pipe.read_stream') };
const WRITE_END: EndType = { direction: 'write', kind: 'pipe.write_stream', metatable: luaString('emilua-ts pipe.write_stream') };

function checkEnd(L: LuaState, type: EndType): PipeEnd {
  const end = toUserdata<PipeEnd>(L, 1, type.kind);
  if (end === undefined) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
  return end;
}

function pushEnd(L: LuaState, type: EndType, fd: number | null): PipeEnd {
  ensureMetatable(L, type);
  const end = new PipeEnd(type.direction);
  pushUserdata(L, type.kind, end, type.metatable);
  if (fd !== null) {
    end.open(L, fd);
    closeWithUserdata(L, -1, end);
  }
  return end;
}

const readSome: LuaJsFunction = luaWrittenInEmilua((L: LuaState) => {
  checkSuspensionAllowed(L, false);
  const end = checkEnd(L, READ_END);
  const bytes = checkByteSpan(L, 2).bytes;
  return suspendOnIo(L, (done) => {
    if (end.io === null) {
      done(-errnoCodes.EBADF);
      return { cancel: () => false };
    }
    return end.io.read(bytes, done);
  }, (L, result) => {
    if (result === 0 && bytes.length > 0) return raiseEofError(L);
    return deliverCount(L, result);
  });
});

const writeSome: LuaJsFunction = luaWrittenInEmilua((L: LuaState) => {
  checkSuspensionAllowed(L, false);
  const end = checkEnd(L, WRITE_END);
  const bytes = checkByteSpan(L, 2).bytes;
  return suspendOnIo(L, (done) => {
    if (end.io === null) {
      done(-errnoCodes.EBADF);
      return { cancel: () => false };
    }
    return end.io.write(bytes, done);
  }, deliverCount);
});

function endMethods(type: EndType): Record<string, LuaJsFunction> {
  return {
    close(L) {
      checkEnd(L, type).close();
      return 0;
    },
    cancel(L) {
      checkEnd(L, type).cancel();
      return 0;
    },
    assign(L) {
      const end = checkEnd(L, type);
      const handle = checkFileDescriptor(L, 2);
      if (end.isOpen) return raiseAlreadyOpen(L);
      const fd = handle.release();
      end.open(L, fd);
      closeWithUserdata(L, 1, end);
      return 0;
    },
    release(L) {
      const end = checkEnd(L, type);
      if (!end.isOpen) return raiseGenericError(L, errnoCodes.EBADF);
      pushFileDescriptor(L, end.release());
      return 1;
    },
    ...(type.direction === 'read' ? { read_some: readSome } : { write_some: writeSome }),
  };
}

function ensureMetatable(L: LuaState, type: EndType): void {
  if (lauxlib.luaL_newmetatable(L, type.metatable)) {
    const methods = endMethods(type);
    setFunctions(L, -1, {
      __index(L) {
        const end = checkEnd(L, type);
        const key = indexKey(L);
        if (key === 'is_open') {
          lua.lua_pushboolean(L, end.isOpen);
          return 1;
        }
        if (!Object.hasOwn(methods, key)) return raiseRuntimeError(L, 'bad_index', { index: 2 });
        lua.lua_pushcfunction(L, methods[key]);
        return 1;
      },
    });
    lua.lua_pushstring(L, luaString(type.kind));
    lua.lua_setfield(L, -2, luaString('__metatable'));
  }
  lua.lua_pop(L, 1);
}

function pushEndClass(L: LuaState, type: EndType): void {
  lua.lua_createtable(L, 0, 1);
  setFunctions(L, -1, {
    new(L) {
      if (lua.lua_gettop(L) === 0) {
        pushEnd(L, type, null);
        return 1;
      }
      const fd = checkFileDescriptor(L, 1).release();
      pushEnd(L, type, fd);
      return 1;
    },
  });
}

export function openPipeModule(L: LuaState): void {
  lua.lua_createtable(L, 0, 3);
  setFunctions(L, -1, {
    pair(L) {
      const fds = loadAddon().fdPipe(false);
      if (typeof fds === 'number') return raiseSystemError(L, -fds);
      pushEnd(L, READ_END, fds[0]);
      pushEnd(L, WRITE_END, fds[1]);
      return 2;
    },
  });
  pushEndClass(L, READ_END);
  lua.lua_setfield(L, -2, luaString('read_stream'));
  pushEndClass(L, WRITE_END);
  lua.lua_setfield(L, -2, luaString('write_stream'));
}
