// native/addon/landlock.cc: Landlock probing.
// Part of NativeAddon (../addon-api.ts); conventions there.

export interface LandlockApi {
  /**
   * `landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION)`:
   * the running kernel's Landlock ABI version (>= 1), or -errno:
   * -ENOSYS when the kernel (or this build) lacks Landlock, -EOPNOTSUPP when
   * Landlock is built into the kernel but disabled at boot.
   */
  landlockAbiVersion(): number;
}

/** The names of LandlockApi's functions: a name missing here, or one not in LandlockApi, fails to compile. */
export const LANDLOCK_FUNCTIONS: Record<keyof LandlockApi, true> = {
  landlockAbiVersion: true,
};
