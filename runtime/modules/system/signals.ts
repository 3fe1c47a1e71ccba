// system.signal: the signal numbers, raise(), ignore(), default() and
// signal sets.
//
// A signal set receives signals through Node (process.on): while at least
// one set of the process holds a signal, a Node listener for it is installed
// and libuv's handler replaces the signal's disposition; when the last set
// lets it go, the listener is removed and libuv restores SIG_DFL (as Asio
// does). Every set holding a signal gets each delivery; a delivery no wait()
// is there to take is queued in the set (a signal already queued there is
// not queued twice) until a wait() takes it, remove()/clear() drop it.
//
// ignore() and default() set SIG_IGN/SIG_DFL with sigaction(2). They refuse
// (EPERM) a signal that a set holds, and a signal with a handler that is not
// one Node installs only for its own convenience (SIGINT and SIGTERM, whose
// handlers restore the terminal before dying; SIGUSR1, which starts the
// inspector): Node, V8 and libuv depend on the others (SIGCHLD for child
// processes, SIGSEGV for V8's trap handler...).

import { constants as osConstants } from 'node:os';
import { lua, lauxlib, luaString, setFunctions, pushUserdata, toUserdata, LuaState, LuaJsFunction, indexKey } from '../../lua/lua-api';
import { raiseGenericError, raiseSystemError, raiseRuntimeError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { checkIntegerArg, SIGNAL } from '../../errors/integer-args';
import type { Fiber, WakeAction } from '../../fiber/fiber';
import { checkSuspensionAllowed, prepareSuspension, suspend, suspendCompleted, raiseCanceled } from '../../fiber/suspension';
import { vmOf } from '../../fiber/vm-of';
import { loadAddon } from '../../native/load-addon';
import { raiseIoError } from '../../io/fiber-io';
import { adoptVmResource, closeWithUserdata, VmResource } from '../../io/vm-resources';
import { requireMaster, isMasterVm } from './master';

const SIGNALS = osConstants.signals as Readonly<Record<string, number>>;

/** The names system.signal exposes: C's six, then POSIX's and Linux's usual ones. */
const EXPOSED = [
  'SIGABRT', 'SIGFPE', 'SIGILL', 'SIGINT', 'SIGSEGV', 'SIGTERM',
  'SIGALRM', 'SIGBUS', 'SIGCHLD', 'SIGCONT', 'SIGHUP', 'SIGIO', 'SIGKILL', 'SIGPIPE', 'SIGPOLL', 'SIGPROF',
  'SIGPWR', 'SIGQUIT', 'SIGSTOP', 'SIGSYS', 'SIGTRAP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGUSR1',
  'SIGUSR2', 'SIGVTALRM', 'SIGWINCH', 'SIGXCPU', 'SIGXFSZ',
];

/** Signal number to the name Node's process.on() takes (first name wins: SIGIO, not SIGPOLL). */
const NODE_NAMES = new Map<number, string>();
for (const [name, number] of Object.entries(SIGNALS)) if (!NODE_NAMES.has(number)) NODE_NAMES.set(number, name);

/** Signals whose Node-installed handler ignore()/default() may replace. */
const REPLACEABLE = new Set([SIGNALS.SIGINT, SIGNALS.SIGTERM, SIGNALS.SIGUSR1]);

/** Signals a non-master VM may raise even with their default disposition (it does not end the process). */
const HARMLESS_BY_DEFAULT = new Set([SIGNALS.SIGCONT, SIGNALS.SIGCHLD, SIGNALS.SIGURG, SIGNALS.SIGWINCH]);

const raiseAborted: WakeAction = (L) => raiseIoError(L, errnoCodes.ECANCELED);

interface Waiter {
  readonly fiber: Fiber;
  readonly wake: (fiber: Fiber, action: WakeAction) => void;
}

const holders = new Map<number, Set<SignalSet>>();
const listeners = new Map<number, () => void>();
let waitingCount = 0;
let keepAlive: NodeJS.Timeout | null = null;

/** Node's signal watchers do not keep the process alive; a pending wait() must. */
function updateKeepAlive(delta: number): void {
  waitingCount += delta;
  if (waitingCount > 0 && keepAlive === null) keepAlive = setInterval(() => undefined, 1 << 30);
  if (waitingCount === 0 && keepAlive !== null) {
    clearInterval(keepAlive);
    keepAlive = null;
  }
}

function deliver(signal: number): void {
  for (const set of [...(holders.get(signal) ?? [])]) set.deliver(signal);
}

/** Starts receiving `signal` for `set`; -errno when Node cannot watch it. */
function hold(set: SignalSet, signal: number): number {
  let sets = holders.get(signal);
  if (sets === undefined || sets.size === 0) {
    const name = NODE_NAMES.get(signal);
    if (name === undefined) return -errnoCodes.EINVAL;
    const listener = (): void => deliver(signal);
    try {
      process.on(name as NodeJS.Signals, listener);
    } catch (err) {
      const errno = (err as NodeJS.ErrnoException).errno;
      return typeof errno === 'number' && errno < 0 ? errno : -errnoCodes.EINVAL;
    }
    listeners.set(signal, listener);
    sets = new Set();
    holders.set(signal, sets);
  }
  sets.add(set);
  return 0;
}

function letGo(set: SignalSet, signal: number): void {
  const sets = holders.get(signal);
  if (sets === undefined) return;
  sets.delete(set);
  if (sets.size > 0) return;
  holders.delete(signal);
  const listener = listeners.get(signal);
  listeners.delete(signal);
  const name = NODE_NAMES.get(signal);
  if (listener !== undefined && name !== undefined) process.removeListener(name as NodeJS.Signals, listener);
}

class SignalSet implements VmResource {
  readonly signals = new Set<number>();
  private readonly queued: number[] = [];
  private readonly waiters: Waiter[] = [];

  add(signal: number): number {
    if (this.signals.has(signal)) return 0;
    const ret = hold(this, signal);
    if (ret === 0) this.signals.add(signal);
    return ret;
  }

  remove(signal: number): void {
    if (!this.signals.delete(signal)) return;
    letGo(this, signal);
    this.dropQueued(signal);
  }

  clear(): void {
    for (const signal of [...this.signals]) this.remove(signal);
  }

  /** Aborts every pending wait with operation_aborted; queued signals stay. */
  cancel(): void {
    for (const waiter of this.waiters.splice(0)) {
      updateKeepAlive(-1);
      waiter.wake(waiter.fiber, raiseAborted);
    }
  }

  deliver(signal: number): void {
    const waiter = this.waiters.shift();
    if (waiter !== undefined) {
      updateKeepAlive(-1);
      waiter.wake(waiter.fiber, pushSignal(signal));
      return;
    }
    if (!this.queued.includes(signal)) this.queued.push(signal);
  }

  takeQueued(): number | undefined {
    return this.queued.shift();
  }

  addWaiter(waiter: Waiter): void {
    this.waiters.push(waiter);
    updateKeepAlive(1);
  }

  /** Forgets a wait that has not been answered; false if it has. */
  removeWaiter(fiber: Fiber): boolean {
    const idx = this.waiters.findIndex((w) => w.fiber === fiber);
    if (idx === -1) return false;
    this.waiters.splice(idx, 1);
    updateKeepAlive(-1);
    return true;
  }

  closeForVm(): void {
    this.cancel();
    this.clear();
  }

  private dropQueued(signal: number): void {
    const idx = this.queued.indexOf(signal);
    if (idx !== -1) this.queued.splice(idx, 1);
  }
}

function pushSignal(signal: number): WakeAction {
  return (L) => {
    lua.lua_pushnumber(L, signal);
    return 1;
  };
}

const SET_KIND = 'system.signal.set';
const SET_METATABLE = luaString('emilua-ts system.signal.set');

function checkSet(L: LuaState): SignalSet {
  const set = toUserdata<SignalSet>(L, 1, SET_KIND);
  if (set === undefined) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
  return set;
}

function checkSignal(L: LuaState, idx: number): number {
  if (lua.lua_type(L, idx) !== lua.LUA_TNUMBER) return raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
  return checkIntegerArg(L, idx, SIGNAL);
}

const setMethods: Record<string, LuaJsFunction> = {
  wait(L) {
    checkSuspensionAllowed(L, true);
    const set = checkSet(L);
    const fiber = prepareSuspension(L, true);
    const queued = set.takeQueued();
    if (queued !== undefined) return suspendCompleted(L, fiber, pushSignal(queued));
    const scheduler = vmOf(L).scheduler;
    set.addWaiter({ fiber, wake: (f, action) => scheduler.wake(f, action) });
    return suspend(L, fiber, {
      cancellable: true,
      cancel() {
        if (set.removeWaiter(fiber)) scheduler.wake(fiber, raiseCanceled);
      },
    });
  },
  add(L) {
    lua.lua_settop(L, 2);
    requireMaster(L);
    const set = checkSet(L);
    const signal = checkSignal(L, 2);
    const ret = set.add(signal);
    if (ret < 0) return raiseSystemError(L, -ret);
    return 0;
  },
  remove(L) {
    lua.lua_settop(L, 2);
    const set = checkSet(L);
    set.remove(checkSignal(L, 2));
    return 0;
  },
  clear(L) {
    checkSet(L).clear();
    return 0;
  },
  cancel(L) {
    checkSet(L).cancel();
    return 0;
  },
};

function ensureSetMetatable(L: LuaState): void {
  if (lauxlib.luaL_newmetatable(L, SET_METATABLE)) {
    setFunctions(L, -1, {
      __index(L) {
        const key = indexKey(L);
        if (!Object.hasOwn(setMethods, key)) return raiseRuntimeError(L, 'bad_index', { index: 2 });
        lua.lua_pushcfunction(L, setMethods[key]);
        return 1;
      },
    });
    lua.lua_pushstring(L, luaString(SET_KIND));
    lua.lua_setfield(L, -2, luaString('__metatable'));
  }
  lua.lua_pop(L, 1);
}

const newSet: LuaJsFunction = (L) => {
  requireMaster(L);
  const n = lua.lua_gettop(L);
  const signals: number[] = [];
  for (let i = 1; i <= n; i++) signals.push(checkSignal(L, i));
  ensureSetMetatable(L);
  const set = new SignalSet();
  pushUserdata(L, SET_KIND, set, SET_METATABLE);
  adoptVmResource(L, set);
  closeWithUserdata(L, -1, set);
  for (let i = 0; i < signals.length; i++) {
    const ret = set.add(signals[i]);
    if (ret < 0) {
      set.clear();
      return raiseSystemError(L, -ret, { arg: i + 1 });
    }
  }
  return 1;
};

/** EPERM unless ignore()/default() may change this signal's disposition now. */
function checkDispositionChange(L: LuaState, signal: number): void {
  if ((holders.get(signal)?.size ?? 0) > 0) raiseGenericError(L, errnoCodes.EPERM);
  const current = loadAddon().signalDisposition(signal);
  if (current < 0) raiseSystemError(L, -current);
  if (current === 2 && !REPLACEABLE.has(signal)) raiseGenericError(L, errnoCodes.EPERM);
}

function setDisposition(ignore: boolean): LuaJsFunction {
  return (L) => {
    const signal = checkSignal(L, 1);
    requireMaster(L);
    checkDispositionChange(L, signal);
    const ret = loadAddon().signalSetDisposition(signal, ignore);
    if (ret < 0) return raiseSystemError(L, -ret);
    return 0;
  };
}

const raiseSignal: LuaJsFunction = (L) => {
  const signal = checkSignal(L, 1);
  if (!isMasterVm(L)) {
    // Only the master VM may end the process.
    if (signal === SIGNALS.SIGKILL || signal === SIGNALS.SIGSTOP) return raiseGenericError(L, errnoCodes.EPERM);
    if (!HARMLESS_BY_DEFAULT.has(signal) && loadAddon().signalDisposition(signal) === 0) {
      return raiseGenericError(L, errnoCodes.EPERM);
    }
  }
  const ret = loadAddon().signalRaise(signal);
  if (ret < 0) return raiseSystemError(L, -ret);
  return 0;
};

/** Pushes the system.signal table. */
export function pushSignalTable(L: LuaState): void {
  lua.lua_createtable(L, 0, EXPOSED.length + 4);
  for (const name of EXPOSED) {
    const value = SIGNALS[name];
    if (value === undefined) continue;
    lua.lua_pushnumber(L, value);
    lua.lua_setfield(L, -2, luaString(name));
  }
  setFunctions(L, -1, {
    raise: raiseSignal,
    ignore: setDisposition(true),
    default: setDisposition(false),
  });
  lua.lua_createtable(L, 0, 1);
  setFunctions(L, -1, { new: newSet });
  lua.lua_setfield(L, -2, luaString('set'));
}
