// native/addon/features.cc: What this build of the addon supports.
// Part of NativeAddon (../addon-api.ts); conventions there.

export interface FeaturesApi {
  /**
   * Kernel interfaces this build of the addon supports, decided at compile
   * time from the system headers: any of `'landlock'`, `'seccomp'`,
   * `'pidfd'`, `'scm_rights'`. Says nothing about the running kernel; probe
   * that with the matching function (e.g. {@link landlockAbiVersion}).
   */
  features(): string[];
}

/** The names of FeaturesApi's functions: a name missing here, or one not in FeaturesApi, fails to compile. */
export const FEATURES_FUNCTIONS: Record<keyof FeaturesApi, true> = {
  features: true,
};
