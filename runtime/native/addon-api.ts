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

import { PROCESS_ADDON_FUNCTIONS, type ProcessAddon } from './process-api';

export type { SpawnRequest } from './process-api';

/** Process functions are declared in process-api.ts. */
export interface NativeAddon extends ProcessAddon {
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

  // --- I/O core (native/addon/fd.cc, fd_async.cc, fd_poll.cc, process.cc).
  // Descriptors are plain numbers; every descriptor these functions create is
  // close-on-exec. runtime/io/README.md describes how they are combined.

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
  /** Linux values of O_*, FD_CLOEXEC, S_IF*, AF_*, SOCK_*, IPPROTO_TCP/UDP, RESOLVE_*, PIPE_BUF. */
  ioConstants(): Record<string, number>;

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

  /**
   * Starts the readiness watcher of this Node environment (once; later calls
   * replace the callback). `onReady` receives [id, events, id, events, ...]
   * with events 1 readable, 2 writable, 4 error/hang-up, 8 priority data. 0 | -errno.
   */
  pollInit(onReady: (batch: number[]) => void): number;
  /** One notification when fd is ready for `events` (1 read, 2 write, 8 priority data; a sum for several). 0 | -errno (-EPERM: not pollable). */
  pollArm(fd: number, id: number, events: number): number;
  /** Forgets fd; call before closing it. 0 | -errno (-ENOENT: not registered). */
  pollDisarm(fd: number): number;
  /** The notifications pending now, without waiting or calling the pollInit callback: [id, events, ...]. */
  pollCheck(): number[];

  // --- sockets (native/addon/socket.cc). Addresses are the raw bytes of a
  // struct sockaddr (runtime/io/socket-address.ts builds and reads them).
  // Every socket created here is close-on-exec and non-blocking; transfers
  // never wait, whatever the descriptor's O_NONBLOCK flag.

  /** socket(2) | -errno. */
  sockOpen(family: number, type: number): number;
  /** socketpair(AF_UNIX): [a, b] | -errno. */
  sockPair(type: number): [number, number] | number;
  /** bind(2). 0 | -errno. */
  sockBind(fd: number, address: Uint8Array): number;
  /** connect(2) without waiting. 0 | -errno (-EINPROGRESS: see sockConnectResult; -EAGAIN: a full UNIX listener). */
  sockConnect(fd: number, address: Uint8Array): number;
  /** SO_ERROR (cleared by reading): the outcome of an EINPROGRESS connect. 0 | -errno. */
  sockConnectResult(fd: number): number;
  /** listen(2). 0 | -errno. */
  sockListen(fd: number, backlog: number): number;
  /** accept4(2), the new socket close-on-exec and non-blocking | -errno. */
  sockAccept(fd: number): number;
  /** shutdown(2) with SHUT_RD/SHUT_WR/SHUT_RDWR. 0 | -errno. */
  sockShutdown(fd: number, how: number): number;
  /** getsockname(2), or getpeername(2) when `peer`: sockaddr bytes | -errno. */
  sockAddress(fd: number, peer: boolean): Buffer | number;
  /** getsockopt(2) of an int option | -errno. */
  sockGetOption(fd: number, level: number, name: number): number;
  /** setsockopt(2) of an int option. 0 | -errno. */
  sockSetOption(fd: number, level: number, name: number, value: number): number;
  /** getsockopt(2) into at most `size` (<= 4096) bytes: what the kernel wrote | -errno. */
  sockGetOptionBytes(fd: number, level: number, name: number, size: number): Buffer | number;
  /** setsockopt(2) of a struct given as bytes. 0 | -errno. */
  sockSetOptionBytes(fd: number, level: number, name: number, bytes: Uint8Array): number;
  /** recv(MSG_DONTWAIT | flags): count | -errno. */
  sockRecv(fd: number, bytes: Uint8Array, flags: number): number;
  /** send(MSG_DONTWAIT | MSG_NOSIGNAL | flags): count | -errno. */
  sockSend(fd: number, bytes: Uint8Array, flags: number): number;
  /** recvfrom(MSG_DONTWAIT | flags): [count, sender sockaddr bytes] | -errno. */
  sockRecvFrom(fd: number, bytes: Uint8Array, flags: number): [number, Buffer] | number;
  /** sendto(MSG_DONTWAIT | MSG_NOSIGNAL | flags): count | -errno. */
  sockSendTo(fd: number, bytes: Uint8Array, address: Uint8Array, flags: number): number;
  /**
   * recvmsg(MSG_DONTWAIT | MSG_CMSG_CLOEXEC | flags) with room for at most
   * `maxfds` (0..253) descriptors: [count, status, sender sockaddr bytes,
   * closed, ...descriptors] | -errno. status 0: complete; 1: control data
   * truncated or more than maxfds descriptors; 2: payload truncated (only
   * when `rejectTruncated`). Unless status is 0, the `closed` descriptors
   * that arrived are already closed and none is listed.
   */
  sockRecvFds(fd: number, bytes: Uint8Array, maxfds: number, flags: number, rejectTruncated: boolean): number[] | number;
  /**
   * sendmsg(MSG_DONTWAIT | MSG_NOSIGNAL | flags) with `fds` (<= 253) in one
   * SCM_RIGHTS message, to `address` when not null: count | -errno.
   */
  sockSendFds(fd: number, bytes: Uint8Array, fds: number[], address: Uint8Array | null, flags: number): number;
  /** poll(2) without waiting for 1 readable / 2 writable / 8 priority: ready bits (+4 error/hang-up) | -errno. */
  sockPollNow(fd: number, events: number): number;
  /** ioctl(FIONREAD) | -errno. */
  sockBytesReadable(fd: number): number;
  /** sockatmark(3): 1 | 0 | -errno. */
  sockAtMark(fd: number): number;
  /** fchmod(2). 0 | -errno. */
  fdFchmod(fd: number, mode: number): number;
  /** Linux values of AF_*, SOCK_*, SHUT_*, MSG_*, SOL_SOCKET/SO_*, IPPROTO_*, TCP_NODELAY, IP_*, IPV6_*, SOMAXCONN, SCM_MAX_FD. */
  sockConstants(): Record<string, number>;

  // --- name and address services (native/addon/net.cc).

  /**
   * getaddrinfo(3) on the thread pool; `done` gets (eai, errno, sockaddr
   * bytes of each result, canonical name of the first or null). 0 once
   * queued | -errno (-EINVAL: a NUL byte in a name).
   */
  netGetAddrInfo(host: Uint8Array | null, service: Uint8Array | null, family: number, socktype: number,
    protocol: number, flags: number,
    done: (eai: number, errno: number, addresses: Buffer[], canonicalName: Buffer | null) => void): number;
  /** getnameinfo(3) on the thread pool; `done` gets (eai, errno, host, service). 0 once queued | -errno. */
  netGetNameInfo(address: Uint8Array, flags: number,
    done: (eai: number, errno: number, host: Buffer | null, service: Buffer | null) => void): number;
  /** inet_pton(3): 4 or 16 bytes | -EINVAL | -EAFNOSUPPORT. */
  netAddressFromText(family: number, text: Uint8Array): Buffer | number;
  /** inet_ntop(3) | -EINVAL. */
  netAddressToText(family: number, bytes: Uint8Array): string | number;
  /** if_nametoindex(3); 0 when there is no such interface. */
  netInterfaceIndex(name: Uint8Array): number;
  /** if_indextoname(3) | -errno. */
  netInterfaceName(index: number): string | number;
  /** AI_*, NI_NUMERICSERV, NI_DGRAM and EAI_* values. */
  netConstants(): Record<string, number>;

  /** getpgrp(2). */
  procGetpgrp(): number;
  /** getpgid(2) | -errno. */
  procGetpgid(pid: number): number;
  /** getsid(2) | -errno. */
  procGetsid(pid: number): number;
  /** getresuid(2): [real, effective, saved] | -errno. */
  procGetresuid(): [number, number, number] | number;
  /** getresgid(2): [real, effective, saved] | -errno. */
  procGetresgid(): [number, number, number] | number;
  /** The signal's disposition: 0 SIG_DFL, 1 SIG_IGN, 2 a handler | -errno. */
  signalDisposition(sig: number): number;
  /** sigaction(SIG_IGN when `ignore`, else SIG_DFL). 0 | -errno. */
  signalSetDisposition(sig: number, ignore: boolean): number;
  /** raise(3). 0 | -errno. */
  signalRaise(sig: number): number;
  /** _exit(2): ends the process at once, without exit handlers. */
  procExitNow(code: number): never;
  /** abort(3). */
  procAbort(): never;

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

  // --- file module (native/addon/file.cc).

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

/** Names of every function in {@link NativeAddon}. */
export const NATIVE_ADDON_FUNCTIONS = [
  'strerror',
  'features',
  'landlockAbiVersion',
  'fdClose',
  'fdDup',
  'fdDupOnto',
  'fdGetStatusFlags',
  'fdSetNonBlocking',
  'fdGetDescriptorFlags',
  'fdSetCloseOnExec',
  'fdFileType',
  'fdKcmp',
  'fdSocketOption',
  'fdPipe',
  'fdRead',
  'fdWrite',
  'fdReadNoWait',
  'fdWriteNoWait',
  'fdIsatty',
  'fdTcgetpgrp',
  'fdTcsetpgrp',
  'ioConstants',
  'fdReadAsync',
  'fdWriteAsync',
  'fdOpenatAsync',
  'pollInit',
  'pollArm',
  'pollDisarm',
  'pollCheck',
  'sockOpen',
  'sockPair',
  'sockBind',
  'sockConnect',
  'sockConnectResult',
  'sockListen',
  'sockAccept',
  'sockShutdown',
  'sockAddress',
  'sockGetOption',
  'sockSetOption',
  'sockGetOptionBytes',
  'sockSetOptionBytes',
  'sockRecv',
  'sockSend',
  'sockRecvFrom',
  'sockSendTo',
  'sockRecvFds',
  'sockSendFds',
  'sockPollNow',
  'sockBytesReadable',
  'sockAtMark',
  'fdFchmod',
  'sockConstants',
  'netGetAddrInfo',
  'netGetNameInfo',
  'netAddressFromText',
  'netAddressToText',
  'netInterfaceIndex',
  'netInterfaceName',
  'netConstants',
  'procGetpgrp',
  'procGetpgid',
  'procGetsid',
  'procGetresuid',
  'procGetresgid',
  'signalDisposition',
  'signalSetDisposition',
  'signalRaise',
  'procExitNow',
  'procAbort',
  'fsMknod',
  'fsMakedev',
  'fsDevMajor',
  'fsDevMinor',
  'fsUmask',
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
  'fileReadNoWait',
  ...PROCESS_ADDON_FUNCTIONS,
] as const satisfies readonly (keyof NativeAddon)[];

// Compile-time check that NATIVE_ADDON_FUNCTIONS lists every key of
// NativeAddon: fails to type-check when one is missing.
type MissingFromList = Exclude<keyof NativeAddon, (typeof NATIVE_ADDON_FUNCTIONS)[number]>;
const listIsComplete: [MissingFromList] extends [never] ? true : MissingFromList = true;
void listIsComplete;
