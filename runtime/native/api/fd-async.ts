// native/addon/fd_async.cc: Reads, writes and opens that may block, run on libuv's thread pool.
// Part of NativeAddon (../addon-api.ts); conventions there.

export interface FdAsyncApi {
  /** read(2) on the thread pool; `done` gets count | -errno. 0 once queued | -errno. */
  fdReadAsync(fd: number, bytes: Uint8Array, done: (result: number) => void): number;
  /** write(2) on the thread pool; `done` gets count | -errno. 0 once queued | -errno. */
  fdWriteAsync(fd: number, bytes: Uint8Array, done: (result: number) => void): number;
  /**
   * openat(2) (openat2(2) when `resolve` has RESOLVE_* bits) with O_CLOEXEC
   * added, on the thread pool; `done` gets the new descriptor | -errno.
   * 0 once queued | -errno (-EINVAL for a path holding a NUL byte).
   */
  fdOpenatAsync(dirfd: number, path: Uint8Array, flags: number, mode: number, resolve: number,
    done: (result: number) => void): number;
}

/** The names of FdAsyncApi's functions: a name missing here, or one not in FdAsyncApi, fails to compile. */
export const FD_ASYNC_FUNCTIONS: Record<keyof FdAsyncApi, true> = {
  fdReadAsync: true,
  fdWriteAsync: true,
  fdOpenatAsync: true,
};
