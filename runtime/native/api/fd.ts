// native/addon/fd.cc: Descriptor syscalls that never wait. Descriptors are plain numbers;
// every descriptor these functions create is close-on-exec.
// runtime/io/README.md describes how they are combined.
// Part of NativeAddon (../addon-api.ts); conventions there.

export interface FdApi {
  /** close(2); EINTR counts as closed. 0 | -errno. */
  fdClose(fd: number): number;
  /** fcntl(F_DUPFD_CLOEXEC, 0): the lowest free descriptor | -errno. */
  fdDup(fd: number): number;
  /** dup2(2): newfd is not close-on-exec afterwards. 0 | -errno. */
  fdDupOnto(oldfd: number, newfd: number): number;
  /** fcntl(F_GETFL) | -errno. */
  fdGetStatusFlags(fd: number): number;
  /** Sets or clears O_NONBLOCK; returns whether it was set before (1/0) | -errno. */
  fdSetNonBlocking(fd: number, on: boolean): number;
  /** fcntl(F_GETFD) (FD_CLOEXEC = 1) | -errno. */
  fdGetDescriptorFlags(fd: number): number;
  /** Sets FD_CLOEXEC. 0 | -errno. */
  fdSetCloseOnExec(fd: number): number;
  /** fstat(2)'s `st_mode & S_IFMT` | -errno. */
  fdFileType(fd: number): number;
  /** kcmp(KCMP_FILE) of two descriptors of this process: 0 equal, 1 less, 2 greater, 3 unordered | -errno. */
  fdKcmp(fd1: number, fd2: number): number;
  /** getsockopt(SOL_SOCKET) of SO_DOMAIN (0), SO_TYPE (1) or SO_PROTOCOL (2) | -errno. */
  fdSocketOption(fd: number, which: 0 | 1 | 2): number;
  /** pipe2(O_CLOEXEC [| O_NONBLOCK]): [read end, write end] | -errno. */
  fdPipe(nonBlocking: boolean): [number, number] | number;
  /** read(2) into the whole array: count (0 = end of file) | -errno (-EAGAIN: nothing ready). */
  fdRead(fd: number, bytes: Uint8Array): number;
  /** write(2) of the whole array: count | -errno. */
  fdWrite(fd: number, bytes: Uint8Array): number;
  /**
   * preadv2(RWF_NOWAIT) at the current offset: count (0 = end of file) |
   * -errno (-EAGAIN: would wait; -EOPNOTSUPP: not honoured for this file).
   */
  fdReadNoWait(fd: number, bytes: Uint8Array): number;
  /** pwritev2(RWF_NOWAIT) at the current offset: count | -errno (as fdReadNoWait). */
  fdWriteNoWait(fd: number, bytes: Uint8Array): number;
  /** isatty(3): 1 | 0. */
  fdIsatty(fd: number): number;
  /** tcgetpgrp(3) | -errno. */
  fdTcgetpgrp(fd: number): number;
  /** tcsetpgrp(3). 0 | -errno. */
  fdTcsetpgrp(fd: number, pgid: number): number;
  /** fchmod(2). 0 | -errno. */
  fdFchmod(fd: number, mode: number): number;
  /** Linux values of O_*, FD_CLOEXEC, S_IF*, AF_*, SOCK_*, IPPROTO_TCP/UDP, RESOLVE_*, PIPE_BUF. */
  ioConstants(): Record<string, number>;
}

/** The names of FdApi's functions: a name missing here, or one not in FdApi, fails to compile. */
export const FD_FUNCTIONS: Record<keyof FdApi, true> = {
  fdClose: true,
  fdDup: true,
  fdDupOnto: true,
  fdGetStatusFlags: true,
  fdSetNonBlocking: true,
  fdGetDescriptorFlags: true,
  fdSetCloseOnExec: true,
  fdFileType: true,
  fdKcmp: true,
  fdSocketOption: true,
  fdPipe: true,
  fdRead: true,
  fdWrite: true,
  fdReadNoWait: true,
  fdWriteNoWait: true,
  fdIsatty: true,
  fdTcgetpgrp: true,
  fdTcsetpgrp: true,
  fdFchmod: true,
  ioConstants: true,
};
