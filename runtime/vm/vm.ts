// One Lua VM (one actor): its fengari state, its scheduler, its modules, and
// what happens when its fibers end.

import { lua, lauxlib, luaString, pushText, toText, setFunctions, LuaState, LuaJsFunction } from './lua-api';
import { registerVm } from './vm-of';
import { openStandardLibraries } from './standard-libraries';
import { fiberPreludeSource } from './lua-stdlib-sources';
import { precompile, pushPrecompiled } from './fengari/precompiled-chunk';

/** Parsed once per process (and so already parsed in the startup snapshot). */
const fiberPrelude = precompile(fiberPreludeSource, '=fiber-prelude');
import { writeAllSync } from './print';
import { Scheduler, FiberHost } from '../fiber/scheduler';
import { Fiber } from '../fiber/fiber';
import { SUSPEND_MARKER, cancellationPoint, currentFiber } from '../fiber/suspension';
import { installFiberMetatable, pushThisFiber, spawn, deliverOutcome } from '../fiber/fiber-api';
import { installErrorMetatables, isRuntimeError, raiseRuntimeError, raiseGenericError } from '../errors/error-object';
import { errnoCodes } from '../errors/categories';
import { formatPanic, formatTermination } from '../errors/panic-report';
import { ModuleLoader } from '../modules/loader/module-loader';
import { formatFunction } from '../modules/format';
import { openByteSpanModule } from '../modules/byte_span';
import { closeVmResources } from '../io/vm-resources';
import { allocateVmId, claimMasterRole, masterVmId } from '../actor/process-state';
import { actorGlobals, installActorMetatables } from '../actor/globals';
import type { ImportingModule } from '../modules/loader/resolver';

type Proxy = (L: LuaState) => void;

export interface VmOptions {
  readonly rootFile: string;
  readonly context: 'main' | 'worker' | 'test';
  readonly searchDirs: readonly string[];
  readonly colors: boolean;
  /** system.arguments */
  readonly arguments: readonly string[];
  /** Given by spawn_vm (the VM id is allocated by the spawning thread). */
  readonly id?: number;
  /** An actor's root module keeps the import tree of the module that spawned it. */
  readonly rootImporter?: ImportingModule;
}

/** What the actor system (runtime/actor) hears about a VM. */
export interface VmLifecycle {
  mainFiberEnded(): void;
  /** Every fiber is done (or the VM was terminated): nothing of it runs again. */
  vmEnded(): void;
}

/** Raised by system.exit() in a VM other than the first: only that VM ends. */
class VmExited extends Error {}

export class Vm implements FiberHost {
  readonly id: number;
  readonly L: LuaState;
  readonly scheduler = new Scheduler(this);
  readonly loader: ModuleLoader;
  terminated = false;
  mainFiberEnded = false;
  lifecycle: VmLifecycle | null = null;
  private ended = false;
  private fiberBody!: Proxy;
  private readonly scopeStacks = new WeakMap<LuaState, Proxy>();
  private readonly unreported = new Set<Fiber>();
  private readonly liveFibers = new Set<Fiber>();
  private readonly handleWatch = new FinalizationRegistry<Fiber>((fiber) => {
    if (fiber.joinable) this.detachFiber(fiber);
  });

  constructor(readonly options: VmOptions) {
    this.id = options.id ?? allocateVmId();
    if (options.context !== 'worker') claimMasterRole(this.id);
    this.loader = new ModuleLoader({
      rootFile: options.rootFile,
      searchDirs: options.searchDirs,
      rootContext: options.context,
      contextReachesTree: options.context === 'test',
      rootImporter: options.rootImporter,
    });
    const L = lauxlib.luaL_newstate();
    this.L = L;
    registerVm(L, this);
    lua.lua_atnativeerror(L, nativeErrorToLua);
    openStandardLibraries(L);
    installErrorMetatables(L);
    installFiberMetatable(L);
    this.installGlobals(L);
    this.runPrelude(L);
  }

  get hexId(): string {
    return '0x' + this.id.toString(16);
  }

  /** Whether this VM may change process-wide state (cwd, umask, signals...). */
  get isMaster(): boolean {
    return masterVmId() === this.id;
  }

  /** A new VM (spawn_vm); lives here so the actor code need not import this module. */
  newVm(options: VmOptions): Vm {
    return new Vm(options);
  }

  /**
   * Compiles the root module and spawns the main fiber to run it. As in
   * Emilua, a root module that cannot be read or compiled is not a panic:
   * the VM never starts, stderr says why and the exit status is 1.
   */
  start(): void {
    const failure = this.startOrFail();
    if (failure === null) return;
    writeStderr(`Error starting the lua VM: ${failure}\n`);
    process.exitCode = 1;
  }

  /** start() that returns why the root module could not be loaded (the VM is then terminated). */
  startOrFail(): string | null {
    const L = this.L;
    lua.lua_pushcfunction(L, (L: LuaState) => {
      this.loader.loadRoot(L);
      return 1;
    });
    if (lua.lua_pcall(L, 0, 1, 0) !== lua.LUA_OK) {
      const failure = describeError(L, -1);
      lua.lua_settop(L, 0);
      this.terminate();
      return failure;
    }
    this.spawnFiber(L, -1, true);
    lua.lua_settop(L, 0);
    return null;
  }

  /** Creates a fiber running the function at fnIdx of L. */
  spawnFiber(L: LuaState, fnIdx: number, isMain: boolean): Fiber {
    const fn = lua.lua_absindex(L, fnIdx);
    const thread = lua.lua_newthread(L);
    lua.lua_pop(L, 1);
    this.fiberBody(thread);
    lua.lua_pushvalue(L, fn);
    lua.lua_xmove(L, thread, 1);
    const fiber = new Fiber(thread, isMain, 1);
    this.liveFibers.add(fiber);
    this.scheduler.add(fiber);
    return fiber;
  }

  watchFiberHandle(handle: object, fiber: Fiber): void {
    this.handleWatch.register(handle, fiber);
  }

  detachFiber(fiber: Fiber): void {
    fiber.joinable = false;
    if (fiber.unreportedFailure !== null) this.reportFailure(fiber);
  }

  fiberFinished(fiber: Fiber): void {
    if (this.terminated) return;
    const thread = fiber.thread;
    if (lua.lua_toboolean(thread, 1)) {
      fiber.outcome = 'returned';
    } else if (isRuntimeError(thread, 2, 'fiber_canceled')) {
      fiber.outcome = 'canceled';
      fiber.cancellationCaught = true;
    } else {
      fiber.outcome = 'failed';
      fiber.unreportedFailure = {
        message: describeError(thread, 2),
        traceback: lua.lua_type(thread, 3) === lua.LUA_TSTRING ? userTraceback(toText(thread, 3)) : '',
      };
    }
    this.afterFiberEnded(fiber);
  }

  fiberCrashed(fiber: Fiber, status: number): void {
    if (this.terminated) return;
    fiber.outcome = 'failed';
    fiber.unreportedFailure = {
      message: status === lua.LUA_ERRRUN ? describeError(fiber.thread, -1) : `fiber crashed (status ${status})`,
      traceback: '',
    };
    this.afterFiberEnded(fiber);
  }

  private afterFiberEnded(fiber: Fiber): void {
    this.settleFiber(fiber);
    if (this.liveFibers.size === 0) this.terminate();
  }

  private settleFiber(fiber: Fiber): void {
    this.liveFibers.delete(fiber);
    if (fiber.isMain) {
      this.mainFiberEnded = true;
      this.lifecycle?.mainFiberEnded();
      if (fiber.unreportedFailure !== null) {
        this.reportFailure(fiber);
        this.terminate();
      }
      return;
    }
    const joiner = fiber.joiner;
    if (joiner !== null) {
      fiber.joiner = null;
      this.scheduler.wake(joiner, (L) => deliverOutcome(L, fiber));
      return;
    }
    if (fiber.unreportedFailure === null) return;
    if (fiber.joinable) this.unreported.add(fiber);
    else this.reportFailure(fiber);
  }

  private reportFailure(fiber: Fiber): void {
    const failure = fiber.unreportedFailure;
    if (failure === null) return;
    fiber.unreportedFailure = null;
    this.unreported.delete(fiber);
    const who = fiber.isMain ? `Main fiber from VM ${this.hexId}` : `Fiber ${fiber.hexId}`;
    writeStderr(formatPanic(who, failure.message, failure.traceback, this.options.colors));
  }

  /**
   * Ends the VM: no fiber of it runs again, and every pending operation is
   * abandoned so its timers and handles stop keeping the process alive.
   */
  terminate(): void {
    this.terminated = true;
    this.scheduler.clear();
    for (const fiber of this.liveFibers) fiber.operation?.cancel?.();
    this.liveFibers.clear();
    this.scheduler.clear();
    closeVmResources(this);
    if (this.ended) return;
    this.ended = true;
    // Nobody can join a fiber of an ended VM any more.
    for (const fiber of [...this.unreported]) this.reportFailure(fiber);
    this.lifecycle?.vmEnded();
  }

  /**
   * system.exit(): from the first VM it ends the process with `code`; from
   * an actor it ends that VM only (the calling fiber never resumes).
   */
  exitProcess(code: number): never {
    if (this.options.context !== 'worker') process.exit(code);
    this.terminate();
    throw new VmExited(`VM ${this.hexId} exited`);
  }

  /** Called when the process is about to exit: failures nobody joined are reported. */
  finalize(): void {
    for (const fiber of [...this.unreported]) this.reportFailure(fiber);
  }

  private installGlobals(L: LuaState): void {
    const globals: Record<string, LuaJsFunction> = { spawn, format: formatFunction, ...actorGlobals };
    installActorMetatables(L);
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, lua.LUA_RIDX_GLOBALS);
    setFunctions(L, -1, globals);
    pushThisFiber(L);
    lua.lua_setfield(L, -2, luaString('this_fiber'));
    openByteSpanModule(L);
    lua.lua_setfield(L, -2, luaString('byte_span'));
    pushText(L, '');
    lua.lua_setfield(L, -2, luaString('_CONTEXT'));
    lua.lua_pop(L, 1);
  }

  private runPrelude(L: LuaState): void {
    pushPrecompiled(L, fiberPrelude);
    lua.lua_createtable(L, 0, 16);
    lua.lua_pushlightuserdata(L, SUSPEND_MARKER);
    lua.lua_setfield(L, -2, luaString('suspend_marker'));
    setFunctions(L, -1, this.preludeHooks());
    lua.lua_call(L, 1, 2);
    this.loader.setRequireFactory(lua.lua_toproxy(L, -1));
    this.fiberBody = lua.lua_toproxy(L, -2);
    lua.lua_pop(L, 2);
  }

  private preludeHooks(): Record<string, LuaJsFunction> {
    return {
      scope_stack: (L) => {
        const proxy = this.scopeStacks.get(L);
        if (proxy !== undefined) {
          proxy(L);
          return 1;
        }
        lua.lua_createtable(L, 4, 0);
        lua.lua_createtable(L, 0, 0);
        lua.lua_rawseti(L, -2, 1);
        this.scopeStacks.set(L, lua.lua_toproxy(L, -1));
        return 1;
      },
      cancellation_point: (L) => {
        cancellationPoint(L);
        return 0;
      },
      disable_cancellation: (L) => {
        currentFiber(L).cancellationDisabled++;
        return 0;
      },
      restore_cancellation: (L) => {
        const fiber = currentFiber(L);
        if (fiber.cancellationDisabled > 0) fiber.cancellationDisabled--;
        return 0;
      },
      // Around coroutine.resume(): a coroutine resumed where the calling
      // thread cannot yield must not suspend the fiber (see Fiber.blockedResumes).
      begin_resume: (L) => {
        const blocked = !lua.lua_isyieldable(L);
        if (blocked) currentFiber(L).blockedResumes++;
        lua.lua_pushboolean(L, blocked);
        return 1;
      },
      end_resume: (L) => {
        const fiber = currentFiber(L);
        if (fiber.blockedResumes > 0) fiber.blockedResumes--;
        return 0;
      },
      is_fiber_thread: (L) => {
        lua.lua_pushboolean(L, this.scheduler.threadToFiber.has(L));
        return 1;
      },
      // Errors the prelude raises, as the error objects Emilua raises.
      raise_bad_coroutine: (L) => raiseRuntimeError(L, 'bad_coroutine'),
      raise_unmatched_scope_cleanup: (L) => raiseRuntimeError(L, 'unmatched_scope_cleanup'),
      raise_einval: (L) => raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 }),
      is_canceled_error: (L) => {
        lua.lua_pushboolean(L, isRuntimeError(L, 1, 'fiber_canceled'));
        return 1;
      },
      cleanup_failed: (L) => {
        const fiber = currentFiber(L);
        writeStderr(formatTermination(`VM ${this.hexId}`, `a cleanup handler of fiber ${fiber.hexId} raised`,
          describeError(L, 1), this.options.colors));
        this.terminate();
        if (!lua.lua_isyieldable(L)) return lua.lua_error(L);
        lua.lua_pushlightuserdata(L, SUSPEND_MARKER);
        return lua.lua_yield(L, 1);
      },
      require_begin: this.loader.requireBegin,
      require_end: this.loader.requireEnd,
      module_env: this.loader.moduleEnv,
      set_module_env: this.loader.setModuleEnv,
    };
  }
}

/** tostring() of an error value, run protected (a __tostring may itself fail). */
function describeError(L: LuaState, idx: number): string {
  const abs = lua.lua_absindex(L, idx);
  const top = lua.lua_gettop(L);
  // L may be a thread that died with a full stack.
  if (!lua.lua_checkstack(L, 4)) return '(error object is not printable)';
  lua.lua_pushcfunction(L, (L: LuaState) => {
    lauxlib.luaL_tolstring(L, 1);
    return 1;
  });
  lua.lua_pushvalue(L, abs);
  const status = lua.lua_pcall(L, 1, 1, 0);
  const text = status === lua.LUA_OK ? toText(L, -1) : '(error object is not printable)';
  lua.lua_settop(L, top);
  return text;
}

/**
 * Drops the frames of the runtime's own fiber machinery from a traceback and
 * names functions as LuaJIT does ("in function 'f'", where Lua 5.3 says
 * "in local 'f'", "in upvalue 'f'", "in method 'f'" or "in field 'f'").
 */
function userTraceback(traceback: string): string {
  return traceback
    .replace(/^\n/, '')
    .split('\n')
    .filter((line) => !/fiber-prelude:|'raw_xpcall'|'load_root'|\[string "local load_root|\(\.\.\.tail calls\.\.\)/.test(line))
    .map((line) => line.replace(/: in (?:local|upvalue|method|field) '/, ": in function '"))
    .join('\n');
}

function writeStderr(text: string): void {
  try {
    writeAllSync(2, Buffer.from(text));
  } catch {
    // Nothing left to report to.
  }
}

/** A JavaScript exception inside a builtin becomes a Lua error, never a crash. */
const nativeErrorToLua: LuaJsFunction = (L) => {
  const err = lua.lua_touserdata(L, 1) as unknown;
  if (err instanceof VmExited) {
    // system.exit() in an actor unwinds its fiber; nothing of the VM runs again.
    pushText(L, err.message);
    return 1;
  }
  const message = err instanceof Error ? err.message : String(err);
  if (process.env.EMILUA_TS_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? message}\n`);
  pushText(L, `internal error in emilua-ts: ${message}`);
  return 1;
};
