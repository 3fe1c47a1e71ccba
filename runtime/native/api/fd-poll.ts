// native/addon/fd_poll.cc: Readiness: the epoll set watched from Node's event loop.
// Part of NativeAddon (../addon-api.ts); conventions there.

export interface FdPollApi {
  /**
   * Starts the readiness watcher of this Node environment (once; later calls
   * replace the callback). `onReady` receives [id, events, id, events, ...]
   * with events 1 readable, 2 writable, 4 error/hang-up, 8 priority data. 0 | -errno.
   */
  pollInit(onReady: (batch: number[]) => void): number;
  /**
   * One notification when fd is ready for `events` (1 read, 2 write, 8
   * priority data; a sum for several; + 16: the wait does not keep the
   * process alive). 0 | -errno (-EPERM: not pollable).
   */
  pollArm(fd: number, id: number, events: number): number;
  /** Forgets fd; call before closing it. 0 | -errno (-ENOENT: not registered). */
  pollDisarm(fd: number): number;
  /** The notifications pending now, without waiting or calling the pollInit callback: [id, events, ...]. */
  pollCheck(): number[];
}

/** The names of FdPollApi's functions: a name missing here, or one not in FdPollApi, fails to compile. */
export const FD_POLL_FUNCTIONS: Record<keyof FdPollApi, true> = {
  pollInit: true,
  pollArm: true,
  pollDisarm: true,
  pollCheck: true,
};
