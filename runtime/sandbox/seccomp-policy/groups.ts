// The named syscall groups of the seccomp_policy module (an emilua-ts
// extension). The group names follow the blog post "Software sandboxing:
// the basics"; its exact lists were not available to us, so the members
// below are our own, chosen by syscall family. Names that do not exist on
// the running arch (clock_gettime64 on x86_64, ...) are skipped when the
// filter is built. Bump GROUPS_VERSION whenever a list changes: a policy
// written against one version may grant more or less under another.

/** An argument comparison: [arg index, op, datum, mask] (op as libseccomp's scmp_compare). */
export type Condition = readonly [number, Op, bigint, bigint];
export const enum Op { EQ = 4, MASKED_EQ = 7 }

/** One entry: a syscall name, allowed always, or only when one of `when` matches. */
export interface GroupEntry { name: string; when?: readonly (readonly Condition[])[] }

export const GROUPS_VERSION = 1;

const AF_UNIX = 1n, AF_INET = 2n, AF_INET6 = 10n;
const SOCK_STREAM = 1n, SOCK_DGRAM = 2n, SOCK_SEQPACKET = 5n, SOCK_TYPE_MASK = 0xfn;
const ANY = 0n;

const eq = (arg: number, value: bigint): Condition => [arg, Op.EQ, value, ANY];
const typeIs = (value: bigint): Condition => [1, Op.MASKED_EQ, SOCK_TYPE_MASK, value];

const plain = (...names: string[]): GroupEntry[] => names.map((name) => ({ name }));

function socketFamily(family: bigint[], types: bigint[]): GroupEntry[] {
  const when: Condition[][] = [];
  for (const f of family) for (const t of types) when.push([eq(0, f), typeIs(t)]);
  return [{ name: 'socket', when }];
}

export const GROUPS: Readonly<Record<string, readonly GroupEntry[]>> = {
  BasicIo: plain('read', 'write', 'readv', 'writev', 'pread64', 'pwrite64', 'preadv', 'pwritev',
    'preadv2', 'pwritev2', 'lseek', '_llseek', 'close', 'close_range', 'dup', 'dup2', 'dup3'),
  Clock: plain('clock_gettime', 'clock_gettime64', 'clock_getres', 'clock_getres_time64', 'gettimeofday', 'time'),
  CRuntime: plain('brk', 'mmap', 'mmap2', 'munmap', 'mremap', 'mprotect', 'madvise', 'exit', 'exit_group',
    'rt_sigreturn', 'sigreturn', 'futex', 'futex_time64', 'futex_waitv', 'set_robust_list', 'get_robust_list',
    'set_tid_address', 'rseq', 'arch_prctl', 'getrandom', 'sched_yield', 'restart_syscall', 'membarrier',
    'getpid', 'gettid', 'uname', 'prlimit64', 'getrlimit', 'ugetrlimit', 'sysinfo'),
  Credentials: plain('getuid', 'geteuid', 'getgid', 'getegid', 'getresuid', 'getresgid', 'getgroups',
    'getuid32', 'geteuid32', 'getgid32', 'getegid32', 'getresuid32', 'getresgid32', 'getgroups32'),
  FileDescriptors: plain('fcntl', 'fcntl64', 'dup', 'dup2', 'dup3', 'close', 'close_range', 'pipe', 'pipe2'),
  FileIo: plain('fstat', 'fstat64', 'fstatfs', 'fstatfs64', 'ftruncate', 'ftruncate64', 'fallocate', 'fsync',
    'fdatasync', 'fadvise64', 'fadvise64_64', 'sendfile', 'sendfile64', 'copy_file_range', 'splice', 'tee',
    'statx', 'newfstatat', 'fstatat64', 'getdents64'),
  Filesystem: plain('openat', 'openat2', 'open', 'creat', 'mkdirat', 'mkdir', 'unlinkat', 'unlink', 'rmdir',
    'renameat', 'renameat2', 'rename', 'linkat', 'link', 'symlinkat', 'symlink', 'readlinkat', 'readlink',
    'faccessat', 'faccessat2', 'access', 'fchmod', 'fchmodat', 'chmod', 'fchown', 'fchownat', 'chown',
    'truncate', 'utimensat', 'getcwd', 'chdir', 'fchdir', 'stat', 'lstat', 'statfs', 'statx', 'newfstatat'),
  IoEvent: plain('epoll_create', 'epoll_create1', 'epoll_ctl', 'epoll_wait', 'epoll_pwait', 'epoll_pwait2',
    'poll', 'ppoll', 'ppoll_time64', 'select', '_newselect', 'pselect6', 'pselect6_time64', 'eventfd',
    'eventfd2'),
  Ipc: plain('pipe', 'pipe2', 'socketpair', 'sendmsg', 'recvmsg', 'shutdown', 'memfd_create'),
  NetworkIo: plain('sendto', 'recvfrom', 'sendmsg', 'recvmsg', 'sendmmsg', 'recvmmsg', 'recvmmsg_time64',
    'shutdown', 'getsockname', 'getpeername', 'getsockopt', 'setsockopt'),
  NetworkSocketTcp: [...socketFamily([AF_INET, AF_INET6], [SOCK_STREAM]),
    ...plain('bind', 'listen', 'accept', 'accept4', 'connect')],
  NetworkSocketUdp: [...socketFamily([AF_INET, AF_INET6], [SOCK_DGRAM]), ...plain('bind', 'connect')],
  NetworkSocketUnix: [...socketFamily([AF_UNIX], [SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET]),
    { name: 'socketpair', when: [[eq(0, AF_UNIX)]] }, ...plain('bind', 'listen', 'accept', 'accept4', 'connect')],
  Process: plain('getpid', 'getppid', 'gettid', 'getpgid', 'getpgrp', 'getsid', 'setsid', 'setpgid', 'wait4',
    'waitid', 'pidfd_open', 'pidfd_send_signal', 'kill', 'tgkill', 'prctl'),
  Signal: plain('rt_sigaction', 'rt_sigprocmask', 'rt_sigpending', 'rt_sigsuspend', 'rt_sigtimedwait',
    'rt_sigtimedwait_time64', 'rt_sigqueueinfo', 'sigaltstack', 'signalfd', 'signalfd4', 'rt_sigreturn',
    'sigreturn'),
  Timer: plain('nanosleep', 'clock_nanosleep', 'clock_nanosleep_time64', 'timerfd_create', 'timerfd_settime',
    'timerfd_settime64', 'timerfd_gettime', 'timerfd_gettime64', 'alarm', 'setitimer', 'getitimer',
    'timer_create', 'timer_settime', 'timer_settime64', 'timer_gettime', 'timer_gettime64', 'timer_delete'),
};
