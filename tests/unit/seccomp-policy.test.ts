// seccomp_policy: composition of the groups, and the BPF libseccomp makes
// of them, both read by a BPF interpreter (for i386 and x32, which this
// kernel may not run) and loaded into a child process.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadAddon } from '../../runtime/native/load-addon';
import { compose, compilePolicy, scmpActErrno, SCMP_ACT_ALLOW, PolicyError } from '../../runtime/sandbox/seccomp-policy/compile';
import { ambientFilter } from '../../runtime/sandbox/seccomp-policy/ambient';
import { GROUPS } from '../../runtime/sandbox/seccomp-policy/groups';
import { evaluate, AUDIT_ARCH_X86_64, AUDIT_ARCH_I386 } from './helpers/bpf-eval';
import { releaseCFlags } from '../tools/release-cflags';

const EPERM = 1, ENOSYS = 38, EACCES = 13;
const nr = (name: string): number => loadAddon().seccompResolveName(name);
const onX64 = process.arch === 'x64';

test('union joins groups and names; minus removes a syscall whatever brought it in', () => {
  const a = compose(['BasicIo', 'Clock', 'getpid'], ['write', 'Clock']);
  assert.ok(a.has('read') && a.has('getpid'));
  assert.not.ok(a.has('write'));
  assert.not.ok(a.has('clock_gettime'));
  const u = compose(['NetworkSocketUnix', 'NetworkSocketTcp'], []);
  // socket(): the alternatives of both groups (AF_UNIX x 3 types, AF_INET/AF_INET6 stream).
  assert.is(u.get('socket')?.length, 5);
  assert.is(compose(['NetworkSocketTcp', 'socket'], []).get('socket'), null);
});

test('an unknown name is EINVAL; a name of another arch alone is skipped', () => {
  assert.throws(() => compose(['no_such_syscall'], []), (e: unknown) => e instanceof PolicyError && e.errno === 22);
  assert.throws(() => compose(['basicio'], []), (e: unknown) => e instanceof PolicyError);
  if (onX64) {
    assert.ok(nr('clock_gettime64') < -1);
    const bpf = compilePolicy({ allow: ['clock_gettime64'], minus: [], arches: [], defaultAction: scmpActErrno(EPERM) });
    assert.ok(bpf.length > 0);
  }
  for (const [name, entries] of Object.entries(GROUPS)) {
    for (const e of entries) assert.not.equal(nr(e.name), -1, `${name}: ${e.name} is unknown to libseccomp`);
  }
});

test('the generated BPF allows the group, answers the errno otherwise, and refuses other arches', () => {
  const bpf = compilePolicy({ allow: ['CRuntime', 'BasicIo'], minus: [], arches: [], defaultAction: scmpActErrno(EACCES) });
  assert.is(bpf.length % 8, 0);
  const x64 = (n: number, args?: bigint[]) => evaluate(bpf, { nr: n, arch: AUDIT_ARCH_X86_64, args });
  assert.is(x64(nr('read')), SCMP_ACT_ALLOW);
  assert.is(x64(nr('mkdir')), scmpActErrno(EACCES));
  if (onX64) {
    assert.is(x64(0x40000000 | nr('read')), scmpActErrno(EACCES), 'x32 read');
    assert.is(evaluate(bpf, { nr: 3, arch: AUDIT_ARCH_I386 }), scmpActErrno(EACCES), 'i386 read');
  }
  const unix = compilePolicy({ allow: ['NetworkSocketUnix'], minus: [], arches: [], defaultAction: scmpActErrno(EPERM) });
  assert.is(evaluate(unix, { nr: nr('socket'), arch: AUDIT_ARCH_X86_64, args: [1n, 5n | 0x80000n] }), SCMP_ACT_ALLOW);
  assert.is(evaluate(unix, { nr: nr('socket'), arch: AUDIT_ARCH_X86_64, args: [2n, 1n] }), scmpActErrno(EPERM));
});

test('arches: a policy that names x86 lets i386 calls of its groups through, and only those', () => {
  if (!onX64) return;
  const bpf = compilePolicy({ allow: ['CRuntime', 'clock_gettime64'], minus: [], arches: ['x86'], defaultAction: scmpActErrno(EPERM) });
  assert.is(evaluate(bpf, { nr: 20, arch: AUDIT_ARCH_I386 }), SCMP_ACT_ALLOW, 'i386 getpid');
  assert.is(evaluate(bpf, { nr: 39, arch: AUDIT_ARCH_I386 }), scmpActErrno(EPERM), 'i386 mkdir');
  assert.is(evaluate(bpf, { nr: 403, arch: AUDIT_ARCH_I386 }), SCMP_ACT_ALLOW, 'i386 clock_gettime64');
  assert.throws(() => compilePolicy({ allow: ['read'], minus: [], arches: ['vax'], defaultAction: SCMP_ACT_ALLOW }),
    (e: unknown) => e instanceof PolicyError && e.errno === 22);
});

test('ambient filter: CLONE_NEW* and TIOCSTI (also with high bits) denied, plain clone and ioctls allowed', () => {
  const bpf = ambientFilter();
  const x64 = (n: number, args?: bigint[]) => evaluate(bpf, { nr: n, arch: AUDIT_ARCH_X86_64, args });
  assert.is(x64(nr('clone'), [0x10000000n | 17n]), scmpActErrno(EPERM));
  assert.is(x64(nr('clone'), [0x3d0f00n]), SCMP_ACT_ALLOW);
  assert.is(x64(nr('clone3')), scmpActErrno(ENOSYS));
  assert.is(x64(nr('ioctl'), [0n, 0x5412n]), scmpActErrno(EPERM));
  assert.is(x64(nr('ioctl'), [0n, 0x100005412n]), scmpActErrno(EPERM));
  assert.is(x64(nr('ioctl'), [0n, 0x5401n]), SCMP_ACT_ALLOW);
  assert.is(x64(nr('unshare'), [0n]), scmpActErrno(EPERM));
  assert.is(x64(nr('getpid')), SCMP_ACT_ALLOW);
  if (onX64) assert.is(evaluate(bpf, { nr: 20, arch: AUDIT_ARCH_I386 }), scmpActErrno(ENOSYS));
});

test('loaded in a child: the allowed syscall works, the denied one gets the errno, i386/x32 are refused', () => {
  if (!onX64) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-seccomp-'));
  try {
    const exe = path.join(dir, 'load');
    const cc = spawnSync('cc', [...releaseCFlags(), path.join(__dirname, 'helpers', 'seccomp-load.c'), '-o', exe], { encoding: 'utf8' });
    assert.is(cc.status, 0, cc.stderr);
    const bpf = compilePolicy({ allow: ['BasicIo', 'CRuntime', 'FileIo', 'IoEvent', 'seccomp', 'prctl'], minus: [], arches: [],
      defaultAction: scmpActErrno(EACCES) });
    const run = spawnSync(exe, [path.join(dir, 'made')], { input: bpf, encoding: 'utf8' });
    assert.is(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^getpid=1$/m);
    assert.match(run.stdout, new RegExp(`^mkdir=-${EACCES}$`, 'm'));
    assert.not.ok(fs.existsSync(path.join(dir, 'made')));
    assert.match(run.stdout, new RegExp(`^x32_getpid=-${EACCES}$`, 'm'));
    assert.match(run.stdout, new RegExp(`^i386_getpid=-${EACCES}$`, 'm'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
