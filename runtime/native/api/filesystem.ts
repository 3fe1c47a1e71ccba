// native/addon/filesystem.cc: Path syscalls Node lacks, for the filesystem module. Paths are the raw
// bytes of the path; one holding a NUL byte gives -EINVAL.
// Part of NativeAddon (../addon-api.ts); conventions there.

export interface FilesystemApi {
  /** mknod(2). 0 | -errno. */
  fsMknod(path: Uint8Array, mode: number, dev: number): number;
  /** makedev(3) of two unsigned 32-bit numbers (as a double). */
  fsMakedev(major: number, minor: number): number;
  /** major(3) of a device number. */
  fsDevMajor(dev: number): number;
  /** minor(3) of a device number. */
  fsDevMinor(dev: number): number;
  /** umask(2) with `mask & 0o7777`; returns the previous mask. Works on any thread. */
  fsUmask(mask: number): number;
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
}

/** The names of FilesystemApi's functions: a name missing here, or one not in FilesystemApi, fails to compile. */
export const FILESYSTEM_FUNCTIONS: Record<keyof FilesystemApi, true> = {
  fsMknod: true,
  fsMakedev: true,
  fsDevMajor: true,
  fsDevMinor: true,
  fsUmask: true,
  fsChroot: true,
  fsChdir: true,
  fsFchdir: true,
  fsGetcwd: true,
  fsLchmod: true,
  fsSetModificationTime: true,
  fsTruncate: true,
  fsRealtimeClock: true,
};
