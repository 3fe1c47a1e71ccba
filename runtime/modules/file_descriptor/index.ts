// file_descriptor: an owned OS file descriptor as a Lua object. Not
// constructible from Lua; other modules create them with pushFileDescriptor()
// and take them with checkFileDescriptor()/toFileDescriptor() + release(),
// from runtime/io/descriptor-object.ts; this file holds the methods.
//
// Methods: close (repeatable), dup, kcmp, is_socket, openat; properties
// non_blocking (read/write) and type; __tostring gives "/dev/fd/N". Once the
// descriptor is closed or handed over, every use but close() raises EBUSY.
// The descriptor is closed when the object is closed, when the collector
// finds it unreachable, or when its VM terminates (runtime/io/vm-resources.ts).

import { lua, lauxlib, luaString, pushText, toText, setFunctions, toUserdata, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { raiseGenericError, raiseSystemError, raiseRuntimeError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { einval } from '../../errors/args';
import { checkResult } from '../../errors/errno';
import { ioConstant } from '../../io/native';
import { loadAddon } from '../../native/load-addon';
import { adoptVmResource } from '../../io/vm-resources';
import { suspendOnIo } from '../../io/fiber-io';
import { vmOf } from '../../fiber/vm-of';
import { OwnedDescriptor } from '../../io/descriptor-handle';
import { checkFileDescriptor, pushFileDescriptor, pushDescriptorHandle, FILE_DESCRIPTOR_KIND, FILE_DESCRIPTOR_METATABLE } from '../../io/descriptor-object';
import { toPath, pathBuffer } from '../../io/path-object';

/** A filesystem.path argument as raw bytes, or undefined for anything else. */
function pathArg(L: LuaState, idx: number): Uint8Array | undefined {
  const path = toPath(L, idx);
  return path === undefined ? undefined : pathBuffer(path);
}

function checkOpen(L: LuaState, idx: number): number {
  return checkFileDescriptor(L, idx).fd;
}

const FILE_TYPES: ReadonlyArray<[string, string]> = [
  ['S_IFSOCK', 'socket'], ['S_IFLNK', 'symlink'], ['S_IFREG', 'regular'], ['S_IFBLK', 'block'],
  ['S_IFDIR', 'directory'], ['S_IFCHR', 'character'], ['S_IFIFO', 'fifo'],
];

function fileTypeName(mode: number): string {
  for (const [constant, name] of FILE_TYPES) if (ioConstant(constant) === mode) return name;
  return 'unknown';
}

const OPEN_FLAGS: Readonly<Record<string, string>> = {
  append: 'O_APPEND', create: 'O_CREAT', exclusive: 'O_EXCL', read_only: 'O_RDONLY', read_write: 'O_RDWR',
  sync_all_on_write: 'O_SYNC', truncate: 'O_TRUNC', write_only: 'O_WRONLY', directory: 'O_DIRECTORY',
  no_follow: 'O_NOFOLLOW', path: 'O_PATH', temporary: 'O_TMPFILE',
};

const RESOLVE_FLAGS: Readonly<Record<string, string>> = {
  resolve_beneath: 'RESOLVE_BENEATH', resolve_in_root: 'RESOLVE_IN_ROOT',
  resolve_no_magiclinks: 'RESOLVE_NO_MAGICLINKS', resolve_no_symlinks: 'RESOLVE_NO_SYMLINKS',
  resolve_no_xdev: 'RESOLVE_NO_XDEV', resolve_cached: 'RESOLVE_CACHED',
};

const SOCKET_FAMILIES: Readonly<Record<string, string>> = { unix: 'AF_UNIX', inet: 'AF_INET', inet6: 'AF_INET6' };
const SOCKET_TYPES: Readonly<Record<string, string>> = {
  stream: 'SOCK_STREAM', datagram: 'SOCK_DGRAM', seqpacket: 'SOCK_SEQPACKET',
};

function stringArg(L: LuaState, idx: number): string | undefined {
  return lua.lua_type(L, idx) === lua.LUA_TSTRING ? toText(L, idx) : undefined;
}

/** getsockopt(SOL_SOCKET, which) or a raised system error. */
function socketOption(L: LuaState, fd: number, which: 0 | 1 | 2): number {
  return checkResult(L, loadAddon().fdSocketOption(fd, which));
}

const isSocket: LuaJsFunction = (L) => {
  lua.lua_settop(L, 4);
  const fd = checkOpen(L, 1);
  const mode = checkResult(L, loadAddon().fdFileType(fd));
  if (mode !== ioConstant('S_IFSOCK')) {
    lua.lua_pushboolean(L, false);
    return 1;
  }
  const familyName = stringArg(L, 2);
  if (familyName === undefined || !Object.hasOwn(SOCKET_FAMILIES, familyName)) return einval(L, 2);
  const family = ioConstant(SOCKET_FAMILIES[familyName]);
  if (socketOption(L, fd, 0) !== family) {
    lua.lua_pushboolean(L, false);
    return 1;
  }
  let type: number | undefined;
  if (!lua.lua_isnil(L, 3)) {
    const typeName = stringArg(L, 3);
    if (typeName === undefined || !Object.hasOwn(SOCKET_TYPES, typeName)) return einval(L, 3);
    type = ioConstant(SOCKET_TYPES[typeName]);
    if (socketOption(L, fd, 1) !== type) {
      lua.lua_pushboolean(L, false);
      return 1;
    }
  }
  if (!lua.lua_isnil(L, 4)) {
    const protocolName = stringArg(L, 4);
    const inet = family === ioConstant('AF_INET') || family === ioConstant('AF_INET6');
    if (protocolName === undefined || type === undefined || !inet) return einval(L, 4);
    let protocol: number;
    if (protocolName === 'tcp' && type === ioConstant('SOCK_STREAM')) protocol = ioConstant('IPPROTO_TCP');
    else if (protocolName === 'udp' && type === ioConstant('SOCK_DGRAM')) protocol = ioConstant('IPPROTO_UDP');
    else return einval(L, 4);
    const actual = socketOption(L, fd, 2);
    if (actual !== protocol && actual !== 0) {
      lua.lua_pushboolean(L, false);
      return 1;
    }
  }
  lua.lua_pushboolean(L, true);
  return 1;
};

/** openat(self, path, flags[, mode]): suspends while the thread pool opens. */
const openat: LuaJsFunction = (L) => {
  lua.lua_settop(L, 4);
  const dirfd = checkOpen(L, 1);
  const path = pathArg(L, 2);
  if (path === undefined) return einval(L, 2);
  if (path.includes(0)) return einval(L, 2);
  if (lua.lua_type(L, 3) !== lua.LUA_TTABLE) return einval(L, 3);
  let flags = ioConstant('O_NOCTTY');
  let resolve = 0;
  for (let i = 1; ; i++) {
    const type = lua.lua_rawgeti(L, 3, i);
    if (type === lua.LUA_TNIL) {
      lua.lua_pop(L, 1);
      break;
    }
    const name = type === lua.LUA_TSTRING ? toText(L, -1) : undefined;
    lua.lua_pop(L, 1);
    if (name !== undefined && Object.hasOwn(OPEN_FLAGS, name)) flags |= ioConstant(OPEN_FLAGS[name]);
    else if (name !== undefined && Object.hasOwn(RESOLVE_FLAGS, name)) resolve |= ioConstant(RESOLVE_FLAGS[name]);
    else return einval(L, 3);
  }
  let mode = 0;
  switch (lua.lua_type(L, 4)) {
    case lua.LUA_TNIL:
      break;
    case lua.LUA_TNUMBER: {
      const n = Math.trunc(lua.lua_tonumber(L, 4));
      mode = Number.isFinite(n) ? n | 0 : 0;
      break;
    }
    default:
      return einval(L, 4);
  }
  // The new descriptor belongs to the VM from the moment it exists, so it is
  // closed even if the fiber never resumes to take it.
  let opened: OwnedDescriptor | null = null;
  return suspendOnIo(L, (done) => {
    const vm = vmOf(L);
    const ret = loadAddon().fdOpenatAsync(dirfd, path, flags, mode, resolve, (fd) => {
      if (fd >= 0 && vm.terminated) {
        // Nobody will ever take it.
        loadAddon().fdClose(fd);
      } else if (fd >= 0) {
        opened = new OwnedDescriptor(fd);
        adoptVmResource(L, opened);
      }
      done(fd);
    });
    if (ret < 0) done(ret);
    return { cancel: () => false };
  }, (L, result) => {
    if (result < 0 || opened === null) return raiseSystemError(L, -result);
    pushDescriptorHandle(L, opened);
    return 1;
  });
};

/** Capsicum is FreeBSD's: on Linux Emilua raises ENOSYS; `reason` says why. */
const capsicumOnly: LuaJsFunction = (L) =>
  raiseGenericError(L, errnoCodes.ENOSYS, { reason: 'Capsicum capabilities exist on FreeBSD only' });
const notImplemented: LuaJsFunction = (L) => raiseRuntimeError(L, 'not_implemented');

const methods: Record<string, LuaJsFunction> = {
  close(L) {
    const handle = toUserdata<OwnedDescriptor>(L, 1, FILE_DESCRIPTOR_KIND);
    if (handle === undefined) return einval(L, 1);
    handle.close();
    return 0;
  },
  dup(L) {
    const fd = checkOpen(L, 1);
    const copy = checkResult(L, loadAddon().fdDup(fd));
    pushFileDescriptor(L, copy);
    return 1;
  },
  kcmp(L) {
    lua.lua_settop(L, 2);
    const fd1 = checkOpen(L, 1);
    const fd2 = checkOpen(L, 2);
    const result = checkResult(L, loadAddon().fdKcmp(fd1, fd2));
    lua.lua_pushnumber(L, result);
    return 1;
  },
  is_socket: isSocket,
  openat,
  // Linux capabilities of a file need the linux_capabilities module.
  cap_get: notImplemented,
  cap_set: notImplemented,
  cap_rights_limit: capsicumOnly,
  cap_rights_contains: capsicumOnly,
  cap_rights_remove: capsicumOnly,
  cap_ioctls_limit: capsicumOnly,
  cap_ioctls_get: capsicumOnly,
  cap_fcntls_limit: capsicumOnly,
  cap_fcntls_get: capsicumOnly,
};

const properties: Record<string, LuaJsFunction> = {
  non_blocking(L) {
    const flags = checkResult(L, loadAddon().fdGetStatusFlags(checkOpen(L, 1)));
    lua.lua_pushboolean(L, (flags & ioConstant('O_NONBLOCK')) !== 0);
    return 1;
  },
  type(L) {
    const mode = checkResult(L, loadAddon().fdFileType(checkOpen(L, 1)));
    pushText(L, fileTypeName(mode));
    return 1;
  },
};

const metamethods: Record<string, LuaJsFunction> = {
  __index(L) {
    const key = stringArg(L, 2) ?? '';
    if (Object.hasOwn(methods, key)) {
      lua.lua_pushcfunction(L, methods[key]);
      return 1;
    }
    if (Object.hasOwn(properties, key)) return properties[key](L);
    return raiseRuntimeError(L, 'bad_index', { index: 2 });
  },
  __newindex(L) {
    if (stringArg(L, 2) !== 'non_blocking') return raiseRuntimeError(L, 'bad_index', { index: 2 });
    const fd = checkOpen(L, 1);
    if (lua.lua_type(L, 3) !== lua.LUA_TBOOLEAN) return einval(L, 3);
    checkResult(L, loadAddon().fdSetNonBlocking(fd, lua.lua_toboolean(L, 3)));
    return 0;
  },
  __tostring(L) {
    pushText(L, `/dev/fd/${checkOpen(L, 1)}`);
    return 1;
  },
};

/** Installs the metatable of file_descriptor objects (VM setup does, before any is pushed). */
export function installFileDescriptorMetatable(L: LuaState): void {
  if (lauxlib.luaL_newmetatable(L, FILE_DESCRIPTOR_METATABLE)) {
    setFunctions(L, -1, metamethods);
    pushText(L, 'file_descriptor');
    lua.lua_setfield(L, -2, luaString('__metatable'));
  }
  lua.lua_pop(L, 1);
}

/** require 'file_descriptor': the class cannot be constructed; the module is an empty table. */
export function openFileDescriptorModule(L: LuaState): void {
  lua.lua_createtable(L, 0, 0);
}
