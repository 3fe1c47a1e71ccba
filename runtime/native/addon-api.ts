// The one typed declaration of everything the native addon
// (native/addon/, target emilua_ts_native in binding.gyp) exports.
//
// Every native function is listed twice here: in NativeAddon with its
// contract, and in NATIVE_ADDON_FUNCTIONS so the loader can reject a stale
// build. The compiler checks that the two lists agree.
//
// Convention: the addon performs syscalls and returns plain values; failures
// come back as a negative errno (-EINVAL, ...) rather than exceptions. It only
// throws TypeError when called with arguments of the wrong type. Policy,
// validation and messages belong to the TypeScript callers.

export interface NativeAddon {
  /**
   * glibc's untranslated description of an errno value, e.g.
   * `strerror(22) === 'Invalid argument'`. Unknown values give
   * `'Unknown error <n>'`. Never throws for a number argument.
   */
  strerror(errno: number): string;

  /**
   * Kernel interfaces this build of the addon supports, decided at compile
   * time from the system headers: any of `'landlock'`, `'seccomp'`,
   * `'pidfd'`, `'scm_rights'`. Says nothing about the running kernel; probe
   * that with the matching function (e.g. {@link landlockAbiVersion}).
   */
  features(): string[];

  /**
   * `landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION)`:
   * the running kernel's Landlock ABI version (>= 1), or -errno:
   * -ENOSYS when the kernel (or this build) lacks Landlock, -EOPNOTSUPP when
   * Landlock is built into the kernel but disabled at boot.
   */
  landlockAbiVersion(): number;
}

/** Names of every function in {@link NativeAddon}. */
export const NATIVE_ADDON_FUNCTIONS = [
  'strerror',
  'features',
  'landlockAbiVersion',
] as const satisfies readonly (keyof NativeAddon)[];

// Compile-time check that NATIVE_ADDON_FUNCTIONS lists every key of
// NativeAddon: fails to type-check when one is missing.
type MissingFromList = Exclude<keyof NativeAddon, (typeof NATIVE_ADDON_FUNCTIONS)[number]>;
const listIsComplete: [MissingFromList] extends [never] ? true : MissingFromList = true;
void listIsComplete;
