// A VM's Lua state before any Vm owns it: the standard libraries, Emilua's
// globals and metatables, and the fiber prelude run. Nothing here depends on
// the VM's options, its id or the process's environment, so the state of the
// first VM can be built while the startup snapshot is (prepareSpareLuaState)
// and handed to that VM at run time.

import { lua, lauxlib, luaString, pushText, setFunctions, LuaState, LuaJsFunction } from '../lua/lua-api';
import { openStandardLibraries } from './standard-libraries';
import { fiberPreludeSource } from '../lua/lua-stdlib-sources';
import { precompile, pushPrecompiled } from '../lua/fengari/precompiled-chunk';
import { nativeErrorToLua } from '../lua/native-error';
import { SUSPEND_MARKER, cancellationPoint, currentFiber } from '../fiber/suspension';
import { installFiberMetatable, pushThisFiber, spawn } from '../fiber/fiber-api';
import { installErrorMetatables, isRuntimeError, raiseRuntimeError, raiseGenericError } from '../errors/error-object';
import { errnoCodes } from '../errors/categories';
import { panicTraceback } from '../fiber/debug-traceback';
import { formatFunction } from '../modules/format';
import { openByteSpanModule } from '../modules/byte_span';
import { installPathMetatable } from '../io/path-object';
import { installFileDescriptorMetatable } from '../modules/file_descriptor';
import { actorGlobals, installActorMetatables } from '../actor/globals';

/** Parsed once per process (and so already parsed in the startup snapshot). */
const fiberPrelude = precompile(fiberPreludeSource, '=fiber-prelude');

type Proxy = (L: LuaState) => void;

/** What the prelude's hooks ask of the VM that owns the state. */
export interface PreludeHost {
  isFiberThread(L: LuaState): boolean;
  /** A cleanup handler raised: the VM ends. Returns as a Lua function does. */
  cleanupFailed(L: LuaState): number;
  readonly loader: {
    readonly requireBegin: LuaJsFunction;
    readonly requireEnd: LuaJsFunction;
    readonly moduleEnv: LuaJsFunction;
    readonly setModuleEnv: LuaJsFunction;
  };
}

export interface VmLuaState {
  readonly L: LuaState;
  /** Runs a fiber's function in the prelude's fiber body (pushes it on a thread). */
  readonly fiberBody: Proxy;
  /** The prelude's factory of `require` functions (for the module loader). */
  readonly requireFactory: Proxy;
  /** Gives the state to its VM; the prelude's hooks call that VM from then on. */
  adopt(host: PreludeHost): void;
}

let spare: VmLuaState | null = null;

/** Builds a state now for the next VM (the startup snapshot keeps it for VM 0x1). */
export function prepareSpareLuaState(): void {
  spare = buildVmLuaState();
}

/** A state for a new VM: the spare one if there is one, else a new one. */
export function takeVmLuaState(): VmLuaState {
  const state = spare ?? buildVmLuaState();
  spare = null;
  return state;
}

function buildVmLuaState(): VmLuaState {
  let host: PreludeHost | null = null;
  const owner = (): PreludeHost => {
    if (host === null) throw new Error('the Lua state has no VM yet');
    return host;
  };
  const L: LuaState = lauxlib.luaL_newstate();
  lua.lua_atnativeerror(L, nativeErrorToLua);
  openStandardLibraries(L);
  installErrorMetatables(L);
  installFiberMetatable(L);
  // Every module's _FILE is a filesystem.path.
  installPathMetatable(L);
  // Descriptors are pushed by many modules and by actor messages (io/descriptor-object.ts).
  installFileDescriptorMetatable(L);
  installGlobals(L);

  pushPrecompiled(L, fiberPrelude);
  lua.lua_createtable(L, 0, 16);
  lua.lua_pushlightuserdata(L, SUSPEND_MARKER);
  lua.lua_setfield(L, -2, luaString('suspend_marker'));
  setFunctions(L, -1, preludeHooks(owner));
  lua.lua_call(L, 1, 2);
  const requireFactory = lua.lua_toproxy(L, -1) as Proxy;
  const fiberBody = lua.lua_toproxy(L, -2) as Proxy;
  lua.lua_pop(L, 2);

  return {
    L,
    fiberBody,
    requireFactory,
    adopt(vm: PreludeHost): void {
      if (host !== null) throw new Error('the Lua state already belongs to a VM');
      host = vm;
    },
  };
}

function installGlobals(L: LuaState): void {
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

function preludeHooks(owner: () => PreludeHost): Record<string, LuaJsFunction> {
  const scopeStacks = new WeakMap<LuaState, Proxy>();
  /** Pushes the scope stack of L's thread (made with its root scope on first use). */
  const pushScopeStack = (L: LuaState): number => {
    const proxy = scopeStacks.get(L);
    if (proxy !== undefined) {
      proxy(L);
      return 1;
    }
    lua.lua_createtable(L, 4, 0);
    lua.lua_createtable(L, 0, 0);
    lua.lua_rawseti(L, -2, 1);
    scopeStacks.set(L, lua.lua_toproxy(L, -1));
    return 1;
  };
  return {
    scope_stack: pushScopeStack,
    // pcall and xpcall: a cancellation point, then the scope stack, in one call.
    scope_stack_at_cancellation_point: (L) => {
      cancellationPoint(L);
      return pushScopeStack(L);
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
      lua.lua_pushboolean(L, owner().isFiberThread(L));
      return 1;
    },
    // Errors the prelude raises, as the error objects Emilua raises.
    raise_bad_coroutine: (L) => raiseRuntimeError(L, 'bad_coroutine'),
    raise_unmatched_scope_cleanup: (L) => raiseRuntimeError(L, 'unmatched_scope_cleanup'),
    raise_einval: (L) => raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 }),
    raise_eperm: (L) => raiseGenericError(L, errnoCodes.EPERM),
    panic_traceback: panicTraceback,
    is_canceled_error: (L) => {
      lua.lua_pushboolean(L, isRuntimeError(L, 1, 'fiber_canceled'));
      return 1;
    },
    cleanup_failed: (L) => owner().cleanupFailed(L),
    require_begin: (L) => owner().loader.requireBegin(L),
    require_end: (L) => owner().loader.requireEnd(L),
    module_env: (L) => owner().loader.moduleEnv(L),
    set_module_env: (L) => owner().loader.setModuleEnv(L),
  };
}
