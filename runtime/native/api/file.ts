// native/addon/file.cc: Regular-file syscalls Node lacks, for the file module.
// Part of NativeAddon (../addon-api.ts); conventions there.

export interface FileApi {
  /** flock(2) with the given LOCK_* bits (always with LOCK_NB from TypeScript). 0 | -errno. */
  fileFlock(fd: number, operation: number): number;
  /** lseek(2) with SEEK_SET/SEEK_CUR/SEEK_END = 0/1/2. New offset | -errno. */
  fileSeek(fd: number, offset: number, whence: number): number;
  /**
   * preadv2(RWF_NOWAIT) into the whole array at `offset` (-1: the file offset):
   * count (0 = end of file) | -errno (-EAGAIN: not in the page cache;
   * -EOPNOTSUPP: the file system refuses the flag).
   */
  fileReadNoWait(fd: number, bytes: Uint8Array, offset: number): number;
}

/** The names of FileApi's functions: a name missing here, or one not in FileApi, fails to compile. */
export const FILE_FUNCTIONS: Record<keyof FileApi, true> = {
  fileFlock: true,
  fileSeek: true,
  fileReadNoWait: true,
};
