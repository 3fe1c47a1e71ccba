// directory_iterator, recursive_directory_iterator and directory_entry.
// Each directory is listed whole when the iteration reaches it (readdir
// order, "." and ".." left out); entries then report their attributes on
// demand, as std::filesystem::directory_entry does.

import * as fs from 'node:fs';
import { lua, lauxlib, luaString, setFunctions, pushUserdata, toUserdata, LuaState, LuaJsFunction, indexKey } from '../../lua/lua-api';
import { raiseGenericError, raiseRuntimeError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { sys, check, SysFailure } from './failures';
import { checkPath, pushPath, pathBuffer } from '../../io/path-object';
import { stat, lstat, fileTypeOf, pushFileStatus } from './stat';
import { pushFileTime, ticksFromUnixNs } from './clock';
import { fileSize, failed } from './operations';
import * as P from '../../io/path-logic';
import type { BytePath } from '../../io/path-logic';

// --- directory_entry

const ENTRY_KIND = 'filesystem.directory_entry';
const ENTRY_METATABLE = luaString('emilua-ts filesystem.directory_entry');

class DirectoryEntry {
  constructor(readonly path: BytePath) {}
}

function checkEntry(L: LuaState, idx: number): DirectoryEntry {
  const entry = toUserdata<DirectoryEntry>(L, idx, ENTRY_KIND);
  return entry === undefined ? raiseGenericError(L, errnoCodes.EINVAL, { arg: idx }) : entry;
}

const entryProperties: Record<string, (L: LuaState, entry: DirectoryEntry) => void> = {
  path(L, entry) {
    pushPath(L, entry.path);
  },
  file_size(L, entry) {
    lua.lua_pushnumber(L, check(L, fileSize(entry.path), 'generic', entry.path));
  },
  hardlink_count(L, entry) {
    lua.lua_pushnumber(L, Number(check(L, stat(entry.path), 'generic', entry.path).nlink));
  },
  last_write_time(L, entry) {
    pushFileTime(L, ticksFromUnixNs(check(L, stat(entry.path), 'generic', entry.path).mtimeNs));
  },
  status(L, entry) {
    pushFileStatus(L, check(L, stat(entry.path), 'generic', entry.path));
  },
  symlink_status(L, entry) {
    pushFileStatus(L, check(L, lstat(entry.path), 'generic', entry.path));
  },
};

const entryMethods: Record<string, LuaJsFunction> = {
  refresh(L) {
    const entry = checkEntry(L, 1);
    check(L, lstat(entry.path), 'generic', entry.path);
    return 0;
  },
};

const entryMetamethods: Record<string, LuaJsFunction> = {
  __index(L) {
    const entry = checkEntry(L, 1);
    const key = indexKey(L);
    if (Object.hasOwn(entryProperties, key)) {
      entryProperties[key](L, entry);
      return 1;
    }
    if (!Object.hasOwn(entryMethods, key)) return raiseRuntimeError(L, 'bad_index', { index: 2 });
    lua.lua_pushcfunction(L, entryMethods[key]);
    return 1;
  },
};

function pushEntry(L: LuaState, path: BytePath): void {
  if (lauxlib.luaL_newmetatable(L, ENTRY_METATABLE)) {
    setFunctions(L, -1, entryMetamethods);
    lua.lua_pushstring(L, luaString('filesystem.directory_entry'));
    lua.lua_setfield(L, -2, luaString('__metatable'));
  }
  lua.lua_pop(L, 1);
  pushUserdata(L, ENTRY_KIND, new DirectoryEntry(path), ENTRY_METATABLE);
}

// --- listing one directory

interface Listed {
  readonly name: BytePath;
  /** From the directory entry's type field (lstat when the file system gives none). */
  readonly isDirectory: boolean;
  readonly isSymlink: boolean;
}

function list(dir: BytePath): Listed[] | SysFailure {
  const dirents = sys(() => fs.readdirSync(pathBuffer(dir), { encoding: 'buffer', withFileTypes: true }));
  if (failed(dirents)) return dirents;
  return dirents.map((d) => ({
    name: P.bytesToPath(d.name as unknown as Buffer),
    isDirectory: d.isDirectory(),
    isSymlink: d.isSymbolicLink(),
  }));
}

const EACCES = errnoCodes.EACCES;

/** Reads a boolean field of an options table; anything else raises EINVAL naming the field. */
function booleanOption(L: LuaState, optsIdx: number, name: string): boolean {
  if (lua.lua_type(L, optsIdx) !== lua.LUA_TTABLE) return false;
  lua.lua_getfield(L, optsIdx, luaString(name));
  const type = lua.lua_type(L, -1);
  const value = lua.lua_toboolean(L, -1);
  lua.lua_pop(L, 1);
  if (type === lua.LUA_TNIL) return false;
  if (type !== lua.LUA_TBOOLEAN) raiseGenericError(L, errnoCodes.EINVAL, { arg: name });
  return value;
}

function checkOptions(L: LuaState, idx: number): void {
  const type = lua.lua_type(L, idx);
  if (type !== lua.LUA_TNIL && type !== lua.LUA_TNONE && type !== lua.LUA_TTABLE) {
    raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
  }
}

/** directory_iterator(p[, opts]) -> function yielding directory_entry objects. */
export const directoryIterator: LuaJsFunction = (L) => {
  const dir = checkPath(L, 1);
  checkOptions(L, 2);
  const skipDenied = booleanOption(L, 2, 'skip_permission_denied');
  let entries = list(dir);
  if (failed(entries)) {
    if (!(skipDenied && entries.errno === EACCES)) check(L, entries, 'generic', dir);
    entries = [];
  }
  const names = entries;
  let next = 0;
  lua.lua_pushcfunction(L, (L: LuaState) => {
    if (next >= names.length) return 0;
    pushEntry(L, P.join(dir, names[next++].name));
    return 1;
  });
  return 1;
};

// --- recursive_directory_iterator

interface Level {
  readonly dir: BytePath;
  readonly entries: Listed[];
  index: number;
}

class RecursiveIteration {
  private readonly stack: Level[] = [];
  /** The current entry has not been returned by the iterator function yet. */
  private fresh = true;
  recursionPending = true;

  constructor(root: BytePath, entries: Listed[], private readonly skipDenied: boolean, private readonly followLinks: boolean) {
    if (entries.length > 0) this.stack.push({ dir: root, entries, index: 0 });
  }

  get done(): boolean {
    return this.stack.length === 0;
  }

  get depth(): number {
    return this.stack.length - 1;
  }

  private top(): Level {
    return this.stack[this.stack.length - 1];
  }

  currentPath(): BytePath {
    const top = this.top();
    return P.join(top.dir, top.entries[top.index].name);
  }

  /** Moves to the next entry of the current level, climbing out of finished levels. */
  private advance(): void {
    while (this.stack.length > 0) {
      const top = this.top();
      if (++top.index < top.entries.length) return;
      this.stack.pop();
    }
  }

  private shouldDescend(): boolean {
    const top = this.top();
    const entry = top.entries[top.index];
    if (entry.isDirectory) return true;
    if (!entry.isSymlink || !this.followLinks) return false;
    const st = stat(this.currentPath());
    return !failed(st) && fileTypeOf(st.mode) === 'directory';
  }

  /** The next entry, or undefined at the end; raises (returns the failure) like increment(). */
  next(): BytePath | undefined | SysFailure {
    if (this.done) return undefined;
    if (this.fresh) {
      this.fresh = false;
      return this.currentPath();
    }
    const descend = this.recursionPending && this.shouldDescend();
    this.recursionPending = true;
    if (descend) {
      const dir = this.currentPath();
      const entries = list(dir);
      if (failed(entries)) {
        if (!(this.skipDenied && entries.errno === EACCES)) {
          this.stack.length = 0;
          return entries;
        }
      } else if (entries.length > 0) {
        this.stack.push({ dir, entries, index: 0 });
        return this.currentPath();
      }
    }
    this.advance();
    return this.done ? undefined : this.currentPath();
  }

  /** Leaves the current directory: the next entry is the one after it in its parent. */
  pop(): void {
    this.stack.pop();
    this.advance();
    this.fresh = true;
    this.recursionPending = true;
  }
}

const HANDLE_KIND = 'filesystem.recursive_directory_iterator';
const HANDLE_METATABLE = luaString('emilua-ts filesystem.recursive_directory_iterator');

function checkHandle(L: LuaState): RecursiveIteration {
  const it = toUserdata<RecursiveIteration>(L, 1, HANDLE_KIND);
  return it === undefined ? raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 }) : it;
}

const handleMethods: Record<string, LuaJsFunction> = {
  pop(L) {
    const it = checkHandle(L);
    if (!it.done) it.pop();
    return 0;
  },
  disable_recursion_pending(L) {
    const it = checkHandle(L);
    if (it.done) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
    it.recursionPending = false;
    return 0;
  },
};

const handleMetamethods: Record<string, LuaJsFunction> = {
  __index(L) {
    const it = checkHandle(L);
    const key = indexKey(L);
    if (key === 'recursion_pending') {
      if (it.done) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
      lua.lua_pushboolean(L, it.recursionPending);
      return 1;
    }
    if (!Object.hasOwn(handleMethods, key)) return raiseRuntimeError(L, 'bad_index', { index: 2 });
    lua.lua_pushcfunction(L, handleMethods[key]);
    return 1;
  },
};

/** recursive_directory_iterator(p[, opts]) -> function yielding (entry, depth), handle. */
export const recursiveDirectoryIterator: LuaJsFunction = (L) => {
  const root = checkPath(L, 1);
  checkOptions(L, 2);
  const skipDenied = booleanOption(L, 2, 'skip_permission_denied');
  const followLinks = booleanOption(L, 2, 'follow_directory_symlink');
  let entries = list(root);
  if (failed(entries)) {
    if (!(skipDenied && entries.errno === EACCES)) check(L, entries, 'generic', root);
    entries = [];
  }
  const it = new RecursiveIteration(root, entries, skipDenied, followLinks);
  lua.lua_pushcfunction(L, (L: LuaState) => {
    const path = it.next();
    if (path === undefined) return 0;
    if (failed(path)) {
      check(L, path, 'generic');
      return 0;
    }
    pushEntry(L, path);
    lua.lua_pushnumber(L, it.depth);
    return 2;
  });
  if (lauxlib.luaL_newmetatable(L, HANDLE_METATABLE)) {
    setFunctions(L, -1, handleMetamethods);
    lua.lua_pushstring(L, luaString('filesystem.recursive_directory_iterator'));
    lua.lua_setfield(L, -2, luaString('__metatable'));
  }
  lua.lua_pop(L, 1);
  pushUserdata(L, HANDLE_KIND, it, HANDLE_METATABLE);
  return 2;
};
