// native/addon/spawn.cc (and spawn_child.cc): starting programs, reaping
// them through pidfds. Part of NativeAddon (../addon-api.ts); conventions there.

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

export interface SpawnApi {
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
}

/** The names of SpawnApi's functions: a name missing here, or one not in SpawnApi, fails to compile. */
export const SPAWN_FUNCTIONS: Record<keyof SpawnApi, true> = {
  procSpawn: true,
  procWaitid: true,
  procPidfdSignal: true,
};
