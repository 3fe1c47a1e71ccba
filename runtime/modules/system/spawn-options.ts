// system.spawn's option table read into the process engine's LaunchOptions
// (runtime/process/launch.ts). Options are read in the order Emilua reads
// them, so the first bad one is the one reported: a value of the wrong type
// raises EINVAL with arg = the option's name, a closed file_descriptor
// EBUSY with the same arg.

import { lua, luaString, LuaState } from '../../lua/lua-api';
import { raiseGenericError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { toFileDescriptor } from '../../io/descriptor-object';
import { toPath, pathBuffer } from '../../io/path-object';
import { toByteSpan } from '../../io/byte-span/lua-binding';
import type { LaunchOptions, Program } from '../../process/launch';
import type { StdioChoice } from '../../process/stdio';
import { EXTRA_FD_FIRST, EXTRA_FD_LAST } from '../../process/stdio';
import { toSlave, type Slave } from '../../io/libc-service/slave';

/** The spawn options plus what only the Lua object needs. */
export interface SpawnOptions extends LaunchOptions {
  signalOnGcreaper: number;
  /** libc_service slaves of extra_fds: consumed by spawn.ts once every option is read. */
  libcSlaves: Slave[];
}

const SIGTERM = 15;
// sched.h; SCHED_FIFO and SCHED_RR take priorities 1..99 on Linux.
const SCHED_POLICIES: Readonly<Record<string, number>> = { other: 0, fifo: 1, rr: 2, batch: 3, idle: 5 };
const SCHED_RESET_ON_FORK = 0x40000000;
const REALTIME_PRIORITY_MIN = 1;
const REALTIME_PRIORITY_MAX = 99;
const MAX_ID = 0xfffffffe;
const BPF_INSTRUCTION = 8;
const BPF_MAXINSNS = 4096;
const PID_VALUE = Uint8Array.of(0, 0x70, 0x69, 0x64); // "\0pid"
const EQUALS = 0x3d;

function einval(L: LuaState, arg: string): never {
  return raiseGenericError(L, errnoCodes.EINVAL, { arg });
}

/** Pushes opts[name] (opts at index 1); returns its type. */
function field(L: LuaState, name: string, tableIdx = 1): number {
  return lua.lua_getfield(L, tableIdx, luaString(name));
}

function bytesAt(L: LuaState, idx: number): Uint8Array {
  return lua.lua_tolstring(L, idx) as Uint8Array;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A descriptor option at the top of the stack (popped); undefined when nil. */
function fdAtTop(L: LuaState, name: string): number | undefined {
  if (lua.lua_isnil(L, -1)) {
    lua.lua_pop(L, 1);
    return undefined;
  }
  const handle = toFileDescriptor(L, -1);
  if (handle === undefined) return einval(L, name);
  if (handle.fd === -1) return raiseGenericError(L, errnoCodes.EBUSY, { arg: name });
  lua.lua_pop(L, 1);
  return handle.fd;
}

function fdOption(L: LuaState, name: string): number | undefined {
  field(L, name);
  return fdAtTop(L, name);
}

/** An integer option (numbers are truncated, as lua_tointeger does). */
function intOption(L: LuaState, name: string, tableIdx = 1, arg = name): number | undefined {
  const type = field(L, name, tableIdx);
  if (type === lua.LUA_TNIL) {
    lua.lua_pop(L, 1);
    return undefined;
  }
  if (type !== lua.LUA_TNUMBER) return einval(L, arg);
  const value = Math.trunc(lua.lua_tonumber(L, -1));
  lua.lua_pop(L, 1);
  if (!Number.isFinite(value)) return einval(L, arg);
  return value;
}

function boolOption(L: LuaState, name: string, tableIdx = 1, arg = name): boolean | undefined {
  const type = field(L, name, tableIdx);
  if (type === lua.LUA_TNIL) {
    lua.lua_pop(L, 1);
    return undefined;
  }
  if (type !== lua.LUA_TBOOLEAN) return einval(L, arg);
  const value = lua.lua_toboolean(L, -1);
  lua.lua_pop(L, 1);
  return value;
}

/** A user or group ID: -1 (or nil) leaves it alone. */
function idOption(L: LuaState, name: string): number | undefined {
  const value = intOption(L, name);
  if (value === undefined || value === -1) return undefined;
  if (value < 0 || value > MAX_ID) return einval(L, name);
  return value;
}

function readProgram(L: LuaState): Program {
  const type = field(L, 'program');
  let program: Program;
  if (type === lua.LUA_TSTRING) {
    const name = bytesAt(L, -1);
    if (name.includes(0)) return einval(L, 'program');
    program = { kind: 'search', name };
  } else {
    const path = toPath(L, -1);
    if (path !== undefined) {
      const bytes = pathBuffer(path);
      if (bytes.includes(0)) return einval(L, 'program');
      program = { kind: 'path', path: bytes };
    } else {
      const fd = fdAtTop(L, 'program');
      if (fd === undefined) return einval(L, 'program');
      return { kind: 'fd', fd };
    }
  }
  lua.lua_pop(L, 1);
  return program;
}

function readArguments(L: LuaState): Uint8Array[] {
  const type = field(L, 'arguments');
  const args: Uint8Array[] = [];
  if (type === lua.LUA_TTABLE) {
    for (let i = 1; ; i++) {
      const t = lua.lua_rawgeti(L, -1, i);
      if (t === lua.LUA_TNIL) break;
      if (t !== lua.LUA_TSTRING) return einval(L, 'arguments');
      const arg = bytesAt(L, -1);
      if (arg.includes(0)) return einval(L, 'arguments');
      args.push(arg);
      lua.lua_pop(L, 1);
    }
    lua.lua_pop(L, 1);
  } else if (type !== lua.LUA_TNIL) {
    return einval(L, 'arguments');
  }
  lua.lua_pop(L, 1);
  return args;
}

/**
 * environment: "NAME=value" entries. The value "\0pid" (at most one) asks
 * for the child's pid; keys starting with "\0" are skipped (runtime-private
 * entries of system.environment in Emilua's subprocess actors).
 */
function readEnvironment(L: LuaState, options: SpawnOptions): void {
  const type = field(L, 'environment');
  if (type === lua.LUA_TNIL) {
    lua.lua_pop(L, 1);
    return;
  }
  if (type !== lua.LUA_TTABLE) return einval(L, 'environment');
  lua.lua_pushnil(L);
  while (lua.lua_next(L, -2) !== 0) {
    if (lua.lua_type(L, -2) !== lua.LUA_TSTRING || lua.lua_type(L, -1) !== lua.LUA_TSTRING) {
      return einval(L, 'environment');
    }
    const key = bytesAt(L, -2);
    const value = bytesAt(L, -1);
    if (sameBytes(value, PID_VALUE)) {
      if (options.pidVariable !== undefined) return einval(L, 'environment');
      if (key.includes(0) || key.includes(EQUALS)) return einval(L, 'environment');
      options.pidVariable = key;
    } else if (key.length === 0 || key[0] !== 0) {
      if (key.includes(0) || key.includes(EQUALS) || value.includes(0)) return einval(L, 'environment');
      const entry = new Uint8Array(key.length + 1 + value.length);
      entry.set(key);
      entry[key.length] = EQUALS;
      entry.set(value, key.length + 1);
      options.environment.push(entry);
    }
    lua.lua_pop(L, 1);
  }
  lua.lua_pop(L, 1);
}

function readStdio(L: LuaState, name: 'stdin' | 'stdout' | 'stderr'): StdioChoice {
  const type = field(L, name);
  if (type === lua.LUA_TNIL) {
    lua.lua_pop(L, 1);
    return 'closed';
  }
  if (type === lua.LUA_TSTRING) {
    if (!sameBytes(bytesAt(L, -1), luaString('share'))) return einval(L, name);
    lua.lua_pop(L, 1);
    return 'share';
  }
  return fdAtTop(L, name) as number;
}

/**
 * extra_fds: keys 3..9 only (other keys are ignored, as in Emilua). A value
 * is a file_descriptor or a libc_service.slave; a slave is consumed by this
 * call (once every option is read, spawn.ts) and is an error when it was
 * consumed before or appears twice.
 */
function readExtraFds(L: LuaState, slaves: Slave[]): Map<number, number> {
  const fds = new Map<number, number>();
  const type = field(L, 'extra_fds');
  if (type === lua.LUA_TTABLE) {
    for (let target = EXTRA_FD_FIRST; target <= EXTRA_FD_LAST; target++) {
      lua.lua_rawgeti(L, -1, target);
      const slave = toSlave(L, -1);
      if (slave !== undefined) {
        if (slave.fd === -1 || slaves.includes(slave)) {
          // As a closed file_descriptor: EBUSY naming the option.
          return raiseGenericError(L, errnoCodes.EBUSY, { arg: 'extra_fds', detail: 'libc_service.slave already consumed' });
        }
        slaves.push(slave);
        fds.set(target, slave.fd);
        lua.lua_pop(L, 1);
        continue;
      }
      const fd = fdAtTop(L, 'extra_fds');
      if (fd !== undefined) fds.set(target, fd);
    }
  } else if (type !== lua.LUA_TNIL) {
    return einval(L, 'extra_fds');
  }
  lua.lua_pop(L, 1);
  return fds;
}

function readScheduler(L: LuaState): LaunchOptions['scheduler'] {
  const type = field(L, 'scheduler');
  if (type === lua.LUA_TNIL) {
    lua.lua_pop(L, 1);
    return undefined;
  }
  if (type !== lua.LUA_TTABLE) return einval(L, 'scheduler');
  const table = lua.lua_gettop(L);
  let policy: number | undefined;
  const policyType = field(L, 'policy', table);
  if (policyType === lua.LUA_TSTRING) {
    const name = lua.lua_tojsstring(L, -1);
    policy = Object.hasOwn(SCHED_POLICIES, name) ? SCHED_POLICIES[name] : einval(L, 'scheduler.policy');
  } else if (policyType !== lua.LUA_TNIL) {
    return einval(L, 'scheduler.policy');
  }
  lua.lua_pop(L, 1);
  const resetOnFork = boolOption(L, 'reset_on_fork', table, 'scheduler.reset_on_fork');
  if (resetOnFork !== undefined) {
    if (policy === undefined) return einval(L, 'scheduler.reset_on_fork');
    if (resetOnFork) policy |= SCHED_RESET_ON_FORK;
  }
  let priority = intOption(L, 'priority', table, 'scheduler.priority');
  lua.lua_pop(L, 1); // the scheduler table
  if (policy !== undefined) {
    const base = policy & ~SCHED_RESET_ON_FORK;
    if (base === SCHED_POLICIES.fifo || base === SCHED_POLICIES.rr) {
      if (priority === undefined || priority < REALTIME_PRIORITY_MIN || priority > REALTIME_PRIORITY_MAX) {
        return einval(L, 'scheduler.priority');
      }
    } else {
      if (priority !== undefined && priority !== 0) return einval(L, 'scheduler.priority');
      priority = 0;
    }
  }
  return { policy, priority };
}

/** `foreground`: "stdin"/"stdout"/"stderr" (only when shared) or a descriptor. */
function readForeground(L: LuaState, options: SpawnOptions): number | undefined {
  const type = field(L, 'foreground');
  if (type === lua.LUA_TNIL) {
    lua.lua_pop(L, 1);
    return undefined;
  }
  if (options.processGroup === undefined) return einval(L, 'foreground');
  if (type === lua.LUA_TSTRING) {
    const index = ['stdin', 'stdout', 'stderr'].indexOf(lua.lua_tojsstring(L, -1));
    if (index === -1 || options.stdio[index] !== 'share') return einval(L, 'foreground');
    lua.lua_pop(L, 1);
    return index;
  }
  return fdAtTop(L, 'foreground');
}

function readExtraGroups(L: LuaState): number[] | undefined {
  const type = field(L, 'extra_groups');
  if (type === lua.LUA_TNIL) {
    lua.lua_pop(L, 1);
    return undefined;
  }
  if (type !== lua.LUA_TTABLE) return einval(L, 'extra_groups');
  const groups: number[] = [];
  for (let i = 1; ; i++) {
    const t = lua.lua_rawgeti(L, -1, i);
    if (t === lua.LUA_TNIL) break;
    const gid = t === lua.LUA_TNUMBER ? Math.trunc(lua.lua_tonumber(L, -1)) : NaN;
    if (!(gid >= 0 && gid <= MAX_ID)) return einval(L, 'extra_groups');
    groups.push(gid);
    lua.lua_pop(L, 1);
  }
  lua.lua_pop(L, 2);
  return groups;
}

/** seccomp_set_mode_filter: a byte_span or string of struct sock_filter. */
function readSeccompFilter(L: LuaState): Uint8Array | undefined {
  const type = field(L, 'seccomp_set_mode_filter');
  let bytes: Uint8Array | undefined;
  if (type === lua.LUA_TSTRING) bytes = Uint8Array.from(bytesAt(L, -1));
  else if (type !== lua.LUA_TNIL) {
    const span = toByteSpan(L, -1);
    if (span === undefined) return einval(L, 'seccomp_set_mode_filter');
    bytes = span.toBytes();
  }
  lua.lua_pop(L, 1);
  if (bytes === undefined) return undefined;
  if (bytes.length === 0 || bytes.length % BPF_INSTRUCTION !== 0 || bytes.length / BPF_INSTRUCTION > BPF_MAXINSNS) {
    return einval(L, 'seccomp_set_mode_filter');
  }
  return bytes;
}

function readWorkingDirectory(L: LuaState): LaunchOptions['workingDirectory'] {
  field(L, 'working_directory');
  const path = toPath(L, -1);
  if (path !== undefined) {
    const bytes = pathBuffer(path);
    if (bytes.includes(0)) return einval(L, 'working_directory');
    lua.lua_pop(L, 1);
    return { path: bytes };
  }
  const fd = fdAtTop(L, 'working_directory');
  return fd === undefined ? undefined : { fd };
}

/** Reads the option table at index 1. */
export function readSpawnOptions(L: LuaState): SpawnOptions {
  if (lua.lua_type(L, 1) !== lua.LUA_TTABLE) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
  const options: SpawnOptions = {
    program: readProgram(L),
    signalOnGcreaper: intOption(L, 'signal_on_gcreaper') ?? SIGTERM,
    arguments: readArguments(L),
    environment: [],
    stdio: ['closed', 'closed', 'closed'],
    extraFds: new Map(),
    libcSlaves: [],
  };
  readEnvironment(L, options);
  options.stdio = [readStdio(L, 'stdin'), readStdio(L, 'stdout'), readStdio(L, 'stderr')];
  options.extraFds = readExtraFds(L, options.libcSlaves);
  options.scheduler = readScheduler(L);
  options.newSession = boolOption(L, 'start_new_session') ?? false;
  field(L, 'set_ctty');
  if (!lua.lua_isnil(L, -1) && !options.newSession) return einval(L, 'set_ctty');
  options.cttyFd = fdAtTop(L, 'set_ctty');
  options.processGroup = intOption(L, 'process_group');
  if (options.processGroup !== undefined && options.processGroup < 0) return einval(L, 'process_group');
  options.foregroundFd = readForeground(L, options);
  if (options.cttyFd !== undefined && options.foregroundFd !== undefined) return einval(L, 'set_ctty/foreground');
  options.ruid = idOption(L, 'ruid');
  options.euid = idOption(L, 'euid');
  options.rgid = idOption(L, 'rgid');
  options.egid = idOption(L, 'egid');
  options.groups = readExtraGroups(L);
  options.noNewPrivs = boolOption(L, 'set_no_new_privs') ?? false;
  options.seccompFilter = readSeccompFilter(L);
  options.landlockFd = fdOption(L, 'landlock_restrict_self');
  const umask = intOption(L, 'umask');
  if (umask !== undefined && (umask < 0 || umask > 0o7777)) return einval(L, 'umask');
  options.umask = umask;
  options.workingDirectory = readWorkingDirectory(L);
  const pdeathsig = intOption(L, 'pdeathsig');
  if (pdeathsig !== undefined && (pdeathsig < 0 || pdeathsig > 64)) return einval(L, 'pdeathsig');
  options.pdeathsig = pdeathsig;
  options.setns = {
    user: fdOption(L, 'setns_user'),
    mount: fdOption(L, 'setns_mount'),
    uts: fdOption(L, 'setns_uts'),
    ipc: fdOption(L, 'setns_ipc'),
    net: fdOption(L, 'setns_net'),
  };
  return options;
}
