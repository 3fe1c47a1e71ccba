// system.in_, system.out, system.err: the process's standard streams as
// stream-like objects (the `self` argument of their methods is ignored).
//
// read_some/write_some suspend the fiber and never block Node's loop: the
// descriptors are not ours, so their flags are left alone and each is driven
// by one process-wide AsyncFd (runtime/io/async-fd.ts): readiness
// notifications for pipes, terminals and sockets, the thread pool for
// regular files. dup() gives a file_descriptor; dup_from(fd) (master VM only)
// puts a copy of fd in the stream's place, as dup2(2).

import { lua, lauxlib, luaString, pushUserdata, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { raiseGenericError, raiseSystemError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { checkSuspensionAllowed } from '../../fiber/suspension';
import { checkByteSpan } from '../byte_span';
import { checkFileDescriptor, pushFileDescriptor } from '../../io/descriptor-object';
import { loadAddon } from '../../native/load-addon';
import { AsyncFd } from '../../io/async-fd';
import { suspendOnIo, deliverCount } from '../../io/fiber-io';
import { raiseEofError } from '../../io/errors';
import { requireMaster } from './master';
import { setMethodTable } from '../../errors/method-index';
import { luaWrittenInEmilua } from '../../errors/lua-written';

const streams = new Map<number, AsyncFd>();

function streamFor(fd: number): AsyncFd {
  let stream = streams.get(fd);
  if (stream === undefined) {
    stream = new AsyncFd(fd, { owned: false });
    streams.set(fd, stream);
  }
  return stream;
}

/** After dup_from: the descriptor number now names another file. */
function forgetStream(fd: number): void {
  const stream = streams.get(fd);
  if (stream === undefined) return;
  streams.delete(fd);
  stream.dispose(errnoCodes.ECANCELED, () => undefined);
}

function readSome(fd: number): LuaJsFunction {
  return luaWrittenInEmilua((L: LuaState) => {
    checkSuspensionAllowed(L, false);
    const bytes = checkByteSpan(L, 2).bytes;
    return suspendOnIo(L, (done) => streamFor(fd).read(bytes, done), (L, result) => {
      if (result === 0 && bytes.length > 0) return raiseEofError(L);
      return deliverCount(L, result);
    });
  });
}

function writeSome(fd: number): LuaJsFunction {
  return luaWrittenInEmilua((L: LuaState) => {
    checkSuspensionAllowed(L, false);
    const bytes = checkByteSpan(L, 2).bytes;
    return suspendOnIo(L, (done) => streamFor(fd).write(bytes, done), deliverCount);
  });
}

function streamMethods(fd: number): Record<string, LuaJsFunction> {
  return {
    ...(fd === 0 ? { read_some: readSome(fd) } : { write_some: writeSome(fd) }),
    dup(L) {
      const copy = loadAddon().fdDup(fd);
      if (copy < 0) return raiseSystemError(L, -copy);
      pushFileDescriptor(L, copy);
      return 1;
    },
    dup_from(L) {
      requireMaster(L);
      const source = checkFileDescriptor(L, 2).fd;
      // The readiness registration belongs to the file the number names now.
      forgetStream(fd);
      const ret = loadAddon().fdDupOnto(source, fd);
      if (ret < 0) return raiseSystemError(L, -ret);
      return 0;
    },
    isatty(L) {
      lua.lua_pushboolean(L, loadAddon().fdIsatty(fd) === 1);
      return 1;
    },
    tcgetpgrp(L) {
      const pgid = loadAddon().fdTcgetpgrp(fd);
      if (pgid < 0) return raiseSystemError(L, -pgid);
      lua.lua_pushnumber(L, pgid);
      return 1;
    },
    tcsetpgrp(L) {
      if (lua.lua_type(L, 2) !== lua.LUA_TNUMBER) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 2 });
      const ret = loadAddon().fdTcsetpgrp(fd, Math.trunc(lua.lua_tonumber(L, 2)) | 0);
      if (ret < 0) return raiseSystemError(L, -ret);
      return 0;
    },
  };
}

const NAMES = ['in_', 'out', 'err'];
/** Registry names, made once: pushUserdata caches metatables by key identity. */
const METATABLE_KEYS = NAMES.map((name) => luaString(`emilua-ts system.${name}`));

/** Pushes the object for standard descriptor 0, 1 or 2. */
export function pushStdStream(L: LuaState, fd: 0 | 1 | 2): void {
  const kind = `system.${NAMES[fd]}`;
  const metatable = METATABLE_KEYS[fd];
  if (lauxlib.luaL_newmetatable(L, metatable)) {
    const methods = streamMethods(fd);
    setMethodTable(L, -1, methods);
    lua.lua_pushstring(L, luaString(kind));
    lua.lua_setfield(L, -2, luaString('__metatable'));
  }
  lua.lua_pop(L, 1);
  pushUserdata(L, kind, fd, metatable);
}
