// native/addon/landlock.cc: Landlock probing, rulesets and rules;
// native/addon/landlock_threads.cc: enforcing a ruleset on every thread;
// native/addon/seccomp.cc: a seccomp filter on every thread.
// Part of NativeAddon (../addon-api.ts); conventions there.

export interface LandlockApi {
  /**
   * `landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION)`:
   * the running kernel's Landlock ABI version (>= 1), or -errno:
   * -ENOSYS when the kernel (or this build) lacks Landlock, -EOPNOTSUPP when
   * Landlock is built into the kernel but disabled at boot.
   */
  landlockAbiVersion(): number;
  /**
   * landlock_create_ruleset with these handled masks (fs: ABI 1, net: ABI 4,
   * scoped: ABI 6; the struct passed is cut after the last non-zero field).
   * The ruleset fd (close-on-exec) | -errno.
   */
  landlockCreateRuleset(fs: number, net: number, scoped: number): number;
  /** landlock_add_rule(LANDLOCK_RULE_PATH_BENEATH). 0 | -errno. */
  landlockAddPathBeneath(ruleset: number, allowed: number, parentFd: number): number;
  /** landlock_add_rule(LANDLOCK_RULE_NET_PORT) (ABI 4). 0 | -errno. */
  landlockAddNetPort(ruleset: number, allowed: number, port: number): number;
  /**
   * landlock_restrict_self on every thread of the process (TSYNC on ABI >= 8,
   * else a signal broadcast): the number of threads restricted | -errno
   * (-ETIMEDOUT: a thread did not answer; then the process is partly restricted).
   */
  landlockRestrictAllThreads(ruleset: number): number;
  /**
   * seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, program):
   * 0 | -errno (-EINVAL: not a non-empty multiple of 8 bytes or refused by
   * the kernel; -EBUSY: a thread has a filter of its own).
   */
  seccompSetModeFilterAllThreads(program: Uint8Array): number;
}

/** The names of LandlockApi's functions: a name missing here, or one not in LandlockApi, fails to compile. */
export const LANDLOCK_FUNCTIONS: Record<keyof LandlockApi, true> = {
  landlockAbiVersion: true,
  landlockCreateRuleset: true,
  landlockAddPathBeneath: true,
  landlockAddNetPort: true,
  landlockRestrictAllThreads: true,
  seccompSetModeFilterAllThreads: true,
};
