// The addon's process functions (native/addon/spawn.cc, spawn_child.cc,
// proc_control.cc): starting programs, reaping them through pidfds, and
// process control. Part of NativeAddon (addon-api.ts).

/**
 * What procSpawn needs; runtime/process/launch.ts builds it. Byte strings
 * must not hold NUL bytes (the caller checks). -1 means "not given" for
 * every descriptor and ID field.
 */
export interface SpawnRequest {
  /** 0: execve(paths[0]); 1: execve on each of `paths` in turn (a PATH search, execvp's rules); 2: execveat(programFd). */
  execKind: 0 | 1 | 2;
  paths: Uint8Array[];
  programFd: number;
  argv: Uint8Array[];
  /** `NAME=value` entries. */
  envp: Uint8Array[];
  /** A variable the child adds to its environment, last, with its own pid as value. */
  pidVariable: Uint8Array | null;
  /**
   * The child's descriptors 0..9: a descriptor of this process, -1 closed,
   * -2 the read end of a pipe whose write end is closed, -3 the write end of
   * a pipe whose read end is closed. Every other descriptor is closed.
   */
  fds: number[];
  /** CLONE_NEW* flags only (subprocess actors); anything else gives -EINVAL. */
  cloneFlags: number;
  /** SCHED_* (| SCHED_RESET_ON_FORK) or -1. */
  schedPolicy: number;
  schedPriority: number;
  /** Apply schedPriority alone (sched_setparam) when schedPolicy is -1. */
  schedSetPriority: boolean;
  newSession: boolean;
  /** setpgid(0, processGroup) or -1. */
  processGroup: number;
  /** ioctl(TIOCSCTTY) on this descriptor, or -1. */
  cttyFd: number;
  /** tcsetpgrp(foregroundFd, the child's group) or -1. */
  foregroundFd: number;
  /** setns descriptors: user, mount, uts, ipc, net (-1 each when absent). */
  setnsFds: number[];
  groups: number[] | null;
  rgid: number;
  egid: number;
  ruid: number;
  euid: number;
  umask: number;
  cwdPath: Uint8Array | null;
  cwdFd: number;
  /** PR_SET_PDEATHSIG signal, 0 none. */
  pdeathsig: number;
  noNewPrivs: boolean;
  landlockFd: number;
  /** struct sock_filter[] bytes (a non-zero multiple of 8, at most 4096 instructions) or null. */
  seccompFilter: Uint8Array | null;
}

export interface ProcessAddon {
  /**
   * Starts a program (clone with CLONE_VM | CLONE_VFORK | CLONE_PIDFD; see
   * native/addon/spawn_child.cc for the order of the steps). Returns
   * [pid, pidfd] (the pidfd is close-on-exec), or [-errno, step] where step
   * indexes SPAWN_STEPS (runtime/process/spawn-steps.ts); a child that failed
   * before exec is already reaped. Throws TypeError for a malformed request.
   */
  procSpawn(request: SpawnRequest): [number, number];
  /**
   * waitid(P_PIDFD, WEXITED | WNOHANG): [0, 0] still running, [1, exit code],
   * [2, signal] killed, [3, signal] killed with a core dump | -errno
   * (-ECHILD once reaped).
   */
  procWaitid(pidfd: number): [number, number] | number;
  /** pidfd_send_signal(2); sig 0 only checks. 0 | -errno (-ESRCH: exited). */
  procPidfdSignal(pidfd: number, sig: number): number;
  /** kill(2). 0 | -errno. */
  procKill(pid: number, sig: number): number;
  /** setpgid(2). 0 | -errno. */
  procSetpgid(pid: number, pgid: number): number;
  /** setsid(2): the new session ID | -errno. */
  procSetsid(): number;
  /** glibc's setresuid (applies to every thread); -1 keeps an ID. 0 | -errno. */
  procSetresuid(r: number, e: number, s: number): number;
  /** glibc's setresgid (applies to every thread); -1 keeps an ID. 0 | -errno. */
  procSetresgid(r: number, e: number, s: number): number;
  /** glibc's setgroups (applies to every thread). 0 | -errno. */
  procSetgroups(gids: number[]): number;
  /**
   * no_new_privs on every thread: prctl on this one, then an allow-all
   * seccomp filter with TSYNC, which copies the flag to the others.
   * 0 | -errno (-EBUSY: a thread has a seccomp filter of its own).
   */
  procSetNoNewPrivs(): number;
  /**
   * Descriptors (O_PATH | O_DIRECTORY, close-on-exec) of the dynamic
   * linker's search directories for this executable (RTLD_DI_SERINFO),
   * each once; those that fail to open are skipped. number[] | -errno.
   */
  procLdLibraryDirectories(): number[] | number;
}

export const PROCESS_ADDON_FUNCTIONS = [
  'procSpawn',
  'procWaitid',
  'procPidfdSignal',
  'procKill',
  'procSetpgid',
  'procSetsid',
  'procSetresuid',
  'procSetresgid',
  'procSetgroups',
  'procSetNoNewPrivs',
  'procLdLibraryDirectories',
] as const satisfies readonly (keyof ProcessAddon)[];
