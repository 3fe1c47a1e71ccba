// require 'filesystem' (Emilua 0.11): path objects, the file clock, directory
// iteration and the filesystem operations. Every operation is a blocking
// call, as it is in Emilua (docs/compat.md). Paths are bytes end to end.

import * as fs from 'node:fs';
import { lua, luaString, toText, setFunctions, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { raiseGenericError, raiseRuntimeError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { checkFlagList, checkIntegerIn, checkPermissions, RANGE } from '../../errors/args';
import { loadAddon } from '../../native/load-addon';
import { ioConstant } from '../../io/native';
import { pushFileDescriptor, toFileDescriptor } from '../../io/descriptor-object';
import { check, native, served, sys, raiseFsError, SysFailure } from './failures';
import { servedOpen, servedRename, servedMkdir } from '../../io/libc-service/gate';

/** What libuv adds to every open; the libc_service master sees the flags the kernel gets. */
const O_CLOEXEC = 0o2000000;
import { requireMaster } from '../system/master';
import { checkPath, pushPath, pushPathClass, pathBuffer, installPathMetatable } from '../../io/path-object';
import { pushFileClock, pushFileTime, checkFileTime, ticksFromUnixNs, unixNsFromTicks } from './clock';
import { stat, lstat, fileTypeOf, pushFileStatus, pushSpaceInfo, FileType } from './stat';
import { directoryIterator, recursiveDirectoryIterator } from './iterators';
import * as ops from './operations';
import type { BytePath } from '../../io/path-logic';

export { pushPath, pushPathBytes, toPath, checkPath, pathBuffer } from '../../io/path-object';
export type { BytePath } from '../../io/path-logic';

const E = errnoCodes;

/** A function of one path argument whose failure names that path. */
function onPath<T>(run: (path: BytePath) => T | SysFailure, push: (L: LuaState, value: T) => void): LuaJsFunction {
  return (L) => {
    const path = checkPath(L, 1);
    push(L, check(L, run(path), 'generic', path));
    return 1;
  };
}

/** A function of two path arguments, returning nothing; failures name both paths. */
function onTwoPaths(flavour: 'generic' | 'system', run: (a: BytePath, b: BytePath) => unknown): LuaJsFunction {
  return (L) => {
    const a = checkPath(L, 1);
    const b = checkPath(L, 2);
    check(L, run(a, b), flavour, a, b);
    return 0;
  };
}

const pushBool = (L: LuaState, value: boolean): void => lua.lua_pushboolean(L, value);
const pushNumber = (L: LuaState, value: number): void => lua.lua_pushnumber(L, value);
const pushAPath = (L: LuaState, value: BytePath): void => pushPath(L, value);

function typePredicate(follow: boolean, accept: (type: FileType) => boolean): LuaJsFunction {
  return onPath((path) => {
    const st = follow ? stat(path) : lstat(path);
    return ops.failed(st) ? st : accept(fileTypeOf(st.mode));
  }, pushBool);
}

const ON_EXISTING: Record<string, ops.OnExisting> = { skip: 'skip', overwrite: 'overwrite', update: 'update' };

/** An optional string option: nil gives `fallback`; anything outside `choices` raises EINVAL naming `arg`. */
function choice<T>(L: LuaState, idx: number, choices: Record<string, T>, fallback: T, arg: string | number): T {
  const type = lua.lua_type(L, idx);
  if (type === lua.LUA_TNIL || type === lua.LUA_TNONE) return fallback;
  const key = type === lua.LUA_TSTRING ? toText(L, idx) : '';
  if (!Object.hasOwn(choices, key)) return raiseGenericError(L, E.EINVAL, { arg });
  return choices[key];
}

function tableChoice<T>(L: LuaState, optsIdx: number, field: string, choices: Record<string, T>, fallback: T): T {
  lua.lua_getfield(L, optsIdx, luaString(field));
  const value = choice(L, -1, choices, fallback, field);
  lua.lua_pop(L, 1);
  return value;
}

function copyOptions(L: LuaState, idx: number): ops.CopyOptions {
  const options: ops.CopyOptions = { existing: 'error', recursive: false, symlinks: 'follow', copy: 'contents' };
  const type = lua.lua_type(L, idx);
  if (type === lua.LUA_TNIL || type === lua.LUA_TNONE) return options;
  if (type !== lua.LUA_TTABLE) return raiseGenericError(L, E.EINVAL, { arg: idx });
  options.existing = tableChoice(L, idx, 'existing', ON_EXISTING, 'error');
  lua.lua_getfield(L, idx, luaString('recursive'));
  const recursiveType = lua.lua_type(L, -1);
  if (recursiveType !== lua.LUA_TNIL && recursiveType !== lua.LUA_TBOOLEAN) raiseGenericError(L, E.EINVAL, { arg: 'recursive' });
  options.recursive = lua.lua_toboolean(L, -1);
  lua.lua_pop(L, 1);
  options.symlinks = tableChoice(L, idx, 'symlinks', { copy: 'copy', skip: 'skip' } as const, 'follow');
  options.copy = tableChoice(L, idx, 'copy', {
    directories_only: 'directories_only', create_symlinks: 'create_symlinks', create_hardlinks: 'create_hardlinks',
  } as const, 'contents');
  return options;
}

/** The optional `base` of relative()/proximate(): a path, or the working directory. */
function baseArg(L: LuaState, path: BytePath): BytePath {
  const type = lua.lua_type(L, 2);
  if (type === lua.LUA_TNIL || type === lua.LUA_TNONE) return check(L, ops.currentPath(), 'generic', path);
  return checkPath(L, 2);
}

const functions: Record<string, LuaJsFunction> = {
  directory_iterator: directoryIterator,
  recursive_directory_iterator: recursiveDirectoryIterator,

  absolute: onPath(ops.absolute, pushAPath),
  canonical: onPath(ops.canonical, pushAPath),
  weakly_canonical: onPath(ops.weaklyCanonical, pushAPath),
  relative(L) {
    const path = checkPath(L, 1);
    const base = baseArg(L, path);
    pushPath(L, check(L, ops.relative(path, base), 'generic', path, base));
    return 1;
  },
  proximate(L) {
    const path = checkPath(L, 1);
    const base = baseArg(L, path);
    pushPath(L, check(L, ops.proximate(path, base), 'generic', path, base));
    return 1;
  },

  last_write_time(L) {
    const path = checkPath(L, 1);
    if (lua.lua_isnoneornil(L, 2)) {
      pushFileTime(L, ticksFromUnixNs(check(L, stat(path), 'generic', path).mtimeNs));
      return 1;
    }
    const tp = checkFileTime(L, 2);
    check(L, ops.setModificationTime(path, unixNsFromTicks(tp.ticks)), 'generic', path);
    return 0;
  },

  copy(L) {
    const from = checkPath(L, 1);
    const to = checkPath(L, 2);
    const options = copyOptions(L, 3);
    check(L, ops.copy(from, to, options), 'generic', from, to);
    return 0;
  },
  copy_file(L) {
    const from = checkPath(L, 1);
    const to = checkPath(L, 2);
    const onExisting = choice(L, 3, ON_EXISTING, 'error', 3);
    lua.lua_pushboolean(L, check(L, ops.copyFile(from, to, onExisting), 'generic', from, to));
    return 1;
  },
  copy_symlink: onTwoPaths('generic', ops.copySymlink),

  create_directory(L) {
    const path = checkPath(L, 1);
    if (lua.lua_isnoneornil(L, 2)) {
      lua.lua_pushboolean(L, check(L, ops.createDirectory(path), 'generic', path));
      return 1;
    }
    const existing = checkPath(L, 2);
    lua.lua_pushboolean(L, check(L, ops.createDirectory(path, existing), 'generic', path, existing));
    return 1;
  },
  create_directories: onPath(ops.createDirectories, pushBool),
  create_hardlink: onTwoPaths('generic', (target, link) => sys(() => fs.linkSync(pathBuffer(target), pathBuffer(link)))),
  create_symlink: onTwoPaths('generic', (target, link) => sys(() => fs.symlinkSync(pathBuffer(target), pathBuffer(link)))),
  create_directory_symlink: onTwoPaths('generic',
    (target, link) => sys(() => fs.symlinkSync(pathBuffer(target), pathBuffer(link)))),

  mkdir(L) {
    const path = checkPath(L, 1);
    const mode = checkPermissions(L, 2);
    check(L, served(servedMkdir(pathBuffer(path), mode)) ?? sys(() => fs.mkdirSync(pathBuffer(path), { mode })), 'system', path);
    return 0;
  },
  mkfifo(L) {
    const path = checkPath(L, 1);
    const mode = checkPermissions(L, 2);
    check(L, native(loadAddon().fsMknod(pathBuffer(path), (mode | 0o010000) >>> 0, 0)), 'system', path);
    return 0;
  },
  mknod(L) {
    const path = checkPath(L, 1);
    let mode = checkIntegerIn(L, 2, RANGE.mode);
    const dev = checkIntegerIn(L, 3, RANGE.size);
    mode = (mode | choice(L, 4, { character: 0o020000, block: 0o060000 }, 0, 4)) >>> 0;
    check(L, native(loadAddon().fsMknod(pathBuffer(path), mode, dev)), 'system', path);
    return 0;
  },
  makedev(L) {
    const major = checkIntegerIn(L, 1, RANGE.uint32);
    const minor = checkIntegerIn(L, 2, RANGE.uint32);
    lua.lua_pushnumber(L, loadAddon().fsMakedev(major, minor));
    return 1;
  },
  dev_major(L) {
    lua.lua_pushnumber(L, loadAddon().fsDevMajor(checkIntegerIn(L, 1, RANGE.size)));
    return 1;
  },
  dev_minor(L) {
    lua.lua_pushnumber(L, loadAddon().fsDevMinor(checkIntegerIn(L, 1, RANGE.size)));
    return 1;
  },

  equivalent(L) {
    const a = checkPath(L, 1);
    const b = checkPath(L, 2);
    lua.lua_pushboolean(L, check(L, ops.equivalent(a, b), 'generic', a, b));
    return 1;
  },
  file_size: onPath(ops.fileSize, pushNumber),
  hardlink_count: onPath((path) => {
    const st = stat(path);
    return ops.failed(st) ? st : Number(st.nlink);
  }, pushNumber),

  chown: ownership(false),
  lchown: ownership(true),
  chmod(L) {
    const path = checkPath(L, 1);
    const mode = checkPermissions(L, 2);
    check(L, sys(() => fs.chmodSync(pathBuffer(path), mode)), 'generic', path);
    return 0;
  },
  lchmod(L) {
    const path = checkPath(L, 1);
    const mode = checkPermissions(L, 2);
    check(L, native(loadAddon().fsLchmod(pathBuffer(path), mode)), 'generic', path);
    return 0;
  },

  read_symlink: onPath(ops.readSymlink, pushAPath),
  remove: onPath(ops.remove, pushBool),
  remove_all: onPath(ops.removeAll, pushNumber),
  rename: onTwoPaths('generic', (from, to) =>
    served(servedRename(pathBuffer(from), pathBuffer(to))) ?? sys(() => fs.renameSync(pathBuffer(from), pathBuffer(to)))),
  resize_file(L) {
    const path = checkPath(L, 1);
    const size = checkIntegerIn(L, 2, RANGE.offset);
    if (size < 0) return raiseFsError(L, 'generic', E.EINVAL, path);
    check(L, native(loadAddon().fsTruncate(pathBuffer(path), size)), 'generic', path);
    return 0;
  },
  is_empty: onPath(ops.isEmpty, pushBool),

  current_working_directory(L) {
    if (lua.lua_isnoneornil(L, 1)) {
      pushPath(L, check(L, ops.currentPath(), 'generic'));
      return 1;
    }
    requireMaster(L);
    const descriptor = toFileDescriptor(L, 1);
    if (descriptor !== undefined) {
      if (descriptor.fd === -1) return raiseGenericError(L, E.EBUSY);
      check(L, native(loadAddon().fsFchdir(descriptor.fd)), 'system');
    } else {
      const path = checkPath(L, 1);
      check(L, native(loadAddon().fsChdir(pathBuffer(path))), 'generic', path);
    }
    ops.forgetCachedWorkingDirectory();
    return 0;
  },
  chroot(L) {
    requireMaster(L);
    const path = checkPath(L, 1);
    check(L, native(loadAddon().fsChroot(pathBuffer(path))), 'system', path);
    return 0;
  },

  exists: onPath(ops.exists, pushBool),
  is_block_device: typePredicate(true, (t) => t === 'block'),
  is_character_device: typePredicate(true, (t) => t === 'character'),
  is_directory: typePredicate(true, (t) => t === 'directory'),
  is_fifo: typePredicate(true, (t) => t === 'fifo'),
  is_other: typePredicate(true, ops.isOther),
  is_regular_file: typePredicate(true, (t) => t === 'regular'),
  is_socket: typePredicate(true, (t) => t === 'socket'),
  is_symlink: typePredicate(false, (t) => t === 'symlink'),

  space(L) {
    const path = checkPath(L, 1);
    const st = check(L, sys(() => fs.statfsSync(pathBuffer(path), { bigint: true })), 'generic', path);
    pushSpaceInfo(L, {
      capacity: Number(st.blocks * st.bsize),
      free: Number(st.bfree * st.bsize),
      available: Number(st.bavail * st.bsize),
    });
    return 1;
  },
  status(L) {
    const path = checkPath(L, 1);
    pushFileStatus(L, check(L, stat(path), 'generic', path));
    return 1;
  },
  symlink_status(L) {
    const path = checkPath(L, 1);
    pushFileStatus(L, check(L, lstat(path), 'generic', path));
    return 1;
  },
  temp_directory_path(L) {
    const result = ops.temporaryDirectory();
    pushPath(L, check(L, result, 'generic'));
    return 1;
  },
  umask(L) {
    requireMaster(L);
    const mask = checkPermissions(L, 1);
    lua.lua_pushnumber(L, loadAddon().fsUmask(mask));
    return 1;
  },

  open(L) {
    const path = checkPath(L, 1);
    const flags = openFlags(L, 2);
    let mode = 0;
    if (!lua.lua_isnoneornil(L, 3)) mode = checkPermissions(L, 3);
    const fd = check(L, served(servedOpen(pathBuffer(path), flags | O_CLOEXEC, mode)) ?? sys(() => fs.openSync(pathBuffer(path), flags, mode)), 'system', path);
    pushFileDescriptor(L, fd);
    return 1;
  },

  mode(L) {
    const user = checkIntegerIn(L, 1, RANGE.int32);
    const group = checkIntegerIn(L, 2, RANGE.int32);
    const other = checkIntegerIn(L, 3, RANGE.int32);
    lua.lua_pushnumber(L, (user << 6) | (group << 3) | other);
    return 1;
  },

  // Linux capabilities of files need the linux_capabilities objects, which
  // emilua-ts does not have yet.
  cap_get_file: (L) => raiseRuntimeError(L, 'not_implemented'),
  cap_set_file: (L) => raiseRuntimeError(L, 'not_implemented'),
};

const OPEN_FLAGS: Readonly<Record<string, string>> = {
  append: 'O_APPEND', create: 'O_CREAT', exclusive: 'O_EXCL', read_only: 'O_RDONLY', read_write: 'O_RDWR',
  sync_all_on_write: 'O_SYNC', temporary: 'O_TMPFILE', truncate: 'O_TRUNC', write_only: 'O_WRONLY',
  directory: 'O_DIRECTORY', no_follow: 'O_NOFOLLOW', path: 'O_PATH',
};

/** open()'s flag list; O_NOCTTY is always added (and libuv adds O_CLOEXEC). */
function openFlags(L: LuaState, idx: number): number {
  return checkFlagList(L, idx, OPEN_FLAGS, ioConstant, ioConstant('O_NOCTTY'));
}

function ownership(noFollow: boolean): LuaJsFunction {
  return (L) => {
    const path = checkPath(L, 1);
    // -1 (or 2^32 - 1) keeps the owner or group; anything else must be a uid_t/gid_t.
    const uid = checkIntegerIn(L, 2, RANGE.id) >>> 0;
    const gid = checkIntegerIn(L, 3, RANGE.id) >>> 0;
    const toId = (id: number) => (id === 0xffffffff ? -1 : id);
    const change = noFollow ? fs.lchownSync : fs.chownSync;
    check(L, sys(() => change(pathBuffer(path), toId(uid), toId(gid))), 'system', path);
    return 0;
  };
}

export function openFilesystemModule(L: LuaState): void {
  installPathMetatable(L);
  lua.lua_createtable(L, 0, 64);
  setFunctions(L, -1, functions);
  pushPathClass(L);
  lua.lua_setfield(L, -2, luaString('path'));
  pushFileClock(L);
  lua.lua_setfield(L, -2, luaString('clock'));
}
