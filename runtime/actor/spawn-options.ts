// spawn_vm's arguments: the options table, and the actor's root module
// resolved as require() resolves it, from the module that calls spawn_vm:
// '.' (that module again), './x', '../x' and '/x'. Package names ('x') cannot
// be actors, as in Emilua ("Cannot have a module with this name"); nor can a
// filesystem.path, which only subprocess actors accept. A subprocess actor may
// have no module at all (spawn-vm.ts).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { lua, luaString, toText, LuaState } from '../lua/lua-api';
import type { VmHost } from '../fiber/vm-host';
import { raiseGenericError, raiseRuntimeError } from '../errors/error-object';
import { errnoCodes } from '../errors/categories';
import { ImportingModule, resolveModuleId, importerFor } from '../lua/module-resolver';
import { toPath, pathBuffer } from '../io/path-object';

export interface SpawnOptions {
  moduleId: string;
  inheritContext: boolean;
  /** The subprocess option was given (subprocess actors: launchers/subprocess.ts). */
  subprocess: boolean;
  newMaster: boolean;
  concurrencyHint: 'safe' | 1;
  /** The module as a filesystem.path (subprocess actors only), used as given. */
  modulePath?: string;
}

export function readOptions(L: LuaState, caller: VmHost): SpawnOptions {
  const options: SpawnOptions = { moduleId: '', inheritContext: true, subprocess: false, newMaster: false, concurrencyHint: 'safe' };
  switch (lua.lua_type(L, 1)) {
    case lua.LUA_TSTRING:
      options.moduleId = toText(L, 1);
      return options;
    case lua.LUA_TTABLE:
      break;
    default:
      return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
  }
  switch (lua.lua_getfield(L, 1, luaString('module'))) {
    case lua.LUA_TSTRING:
      options.moduleId = toText(L, -1);
      break;
    case lua.LUA_TNIL:
      break;
    case lua.LUA_TUSERDATA: {
      // A filesystem.path: only subprocess actors take one.
      const asPath = toPath(L, -1);
      if (asPath === undefined || lua.lua_getfield(L, 1, luaString('subprocess')) !== lua.LUA_TTABLE) {
        return raiseRuntimeError(L, 'invalid_module_name');
      }
      options.modulePath = pathBuffer(asPath).toString();
      break;
    }
    default:
      return raiseGenericError(L, errnoCodes.EINVAL, { arg: 'module' });
  }
  if (lua.lua_getfield(L, 1, luaString('inherit_context')) === lua.LUA_TBOOLEAN) {
    options.inheritContext = lua.lua_toboolean(L, -1);
  }
  if (lua.lua_getfield(L, 1, luaString('new_master')) === lua.LUA_TBOOLEAN) {
    options.newMaster = lua.lua_toboolean(L, -1);
    if (options.newMaster && !caller.isMaster) return raiseGenericError(L, errnoCodes.EPERM);
  }
  if (lua.lua_getfield(L, 1, luaString('concurrency_hint')) === lua.LUA_TNUMBER && lua.lua_tonumber(L, -1) === 1) {
    options.concurrencyHint = 1;
  }
  if (lua.lua_getfield(L, 1, luaString('subprocess')) === lua.LUA_TTABLE) {
    options.subprocess = true;
    lua.lua_settop(L, 1);
    return options;
  }
  lua.lua_settop(L, 1);
  return options;
}

/** The _FILE of a Lua function's environment, if it is a module's. */
function moduleFileOf(L: LuaState, fnIdx: number): string | undefined {
  if (lua.lua_iscfunction(L, fnIdx)) return undefined;
  for (let i = 1; ; i++) {
    const name: Uint8Array | null = lua.lua_getupvalue(L, fnIdx, i);
    if (name === null) return undefined;
    const isEnv = name.length === 4 && name[0] === 0x5f && name[1] === 0x45 && name[2] === 0x4e && name[3] === 0x56; // _ENV
    let file: string | undefined;
    if (isEnv && lua.lua_type(L, -1) === lua.LUA_TTABLE) {
      // _FILE is a filesystem.path (a string in older code paths).
      const type = lua.lua_getfield(L, -1, luaString('_FILE'));
      if (type === lua.LUA_TSTRING) file = toText(L, -1);
      const asPath = type === lua.LUA_TUSERDATA ? toPath(L, -1) : undefined;
      if (asPath !== undefined) file = pathBuffer(asPath).toString();
      lua.lua_pop(L, 1);
    }
    lua.lua_pop(L, 1);
    if (isEnv) return file;
  }
}

/**
 * The module calling spawn_vm: the nearest Lua function on the stack that
 * belongs to a module of this VM. `name` is its _FILE as the VM has it.
 */
function callingModule(L: LuaState, vm: VmHost): { name: string; importer: ImportingModule } {
  const ar = new lua.lua_Debug();
  for (let level = 1; lua.lua_getstack(L, level, ar); level++) {
    lua.lua_getinfo(L, luaString('f'), ar);
    const file = moduleFileOf(L, lua.lua_gettop(L));
    lua.lua_pop(L, 1);
    if (file === undefined) continue;
    const importer = vm.loader.importerOf(file);
    if (importer !== undefined) return { name: file, importer };
  }
  return { name: vm.options.rootFile, importer: vm.loader.rootRecord.importer };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The actor's root module file and how it imports. */
export function resolveActorModule(L: LuaState, caller: VmHost, id: string): { file: string; importer: ImportingModule } {
  if (id === '') return raiseRuntimeError(L, 'invalid_module_name');
  const from = callingModule(L, caller);
  let file: string;
  if (id === '.') {
    // The same file under the same name (tracebacks read as the caller's).
    file = from.name;
  } else {
    const resolution = resolveModuleId(from.importer, id);
    if (resolution.type === 'error') return raiseRuntimeError(L, resolution.error, { module: id });
    if (resolution.type === 'package') return raiseRuntimeError(L, 'invalid_module_name', { module: id });
    const found = resolution.candidates.find(isFile);
    if (found === undefined) return raiseRuntimeError(L, 'module_not_found', { module: id });
    file = path.resolve(found);
  }
  // The root module of the spawner's tree stays a root module (it may import
  // './x'); any other module imports as it would inside that tree.
  const root = caller.loader.rootRecord;
  const importer = path.resolve(file) === root.key ? root.importer : importerFor(path.resolve(file), from.importer.rootDir);
  return { file, importer };
}
