// "Ambient authority off": the closest Linux gets to FreeBSD's cap_enter().
//
// Threat model: code that runs after this (a spawned child, or this process)
// is hostile and holds only the descriptors it was handed. It must not gain
// privileges (no_new_privs), open any path (Landlock handling every
// filesystem right the ABI knows, no rules), bind/connect TCP (ABI >= 4),
// reach abstract unix sockets or signal processes outside its domain
// (ABI >= 6), make namespaces, trace or read other processes, use
// io_uring/bpf/perf/keyrings/userfaultfd (kernel attack surface and ways
// around seccomp), push input into a terminal (TIOCSTI/TIOCLINUX), or use
// another arch's syscall table. Reads and writes through received fds go on.
// What the kernel cannot enforce is reported, never skipped silently.

import { statSync } from 'node:fs';
import { loadAddon } from '../../native/load-addon';
import type { SeccompRule } from '../../native/api/seccomp-policy';
import { Op } from './groups';
import { compileRules, scmpActErrno, SCMP_ACT_ALLOW } from './compile';

const EPERM = 1, ENOSYS = 38;

// CLONE_NEW* in clone()'s flags (CLONE_NEWTIME only exists for clone3/unshare).
const CLONE_NEW = [0x20000n, 0x02000000n, 0x04000000n, 0x08000000n, 0x10000000n, 0x20000000n, 0x40000000n];
const TIOCSTI = 0x5412n, TIOCLINUX = 0x541cn, LOW32 = 0xffffffffn;

const DENIED = ['unshare', 'setns', 'ptrace', 'process_vm_readv', 'process_vm_writev', 'io_uring_setup',
  'io_uring_enter', 'io_uring_register', 'bpf', 'perf_event_open', 'keyctl', 'add_key', 'request_key',
  'userfaultfd', 'pidfd_getfd', 'kcmp', 'mount', 'fsopen', 'open_tree', 'move_mount', 'pivot_root', 'chroot'];

function ambientRules(): SeccompRule[] {
  const deny = scmpActErrno(EPERM);
  const rules: SeccompRule[] = [];
  for (const name of DENIED) {
    if (loadAddon().seccompResolveName(name) >= 0) rules.push({ name, action: deny, args: [] });
  }
  // clone3 takes its flags in memory, out of the filter's sight: refuse it
  // with ENOSYS so that libc falls back to clone(), whose flags are checked.
  rules.push({ name: 'clone3', action: scmpActErrno(ENOSYS), args: [] });
  for (const flag of CLONE_NEW) rules.push({ name: 'clone', action: deny, args: [[0, Op.MASKED_EQ, flag, flag]] });
  // The kernel reads ioctl's request as an int: compare the low 32 bits only,
  // or TIOCSTI | 0x100000000 would pass.
  for (const req of [TIOCSTI, TIOCLINUX]) {
    rules.push({ name: 'ioctl', action: deny, args: [[1, Op.MASKED_EQ, LOW32, req]] });
  }
  return rules;
}

/** The seccomp part: allow by default, deny the list above, other arches ENOSYS. */
export function ambientFilter(): Uint8Array {
  return compileRules(SCMP_ACT_ALLOW, scmpActErrno(ENOSYS), [], ambientRules());
}

/** Landlock rights per ABI (kernel uapi landlock.h). */
function landlockMasks(abi: number): { fs: bigint; net: bigint; scoped: bigint; size: number } {
  let fs = (1n << 13n) - 1n;                 // ABI 1: EXECUTE .. MAKE_SYM
  if (abi >= 2) fs |= 1n << 13n;             // REFER
  if (abi >= 3) fs |= 1n << 14n;             // TRUNCATE
  if (abi >= 5) fs |= 1n << 15n;             // IOCTL_DEV
  const net = abi >= 4 ? 3n : 0n;            // BIND_TCP | CONNECT_TCP
  const scoped = abi >= 6 ? 3n : 0n;         // ABSTRACT_UNIX_SOCKET | SIGNAL
  return { fs, net, scoped, size: abi >= 6 ? 24 : abi >= 4 ? 16 : 8 };
}

export interface AmbientPlan {
  filter: Uint8Array;
  landlockFd: number | undefined;    // a ruleset fd, owned by the caller
  applied: string[];
  notApplied: string[];              // "what: why"
}

/** read + execute (EXECUTE | READ_FILE, and READ_DIR for a directory): what running a program needs. */
const READ_EXECUTE = 1n | 4n;
const READ_DIR = 8n;

export class AmbientError extends Error {
  constructor(readonly path: string, readonly errno: number) { super(`landlock rule for ${path}`); }
}

/**
 * Builds the pieces; the caller applies them (spawn options or this
 * process). `executables`: paths (files or directories) granted read and
 * execute in the Landlock domain, so that a spawned child can still exec
 * its program: nothing else of the filesystem is reachable.
 */
export function planAmbientOff(executables: readonly string[] = []): AmbientPlan {
  const applied = ['no_new_privs', 'seccomp: namespaces, ptrace, process_vm, io_uring, bpf, perf_event_open, keyrings, userfaultfd, TIOCSTI/TIOCLINUX, other arches'];
  const notApplied: string[] = [];
  const filter = ambientFilter();
  const addon = loadAddon();
  const abi = addon.landlockAbiVersion();
  let landlockFd: number | undefined;
  if (abi < 1) {
    notApplied.push(`landlock: not available on this kernel (errno ${-abi})`);
  } else {
    const m = landlockMasks(abi);
    const fd = addon.landlockCreateHandledRuleset(m.fs, m.net, m.scoped, m.size);
    if (fd < 0) notApplied.push(`landlock: landlock_create_ruleset failed (errno ${-fd})`);
    else {
      landlockFd = fd;
      for (const path of executables) {
        // Landlock refuses directory rights on a file (EINVAL).
        let isDir = false;
        try { isDir = statSync(path).isDirectory(); } catch { /* the add below reports ENOENT */ }
        const r = addon.landlockAllowPath(fd, Buffer.from(path), (isDir ? READ_EXECUTE | READ_DIR : READ_EXECUTE) & m.fs);
        if (r < 0) {
          addon.fdClose(fd);
          throw new AmbientError(path, -r);
        }
      }
      applied.push(`landlock ABI ${abi}: every filesystem right` +
        (executables.length > 0 ? ` (read+execute kept on ${executables.join(', ')})` : ''));
      if (abi >= 4) applied.push('landlock: TCP bind and connect');
      else notApplied.push(`landlock: TCP bind/connect need ABI 4 (kernel has ${abi})`);
      if (abi >= 6) applied.push('landlock: abstract unix socket and signal scoping');
      else notApplied.push(`landlock: abstract unix socket and signal scoping need ABI 6 (kernel has ${abi})`);
    }
  }
  return { filter, landlockFd, applied, notApplied };
}
