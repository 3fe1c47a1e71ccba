// require 'file': file.stream and file.random_access (Emilua 0.11) plus the
// composed read_all_at/read_at_least_at/write_all_at/write_at_least_at.
//
// open() is a blocking call, as in Emilua. Reads and writes suspend only the
// calling fiber: they run on libuv's thread pool (Node's fs.read/fs.write)
// into a private buffer that is copied into the byte_span when the fiber
// resumes. lock()/lock_shared() wait without blocking anything (locks.ts).
// file-object.ts says what cancel(), close() and fiber cancellation do to an
// operation in progress.
//
// file-class.ts: the two classes and the checks every method starts with;
// methods.ts: their methods; transfer.ts: reads and writes; this file: the
// metatables (with is_open and size) and the module table.

import * as fs from 'node:fs';
import { lua, lauxlib, luaString, setFunctions, pushUserdata, LuaState, LuaJsFunction, indexKey } from '../../lua/lua-api';
import { raiseSystemError, raiseRuntimeError } from '../../errors/error-object';
import { openByteSpanModule } from '../byte_span';
import { checkFileDescriptor } from '../../io/descriptor-object';
import { errnoOf } from '../../errors/errno';
import { FileObject } from './file-object';
import { installComposedOperations } from './composed';
import { FileClass, STREAM, RANDOM_ACCESS, checkFile, openFd, adopt } from './file-class';
import { streamMethods, randomAccessMethods } from './methods';

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
