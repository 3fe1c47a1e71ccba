// Starting a program: the options every launcher (system.spawn now,
// subprocess actors next) describes a child with, their defaults, the PATH
// search, and the call into the native spawner (native/addon/spawn.cc).
// Options arrive validated as values (the Lua face checks types and words
// the errors); what is checked here are the rules between options that any
// caller could get wrong.

import { loadAddon } from '../native/load-addon';
import { errnoCodes } from '../errors/categories';
import type { SpawnRequest } from '../native/addon-api';
import { ChildProcess } from './child';
import { descriptorSlots, StdioChoice } from './stdio';
import { spawnStepName, SpawnStep } from './spawn-steps';

/** Which program runs. */
export type Program =
  | { kind: 'search'; name: Uint8Array } // PATH search (execvp's rules)
  | { kind: 'path'; path: Uint8Array } // exactly this path
  | { kind: 'fd'; fd: number }; // an open executable (fexecve)

export interface LaunchOptions {
  program: Program;
  /** argv, including argv[0]. */
  arguments: Uint8Array[];
  /** `NAME=value` entries. */
  environment: Uint8Array[];
  /** A variable set to the child's own pid (Emilua's "\0pid" value). */
  pidVariable?: Uint8Array;
  stdio: [StdioChoice, StdioChoice, StdioChoice];
  /** Child descriptor number (3..9) → descriptor of this process. */
  extraFds: ReadonlyMap<number, number>;
  /** CLONE_NEW* flags for the child (subprocess actors). */
  cloneFlags?: number;
  scheduler?: { policy?: number; priority?: number };
  newSession?: boolean;
  processGroup?: number;
  cttyFd?: number;
  foregroundFd?: number;
  setns?: { user?: number; mount?: number; uts?: number; ipc?: number; net?: number };
  groups?: number[];
  rgid?: number;
  egid?: number;
  ruid?: number;
  euid?: number;
  umask?: number;
  workingDirectory?: { path: Uint8Array } | { fd: number };
  pdeathsig?: number;
  noNewPrivs?: boolean;
  landlockFd?: number;
  seccompFilter?: Uint8Array;
}

export interface LaunchFailure {
  errno: number;
  step: SpawnStep | 'unknown';
}

const encoder = new TextEncoder();
const SLASH = 0x2f;
/** glibc's search path when PATH is unset (confstr(_CS_PATH)). */
const DEFAULT_PATH = '/bin:/usr/bin';

/**
 * The candidates execvp would try for `name`: the name itself when it has a
 * slash, else each PATH entry (an empty entry is the working directory).
 * PATH is the parent's, as Emilua's execvpe does.
 */
export function searchCandidates(name: Uint8Array, pathVariable = process.env.PATH ?? DEFAULT_PATH): Uint8Array[] {
  if (name.includes(SLASH)) return [name];
  return pathVariable.split(':').map((dir) => {
    if (dir === '') return name;
    const prefix = encoder.encode(dir.endsWith('/') ? dir : `${dir}/`);
    const full = new Uint8Array(prefix.length + name.length);
    full.set(prefix);
    full.set(name, prefix.length);
    return full;
  });
}

function programFields(program: Program): Pick<SpawnRequest, 'execKind' | 'paths' | 'programFd'> {
  switch (program.kind) {
    case 'search':
      return { execKind: 1, paths: searchCandidates(program.name), programFd: -1 };
    case 'path':
      return { execKind: 0, paths: [program.path], programFd: -1 };
    case 'fd':
      return { execKind: 2, paths: [], programFd: program.fd };
  }
}

/** The native request for `options` (exported for tests). */
export function spawnRequest(options: LaunchOptions): SpawnRequest {
  const ns = options.setns ?? {};
  const sched = options.scheduler ?? {};
  const cwd = options.workingDirectory;
  return {
    ...programFields(options.program),
    argv: options.arguments,
    envp: options.environment,
    pidVariable: options.pidVariable ?? null,
    fds: descriptorSlots(options.stdio, options.extraFds),
    cloneFlags: options.cloneFlags ?? 0,
    schedPolicy: sched.policy ?? -1,
    schedPriority: sched.priority ?? 0,
    schedSetPriority: sched.policy === undefined && sched.priority !== undefined,
    newSession: options.newSession ?? false,
    processGroup: options.processGroup ?? -1,
    cttyFd: options.cttyFd ?? -1,
    foregroundFd: options.foregroundFd ?? -1,
    setnsFds: [ns.user ?? -1, ns.mount ?? -1, ns.uts ?? -1, ns.ipc ?? -1, ns.net ?? -1],
    groups: options.groups ?? null,
    rgid: options.rgid ?? -1,
    egid: options.egid ?? -1,
    ruid: options.ruid ?? -1,
    euid: options.euid ?? -1,
    umask: options.umask ?? -1,
    cwdPath: cwd !== undefined && 'path' in cwd ? cwd.path : null,
    cwdFd: cwd !== undefined && 'fd' in cwd ? cwd.fd : -1,
    pdeathsig: options.pdeathsig ?? 0,
    noNewPrivs: options.noNewPrivs ?? false,
    landlockFd: options.landlockFd ?? -1,
    seccompFilter: options.seccompFilter ?? null,
  };
}

/**
 * Starts the program. On success the child is running (or has already
 * exited) and its owner must wait for it or abandon it; on failure nothing
 * is left behind (a child that failed before exec is reaped already).
 */
export function launch(options: LaunchOptions): ChildProcess | LaunchFailure {
  if (options.program.kind === 'search' && options.program.name.length === 0) {
    return { errno: errnoCodes.ENOENT, step: 'exec' }; // as execvp("")
  }
  const [first, second] = loadAddon().procSpawn(spawnRequest(options));
  if (first < 0) return { errno: -first, step: spawnStepName(second) };
  return new ChildProcess(first, second);
}
