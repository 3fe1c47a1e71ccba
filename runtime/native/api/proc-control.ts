// native/addon/proc_control.cc: signals to a pid, process groups and
// sessions, credentials and no_new_privs for every thread, the dynamic
// linker's directories. Part of NativeAddon (../addon-api.ts); conventions there.

export interface ProcControlApi {
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

/** The names of ProcControlApi's functions: a name missing here, or one not in ProcControlApi, fails to compile. */
export const PROC_CONTROL_FUNCTIONS: Record<keyof ProcControlApi, true> = {
  procKill: true,
  procSetpgid: true,
  procSetsid: true,
  procSetresuid: true,
  procSetresgid: true,
  procSetgroups: true,
  procSetNoNewPrivs: true,
  procLdLibraryDirectories: true,
};
