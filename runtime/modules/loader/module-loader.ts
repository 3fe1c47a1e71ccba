// Per-VM module loading: the cache, cycle detection, fresh global environments
// and the hooks behind the Lua-side require() closures (see fiber-prelude.lua).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { lua, lauxlib, luaString, pushText, toText, typeName, LuaState } from '../../lua/lua-api';
import { raiseRuntimeError, raiseSystemError } from '../../errors/error-object';
import { systemCategory } from '../../errors/categories';
import { currentFiber } from '../../fiber/suspension';
import { ImportingModule, resolveModuleId, importerFor, packageCandidates } from '../../lua/module-resolver';
import { openBuiltinModule, isBuiltinModule } from '../builtin-modules';
import { pushPathBytes } from '../../io/path-object';

type Proxy = (L: LuaState) => void;

interface ModuleRecord {
  readonly key: string;
  readonly importer: ImportingModule;
  /** _CONTEXT given to the module. */
  readonly context: string;
  loaded: boolean;
  env: Proxy | null;
  /** Set by setfenv(0, t): replaces the exported environment. */
  exportOverride: Proxy | null;
}

export interface ModuleLoaderOptions {
  readonly rootFile: string;
  /** The root file's name as bytes when it is not UTF-8 (read and named with these). */
  readonly rootFileBytes?: Uint8Array;
  /** The root module's source, read ahead (a subprocess actor host reads it before its sandbox applies). */
  readonly rootSource?: Uint8Array;
  readonly searchDirs: readonly string[];
  /** _CONTEXT of the root module. */
  readonly rootContext: string;
  /** Whether imported modules of the same tree share the root's _CONTEXT ('test' does). */
  readonly contextReachesTree: boolean;
  /** How the root module imports (an actor's root keeps its spawner's import tree); else a tree of its own. */
  readonly rootImporter?: ImportingModule;
  /**
   * source_tree_cache (subprocess actors): absolute path → source. When
   * given, require() resolves against it alone and never reads a file.
   */
  readonly sourceTree?: ReadonlyMap<string, Uint8Array>;
}

const KEY_G = luaString('_G');
const KEY_FILE = luaString('_FILE');
const KEY_CONTEXT = luaString('_CONTEXT');
const KEY_REQUIRE = luaString('require');

export class ModuleLoader {
  private readonly records = new Map<string, ModuleRecord>();
  private readonly builtins = new Map<string, Proxy>();
  private readonly loading: ModuleRecord[] = [];
  private makeRequire: Proxy | null = null;
  readonly rootRecord: ModuleRecord;

  constructor(private readonly options: ModuleLoaderOptions) {
    const rootDir = path.dirname(path.resolve(options.rootFile));
    this.rootRecord = {
      key: path.resolve(options.rootFile),
      importer: options.rootImporter ?? { kind: 'root', dir: rootDir, rootDir },
      context: options.rootContext,
      loaded: false,
      env: null,
      exportOverride: null,
    };
  }

  /** How the module loaded from `file` (a _FILE value) imports, if this VM loaded it. */
  importerOf(file: string): ImportingModule | undefined {
    return this.records.get(path.resolve(file))?.importer;
  }

  /** Keeps the prelude's make_require(importer_key) for new environments. */
  setRequireFactory(proxy: Proxy): void {
    this.makeRequire = proxy;
  }

  /** Loads the root module and leaves its chunk (with its environment) on L. */
  loadRoot(L: LuaState): void {
    this.records.set(this.rootRecord.key, this.rootRecord);
    this.loadChunk(L, this.rootRecord, this.options.rootFile, this.rootRecord.context);
    this.loading.push(this.rootRecord);
  }

  /** require_begin(importer_key, id) -> value | chunk, key */
  readonly requireBegin = (L: LuaState): number => {
    // Check the type first: reading a number as text would convert it in place.
    if (lua.lua_type(L, 2) !== lua.LUA_TSTRING) {
      return lauxlib.luaL_argerror(L, 1, luaString(`string expected, got ${typeName(L, 2)}`));
    }
    const importerKey = toText(L, 1);
    const id = toText(L, 2);
    if (!currentFiber(L).isMain) raiseRuntimeError(L, 'only_main_fiber_may_import', { module: id });

    if (isBuiltinModule(id)) {
      let proxy = this.builtins.get(id);
      if (proxy === undefined) {
        openBuiltinModule(L, id);
        proxy = lua.lua_toproxy(L, -1) as Proxy;
        this.builtins.set(id, proxy);
        return 1;
      }
      proxy(L);
      return 1;
    }

    const importer = this.records.get(importerKey)?.importer ?? this.rootRecord.importer;
    const resolution = resolveModuleId(importer, id);
    if (resolution.type === 'error') raiseRuntimeError(L, resolution.error, { module: id });
    const packages = resolution.type === 'package' ? packageCandidates(resolution.name, this.options.searchDirs) : [];
    const candidates = resolution.type === 'file' ? resolution.candidates : packages.map((c) => c.file);
    const file = this.findFile(L, candidates, id);

    const key = path.resolve(file);
    const existing = this.records.get(key);
    if (existing !== undefined) {
      if (!existing.loaded) raiseRuntimeError(L, 'cyclic_import', { module: id });
      this.pushExport(L, existing);
      return 1;
    }

    const childImporter = resolution.type === 'file'
      ? importerFor(file, importer.rootDir)
      : importerFor(file, packages.find((c) => c.file === file)?.importRoot ?? path.dirname(file));
    // Under --test, modules reached through './' and '../' ids share the test
    // context; root imports ('/x') and packages get the regular one.
    const importerContext = this.records.get(importerKey)?.context ?? this.options.rootContext;
    const context = this.options.contextReachesTree && id.startsWith('.') && importerContext === this.options.rootContext
      ? this.options.rootContext : '';
    const record: ModuleRecord = { key, importer: childImporter, context, loaded: false, env: null, exportOverride: null };
    this.loadChunk(L, record, file, context);
    this.records.set(key, record);
    this.loading.push(record);
    pushText(L, key);
    return 2;
  };

  /** require_end(key, ok, result) -> export (or re-raises the module's error) */
  readonly requireEnd = (L: LuaState): number => {
    const key = toText(L, 1);
    const record = this.records.get(key);
    const index = record ? this.loading.lastIndexOf(record) : -1;
    if (index >= 0) this.loading.splice(index, 1);
    if (!lua.lua_toboolean(L, 2)) {
      this.records.delete(key);
      lua.lua_pushvalue(L, 3);
      return lua.lua_error(L);
    }
    if (record === undefined) return 0;
    record.loaded = true;
    this.pushExport(L, record);
    return 1;
  };

  /** getfenv(0): the environment of the module being loaded (else the root's). */
  readonly moduleEnv = (L: LuaState): number => {
    const record = this.loading[this.loading.length - 1] ?? this.rootRecord;
    this.pushExport(L, record);
    return 1;
  };

  /** setfenv(0, t): t becomes what the module exports. */
  readonly setModuleEnv = (L: LuaState): number => {
    lauxlib.luaL_checktype(L, 1, lua.LUA_TTABLE);
    const record = this.loading[this.loading.length - 1] ?? this.rootRecord;
    record.exportOverride = lua.lua_toproxy(L, 1) as Proxy;
    return 0;
  };

  private pushExport(L: LuaState, record: ModuleRecord): void {
    const proxy = record.exportOverride ?? record.env;
    if (proxy === null) lua.lua_pushnil(L);
    else proxy(L);
  }

  private findFile(L: LuaState, candidates: readonly string[], id: string): string {
    const tree = this.options.sourceTree;
    if (tree !== undefined) {
      const found = candidates.find((c) => tree.has(path.resolve(c)));
      return found ?? raiseRuntimeError(L, 'module_not_found', { module: id });
    }
    for (const candidate of candidates) {
      try {
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR') {
          raiseSystemError(L, (err as NodeJS.ErrnoException).errno ? -((err as NodeJS.ErrnoException).errno as number) : 5, { module: id });
        }
      }
    }
    return raiseRuntimeError(L, 'module_not_found', { module: id });
  }

  /** Compiles `file` and gives it a fresh environment; leaves the chunk on L. */
  private loadChunk(L: LuaState, record: ModuleRecord, file: string, context: string): void {
    const bytes = record === this.rootRecord ? this.options.rootFileBytes : undefined;
    let source: Buffer;
    try {
      const ahead = record === this.rootRecord ? this.options.rootSource : undefined;
      if (ahead !== undefined) source = Buffer.from(ahead);
      else source = bytes === undefined ? this.readSource(file) : fs.readFileSync(Buffer.from(bytes));
    } catch (err) {
      const errno = (err as NodeJS.ErrnoException).errno;
      if (record === this.rootRecord) {
        // Reported by the CLI before any fiber runs ("Error starting the lua VM").
        pushText(L, `${file}: ${systemCategory.message(errno ? -errno : 5)}`);
        return lua.lua_error(L);
      }
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') raiseRuntimeError(L, 'module_not_found');
      return raiseSystemError(L, errno ? -errno : 5);
    }
    // A leading "#!" line is a comment, as in LuaJIT.
    const text = source[0] === 0x23 ? Buffer.concat([Buffer.from('--'), source]) : source;
    const chunkName = bytes === undefined ? luaString('@' + file) : Buffer.concat([Buffer.from('@'), bytes]);
    const status = lauxlib.luaL_loadbufferx(L, text, text.length, chunkName, luaString('t'));
    if (status !== lua.LUA_OK) {
      lua.lua_error(L);
    }
    this.pushFreshEnvironment(L, record, file, context);
    record.env = lua.lua_toproxy(L, -1) as Proxy;
    if (lua.lua_setupvalue(L, -2, 1) === null) lua.lua_pop(L, 1);
  }

  private readSource(file: string): Buffer {
    const tree = this.options.sourceTree;
    if (tree === undefined) return fs.readFileSync(file);
    const text = tree.get(path.resolve(file));
    if (text === undefined) throw Object.assign(new Error(`${file}: not in source_tree_cache`), { code: 'ENOENT', errno: -2 });
    return Buffer.from(text);
  }

  /** A copy of the VM's pristine globals plus _G, _FILE, _CONTEXT and require. */
  private pushFreshEnvironment(L: LuaState, record: ModuleRecord, file: string, context: string): void {
    lua.lua_createtable(L, 0, 64);
    const env = lua.lua_gettop(L);
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, lua.LUA_RIDX_GLOBALS);
    lua.lua_pushnil(L);
    while (lua.lua_next(L, -2) !== 0) {
      lua.lua_pushvalue(L, -2);
      lua.lua_insert(L, -2);
      lua.lua_rawset(L, env);
    }
    lua.lua_pop(L, 1);
    lua.lua_pushvalue(L, env);
    lua.lua_setfield(L, env, KEY_G);
    pushPathBytes(L, Buffer.from(file));
    lua.lua_setfield(L, env, KEY_FILE);
    pushText(L, context);
    lua.lua_setfield(L, env, KEY_CONTEXT);
    if (this.makeRequire !== null) {
      this.makeRequire(L);
      pushText(L, record.key);
      lua.lua_call(L, 1, 1);
      lua.lua_setfield(L, env, KEY_REQUIRE);
    }
  }
}
