// stat(2)/lstat(2) through Node (nanosecond BigInt fields), and the small
// objects built from them: file_status (`type`, `mode`) and space_info
// (`capacity`, `free`, `available`). Both compare with == by value.

import * as fs from 'node:fs';
import { lua, luaString, setFunctions, pushUserdata, toUserdata, lauxlib, LuaState, LuaJsFunction, indexKey } from '../../lua/lua-api';
import { raiseRuntimeError } from '../../errors/error-object';
import { sys, SysFailure } from './failures';
import { pathBuffer } from '../../io/path-object';
import type { BytePath } from '../../io/path-logic';
import { servedStat } from '../../io/libc-service/gate';
import type { StatValues } from '../../io/libc-service/calls';

export type FileType = 'regular' | 'directory' | 'symlink' | 'block' | 'character' | 'fifo' | 'socket' | 'unknown';

const S_IFMT = 0o170000;
const TYPES: ReadonlyMap<number, FileType> = new Map<number, FileType>([
  [0o100000, 'regular'],
  [0o040000, 'directory'],
  [0o120000, 'symlink'],
  [0o060000, 'block'],
  [0o020000, 'character'],
  [0o010000, 'fifo'],
  [0o140000, 'socket'],
]);

export function fileTypeOf(mode: bigint | number): FileType {
  return TYPES.get(Number(mode) & S_IFMT) ?? 'unknown';
}

/** Permission bits (and set-id/sticky bits) of st_mode. */
export function permissionsOf(mode: bigint | number): number {
  return Number(mode) & 0o7777;
}

/** ENOENT and ENOTDIR: the errors that mean "nothing is there". */
export function isNotFound(failure: SysFailure): boolean {
  return failure.errno === 2 || failure.errno === 20;
}

export function stat(path: BytePath): fs.BigIntStats | SysFailure {
  const served = servedStat(pathBuffer(path), true);
  if (served !== undefined) return typeof served === 'number' ? new SysFailure(-served) : statsOf(served);
  return sys(() => fs.statSync(pathBuffer(path), { bigint: true }));
}

export function lstat(path: BytePath): fs.BigIntStats | SysFailure {
  const served = servedStat(pathBuffer(path), false);
  if (served !== undefined) return typeof served === 'number' ? new SysFailure(-served) : statsOf(served);
  return sys(() => fs.lstatSync(pathBuffer(path), { bigint: true }));
}

/** A libc_service master's stat answer in the shape of Node's BigIntStats (the fields this module reads). */
function statsOf(v: StatValues): fs.BigIntStats {
  const NS = 1_000_000n;
  const values = {
    dev: v.dev, ino: v.ino, mode: BigInt(v.mode), nlink: v.nlink, uid: v.uid, gid: v.gid, rdev: v.rdev,
    size: v.size, blksize: v.blksize, blocks: v.blocks,
    atimeNs: v.atimeNs, mtimeNs: v.mtimeNs, ctimeNs: v.ctimeNs, birthtimeNs: 0n,
    atimeMs: v.atimeNs / NS, mtimeMs: v.mtimeNs / NS, ctimeMs: v.ctimeNs / NS, birthtimeMs: 0n,
  };
  return values as unknown as fs.BigIntStats;
}

// --- file_status

const STATUS_KIND = 'filesystem.file_status';
const STATUS_METATABLE = luaString('emilua-ts filesystem.file_status');

class FileStatus {
  constructor(readonly type: FileType, readonly mode: number) {}
}

const statusMetamethods: Record<string, LuaJsFunction> = {
  __index(L) {
    const status = toUserdata<FileStatus>(L, 1, STATUS_KIND) as FileStatus;
    const key = indexKey(L);
    if (key === 'type') {
      lua.lua_pushstring(L, luaString(status.type));
      return 1;
    }
    if (key === 'mode') {
      lua.lua_pushnumber(L, status.mode);
      return 1;
    }
    return raiseRuntimeError(L, 'bad_index', { index: 2 });
  },
  __eq(L) {
    const a = toUserdata<FileStatus>(L, 1, STATUS_KIND);
    const b = toUserdata<FileStatus>(L, 2, STATUS_KIND);
    lua.lua_pushboolean(L, a !== undefined && b !== undefined && a.type === b.type && a.mode === b.mode);
    return 1;
  },
};

export function pushFileStatus(L: LuaState, st: fs.BigIntStats): void {
  if (lauxlib.luaL_newmetatable(L, STATUS_METATABLE)) {
    setFunctions(L, -1, statusMetamethods);
    lua.lua_pushstring(L, luaString('filesystem.file_status'));
    lua.lua_setfield(L, -2, luaString('__metatable'));
  }
  lua.lua_pop(L, 1);
  pushUserdata(L, STATUS_KIND, new FileStatus(fileTypeOf(st.mode), permissionsOf(st.mode)), STATUS_METATABLE);
}

// --- space_info

const SPACE_KIND = 'filesystem.space_info';
const SPACE_METATABLE = luaString('emilua-ts filesystem.space_info');

export interface SpaceInfo {
  readonly capacity: number;
  readonly free: number;
  readonly available: number;
}

const spaceMetamethods: Record<string, LuaJsFunction> = {
  __index(L) {
    const space = toUserdata<SpaceInfo>(L, 1, SPACE_KIND) as SpaceInfo;
    const key = indexKey(L);
    if (key !== 'capacity' && key !== 'free' && key !== 'available') {
      return raiseRuntimeError(L, 'bad_index', { index: 2 });
    }
    lua.lua_pushnumber(L, space[key]);
    return 1;
  },
  __eq(L) {
    const a = toUserdata<SpaceInfo>(L, 1, SPACE_KIND);
    const b = toUserdata<SpaceInfo>(L, 2, SPACE_KIND);
    lua.lua_pushboolean(L, a !== undefined && b !== undefined &&
      a.capacity === b.capacity && a.free === b.free && a.available === b.available);
    return 1;
  },
};

export function pushSpaceInfo(L: LuaState, space: SpaceInfo): void {
  if (lauxlib.luaL_newmetatable(L, SPACE_METATABLE)) {
    setFunctions(L, -1, spaceMetamethods);
    lua.lua_pushstring(L, luaString('filesystem.space_info'));
    lua.lua_setfield(L, -2, luaString('__metatable'));
  }
  lua.lua_pop(L, 1);
  pushUserdata(L, SPACE_KIND, space, SPACE_METATABLE);
}
