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

  // --- filesystem module (native/addon/filesystem.cc). Paths are the raw
  // bytes of the path; one holding a NUL byte gives -EINVAL.

  /** mknod(2). 0 | -errno. */
  fsMknod(path: Uint8Array, mode: number, dev: number): number;
  /** makedev(3) of two unsigned 32-bit numbers (as a double). */
  fsMakedev(major: number, minor: number): number;
  /** major(3) of a device number. */
  fsDevMajor(dev: number): number;
  /** minor(3) of a device number. */
  fsDevMinor(dev: number): number;
  /** chroot(2). 0 | -errno. */
  fsChroot(path: Uint8Array): number;
  /** chdir(2). 0 | -errno. The caller must then invalidate Node's cached cwd. */
  fsChdir(path: Uint8Array): number;
  /** fchdir(2). 0 | -errno. Same remark as fsChdir. */
  fsFchdir(fd: number): number;
  /** getcwd(3) as raw bytes | -errno. */
  fsGetcwd(): Buffer | number;
  /** fchmodat(AT_FDCWD, path, mode, AT_SYMLINK_NOFOLLOW). 0 | -errno. */
  fsLchmod(path: Uint8Array, mode: number): number;
  /** utimensat() setting only the modification time (follows symlinks). 0 | -errno. */
  fsSetModificationTime(path: Uint8Array, sec: number, nsec: number): number;
  /** truncate(2); a length outside off_t gives -EINVAL. 0 | -errno. */
  fsTruncate(path: Uint8Array, length: number): number;
  /** clock_gettime(CLOCK_REALTIME) as [seconds, nanoseconds]. */
  fsRealtimeClock(): [number, number];

  // --- file module (native/addon/file.cc).

  /** flock(2) with the given LOCK_* bits (always with LOCK_NB from TypeScript). 0 | -errno. */
  fileFlock(fd: number, operation: number): number;
  /** lseek(2) with SEEK_SET/SEEK_CUR/SEEK_END = 0/1/2. New offset | -errno. */
  fileSeek(fd: number, offset: number, whence: number): number;
}

/** Names of every function in {@link NativeAddon}. */
export const NATIVE_ADDON_FUNCTIONS = [
  'strerror',
  'features',
  'landlockAbiVersion',
  'fsMknod',
  'fsMakedev',
  'fsDevMajor',
  'fsDevMinor',
  'fsChroot',
  'fsChdir',
  'fsFchdir',
  'fsGetcwd',
  'fsLchmod',
  'fsSetModificationTime',
  'fsTruncate',
  'fsRealtimeClock',
  'fileFlock',
  'fileSeek',
] as const satisfies readonly (keyof NativeAddon)[];

// Compile-time check that NATIVE_ADDON_FUNCTIONS lists every key of
// NativeAddon: fails to type-check when one is missing.
type MissingFromList = Exclude<keyof NativeAddon, (typeof NATIVE_ADDON_FUNCTIONS)[number]>;
const listIsComplete: [MissingFromList] extends [never] ? true : MissingFromList = true;
void listIsComplete;
