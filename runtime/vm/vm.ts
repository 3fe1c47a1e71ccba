// One Lua VM (one actor): its fengari state, its scheduler, its modules, and
// what happens when its fibers end.

import { lua, lauxlib, toText, LuaState } from '../lua/lua-api';
import { registerVm } from '../fiber/vm-of';
import { takeVmLuaState, PreludeHost } from './lua-state-setup';
import { VmExited } from '../lua/native-error';
import { writeAllSync } from '../lua/print';
import { Scheduler, FiberHost } from '../fiber/scheduler';
import { Fiber } from '../fiber/fiber';
import { SUSPEND_MARKER, currentFiber } from '../fiber/suspension';
import { deliverOutcome } from '../fiber/fiber-api';
import { LostHandleWatch } from './lost-handle-watch';
import { isRuntimeError } from '../errors/error-object';
import { formatPanic, formatTermination } from '../errors/panic-report';
import { ModuleLoader } from '../modules/loader/module-loader';
import { closeVmResources } from '../io/vm-resources';
import { allocateVmId, claimMasterRole, masterVmId } from '../actor/process-state';
import type { VmHost, VmOptions, VmLifecycle } from '../fiber/vm-host';

type Proxy = (L: LuaState) => void;

export class Vm implements VmHost, FiberHost, PreludeHost {
  readonly id: number;
  readonly L: LuaState;
  readonly scheduler = new Scheduler(this);
  readonly loader: ModuleLoader;
  terminated = false;
  mainFiberEnded = false;
  lifecycle: VmLifecycle | null = null;
  private ended = false;
  private readonly fiberBody: Proxy;
  private readonly unreported = new Set<Fiber>();
  private readonly liveFibers = new Set<Fiber>();
  private readonly handleWatch = new LostHandleWatch<Fiber>((fiber) => {
    if (fiber.joinable) this.detachFiber(fiber);
  });

  constructor(readonly options: VmOptions) {
    this.id = options.id ?? allocateVmId();
    if (options.context !== 'worker') claimMasterRole(this.id);
    this.loader = new ModuleLoader({
      rootFile: options.rootFile,
      rootFileBytes: options.rootFileBytes,
      rootSource: options.rootSource,
      searchDirs: options.searchDirs,
      rootContext: options.context,
      contextReachesTree: options.context === 'test',
      rootImporter: options.rootImporter,
      sourceTree: options.sourceTree,
    });
    // Built ahead of time for the first VM when started from the snapshot.
    const state = takeVmLuaState();
    this.L = state.L;
    this.fiberBody = state.fiberBody;
    this.loader.setRequireFactory(state.requireFactory);
    registerVm(this.L, this);
    state.adopt(this);
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
    this.handleWatch.watch(handle, fiber);
  }

  reportCollectedHandles(): void {
    this.handleWatch.drain();
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
        traceback: lua.lua_type(thread, 3) === lua.LUA_TSTRING ? toText(thread, 3) : '',
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

  /**
   * Called when the process is about to exit: fibers left waiting on what no
   * fiber can do any more are reported as Emilua does, then failures nobody
   * joined.
   */
  finalize(): void {
    const deadlocks: string[] = [];
    for (const fiber of this.liveFibers) {
      const why = fiber.operation?.deadlock?.();
      if (why !== undefined) deadlocks.push(`\t${why}\n`);
    }
    if (deadlocks.length > 0) {
      writeStderr(`Possible deadlock(s) detected during VM ${this.hexId} shutdown:\n${deadlocks.join('')}`);
    }
    for (const fiber of [...this.unreported]) this.reportFailure(fiber);
  }

  isFiberThread(L: LuaState): boolean {
    return this.scheduler.threadToFiber.has(L);
  }

  cleanupFailed(L: LuaState): number {
    const fiber = currentFiber(L);
    // The main fiber runs on the VM's own Lua thread in Emilua: same address.
    writeStderr(formatTermination(this.hexId, fiber.isMain ? this.hexId : fiber.hexId, this.options.colors));
    this.terminate();
    if (!lua.lua_isyieldable(L)) return lua.lua_error(L);
    lua.lua_pushlightuserdata(L, SUSPEND_MARKER);
    return lua.lua_yield(L, 1);
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

function writeStderr(text: string): void {
  try {
    writeAllSync(2, Buffer.from(text));
  } catch {
    // Nothing left to report to.
  }
}
