// init.script doing its job: the init.arg handshake, the PID1 supervisor of a
// new PID namespace, the mount API, capabilities, Landlock and seccomp. Each
// test checks what the exec'd program can or cannot do afterwards. The
// namespaces come from unshare(1) standing in for the runtime's clone3.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadAddon } from '../../runtime/native/load-addon';
import { runHelper, seqpacketPair } from './helpers/init-helper';

const EINVAL = 22;
const USERNS = ['unshare', '--user', '--map-root-user'];

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'init-helper-'));
}

function luaString(bytes: Uint8Array): string {
  return '"' + Array.from(bytes, (b) => `\\${b}`).join('') + '"';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function childrenOf(pid: number): number[] {
  try {
    const text = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return text === '' ? [] : text.split(/\s+/).map(Number);
  } catch {
    return [];
  }
}

function stateOf(pid: number): string {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

async function waitFor<T>(what: string, probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 250; i++) {
    const v = probe();
    if (v !== undefined) return v;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('init.arg handshake: receive_with_fd and send_with_fd carry bytes and fds', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'out');
  const [mine, theirs] = seqpacketPair();
  const out = fs.openSync(file, 'w');
  assert.is(loadAddon().sockSendFds(mine, Buffer.from('ping'), [out], null, 0), 4);
  fs.closeSync(out);
  const run = await runHelper({
    arg: theirs,
    config: {
      hasArg: true,
      script: [
        'local msg, fd, err = receive_with_fd(arg, 64)',
        'write_all(fd, "got " .. msg)',
        'send_with_fd(arg, "pong", 0)',
      ].join('\n'),
    },
  });
  fs.closeSync(theirs);
  assert.is(run.status, null, JSON.stringify(run.status));
  assert.is(fs.readFileSync(file, 'utf8'), 'got ping');
  const got = loadAddon().sockRecvFds(mine, new Uint8Array(16), 4, 0, true);
  fs.closeSync(mine);
  assert.ok(Array.isArray(got), String(got));
  const [count, status, , , ...fds] = got as number[];
  assert.is(count, 4);
  assert.is(status, 0);
  assert.is(fds.length, 1);
  fds.forEach((fd) => fs.closeSync(fd));
  fs.rmSync(dir, { recursive: true });
});

test('file calls: mkdir, open, write, link, symlink, mkfifo, chmod, access act on the right paths', async () => {
  const dir = tempDir();
  const d = JSON.stringify(dir);
  const run = await runHelper({
    config: {
      script: [
        `C.chdir(${d})`,
        'C.mkdir("sub", mode(7, 5, 0))',
        'local fd = C.open("sub/file", bit.bor(C.O_WRONLY, C.O_CREAT, C.O_EXCL), mode(6, 4, 0))',
        'write_all(fd, "content")',
        'local copy = C.dup(fd)',
        'C.close(fd)',
        'C.dup2(copy, 9)',
        'C.write(9, "!")',
        'C.link("sub/file", "hard")',
        'C.symlink("sub/file", "soft")',
        'C.mkfifo("fifo", mode(6, 0, 0))',
        'C.chmod("hard", mode(4, 0, 0))',
        'errexit = false',
        'local r, e = C.access("missing", C.F_OK)',
        'local r2, e2 = C.eaccess("hard", C.R_OK)',
        'local old = C.umask(mode(0, 7, 7))',
        'C.write(1, table.concat({ r, e, r2, e2, old }, " "))',
      ].join('\n'),
    },
  });
  assert.is(run.status, null, JSON.stringify(run.status));
  assert.is(run.stdout, `-1 2 0 0 ${0o22}`);
  assert.is(fs.statSync(path.join(dir, 'sub')).mode & 0o777, 0o750);
  assert.is(fs.readFileSync(path.join(dir, 'sub/file'), 'utf8'), 'content!');
  assert.is(fs.statSync(path.join(dir, 'hard')).ino, fs.statSync(path.join(dir, 'sub/file')).ino);
  assert.is(fs.statSync(path.join(dir, 'hard')).mode & 0o777, 0o400);
  assert.is(fs.readlinkSync(path.join(dir, 'soft')), 'sub/file');
  assert.ok(fs.statSync(path.join(dir, 'fifo')).isFIFO());
  fs.rmSync(dir, { recursive: true });
});

test('helpers: mode, makedev/dev_major/dev_minor, bind_unix, set_no_new_privs', async () => {
  const dir = tempDir();
  const sock = path.join(dir, 'sock');
  const run = await runHelper({
    config: {
      script: [
        'local dev = C.makedev(259, 70000)',
        'local s = C.socket(C.AF_UNIX, C.SOCK_STREAM, 0)',
        `bind_unix(s, ${JSON.stringify(sock)})`,
        'C.listen(s, 1)',
        'set_no_new_privs()',
        'C.write(1, table.concat({ mode(7, 5, 1), dev_major(dev), dev_minor(dev) }, " "))',
      ].join('\n'),
      path: '/bin/sh',
      argv: ['sh', '-c', 'grep NoNewPrivs /proc/self/status'],
    },
  });
  assert.is(run.status, null, JSON.stringify(run.status));
  assert.is(run.stdout, `${0o751} 259 70000NoNewPrivs:\t1\n`);
  assert.ok(fs.statSync(sock).isSocket());
  fs.rmSync(dir, { recursive: true });
});

test('receive_with_fd keeps one fd and closes the rest; stuffed control data closes them all', async () => {
  const [mine, theirs] = seqpacketPair();
  const nulls = (n: number) => Array.from({ length: n }, () => fs.openSync('/dev/null', 'r'));
  const three = nulls(3);
  const many = nulls(40);
  assert.is(loadAddon().sockSendFds(mine, Buffer.from('a'), three, null, 0), 1);
  assert.is(loadAddon().sockSendFds(mine, Buffer.from('b'), many, null, 0), 1);
  [...three, ...many].forEach((fd) => fs.closeSync(fd));
  const run = await runHelper({
    arg: theirs,
    config: {
      hasArg: true,
      // Free numbers on entry: 3 (the config is closed), then 7 and up.
      script: [
        'errexit = false',
        'local m1, fd1, e1 = receive_with_fd(arg, 8)',
        'local _, c7 = C.close(7)',
        'local _, c8 = C.close(8)',
        'local m2, fd2, e2 = receive_with_fd(arg, 8)',
        'local open = 0',
        'for fd = 7, 60 do if C.close(fd) == 0 then open = open + 1 end end',
        'C.write(1, table.concat({ m1, fd1, e1, c7, c8, tostring(m2), fd2, e2, open }, " "))',
      ].join('\n'),
    },
  });
  fs.closeSync(theirs);
  fs.closeSync(mine);
  assert.is(run.status, null, JSON.stringify(run.status));
  // EBADF (9) for 7 and 8: the extra fds were closed; EMSGSIZE (90) and no
  // fd left open for the stuffed message.
  assert.is(run.stdout, 'a 3 0 9 9 nil -1 90 0');
});

test('signals ignored by the parent are back to default for the script and the target', async () => {
  const run = await runHelper({
    wrapper: ['/bin/sh', '-c', 'trap "" PIPE TERM; exec "$@"', 'sh'],
    config: { path: '/bin/sh', argv: ['sh', '-c', 'grep SigIgn /proc/self/status'] },
  });
  assert.is(run.status, null, JSON.stringify(run.status));
  assert.is(run.stdout, 'SigIgn:\t0000000000000000\n');
});

test('PID1 refused when the helper is not pid 1 of a new PID namespace', async () => {
  const run = await runHelper({ config: { pid1: true, path: '/bin/echo', argv: ['echo', 'no'] } });
  assert.is(run.stdout, '');
  assert.is(run.status?.stage, 'setup');
  assert.match(run.status!.message, 'PID1');
});

async function pid1Run(target: string): Promise<{ run: Awaited<ReturnType<typeof runHelper>>; helperFds: string[]; zombies: number; children: number }> {
  const [mine, theirs] = seqpacketPair();
  let outer = 0;
  const done = runHelper({
    ipc: theirs,
    wrapper: [...USERNS, '--pid', '--fork'],
    started: (pid) => (outer = pid),
    config: {
      pid1: true,
      // The script runs in PID1 itself, before the fork (as in Emilua).
      script: 'local ffi = require "ffi"\nffi.cdef "int getpid(void);"\nC.write(1, "script pid " .. ffi.C.getpid() .. "\\n")',
      path: '/bin/sh',
      argv: ['sh', '-c', target],
    },
  });
  fs.closeSync(theirs);
  const helper = await waitFor('the helper', () => childrenOf(outer)[0]);
  await waitFor('the target to be ready', () => (loadAddon().sockRecv(mine, new Uint8Array(8), 0) > 0 ? true : undefined));
  // The orphan the target made has ended by now; PID1 must have reaped it.
  await sleep(300);
  const children = childrenOf(helper);
  const zombies = children.filter((pid) => stateOf(pid) === 'Z').length;
  const helperFds = fs.readdirSync(`/proc/${helper}/fd`);
  process.kill(helper, 'SIGTERM');
  const run = await done;
  fs.closeSync(mine);
  return { run, helperFds, zombies, children: children.length };
}

test('PID1: pid 1 in the namespace, forwards SIGTERM, reaps orphans, exits with the child\'s code', async () => {
  const { run, helperFds, zombies, children } = await pid1Run(
    'trap "echo TERM; exit 7" TERM; echo target pid $$; sh -c "sleep 0.05 &"; printf ready >&3; while :; do sleep 0.05; done',
  );
  assert.is(run.status, null, JSON.stringify(run.status));
  assert.is(run.stdout, 'script pid 1\ntarget pid 2\nTERM\n');
  assert.is(run.code, 7);
  assert.is(zombies, 0);
  assert.is(children, 1, 'only the target is left under PID1');
  assert.equal(helperFds, [], 'PID1 holds no fd');
});

test('PID1: a child killed by a signal gives 128 + signo', async () => {
  const { run } = await pid1Run('printf ready >&3; exec sleep 100');
  assert.is(run.code, 128 + os.constants.signals.SIGTERM);
});

test('mount API: fsopen/fsconfig/fsmount/move_mount and mount_setattr shape the target\'s view', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'marker'), 'x');
  const run = await runHelper({
    wrapper: [...USERNS, '--mount'],
    config: {
      script: [
        'local fsfd = C.fsopen("tmpfs", C.FSOPEN_CLOEXEC)',
        'C.fsconfig(fsfd, C.FSCONFIG_SET_STRING, "size", "1m")',
        'C.fsconfig(fsfd, C.FSCONFIG_CMD_CREATE)',
        'local m = C.fsmount(fsfd, C.FSMOUNT_CLOEXEC, 0)',
        `C.move_mount(m, "", C.AT_FDCWD, ${JSON.stringify(dir)}, C.MOVE_MOUNT_F_EMPTY_PATH)`,
        `C.mount_setattr(C.AT_FDCWD, ${JSON.stringify(dir)}, 0, { attr_set = C.MOUNT_ATTR_RDONLY })`,
      ].join('\n'),
      path: '/bin/sh',
      argv: ['sh', '-c', `cd ${dir}; test -e marker && echo visible || echo hidden; touch new 2>/dev/null && echo writable || echo readonly`],
    },
  });
  assert.is(run.status, null, JSON.stringify(run.status));
  assert.is(run.stdout, 'hidden\nreadonly\n');
  assert.equal(fs.readdirSync(dir), ['marker'], 'the host\'s directory is untouched');
  fs.rmSync(dir, { recursive: true });
});

test('capabilities: cap_drop_bound, cap_set_secbits, cap_set_proc, cap_set_ambient reach the target', async () => {
  const run = await runHelper({
    wrapper: USERNS,
    config: {
      // SECBIT_NOROOT: uid 0 no longer regains every capability at exec, so
      // what survives is the ambient set the script chose.
      script: [
        'C.cap_drop_bound("cap_sys_admin")',
        'C.cap_set_secbits(C.SECBIT_NOROOT)',
        'C.cap_set_proc("cap_net_raw=eip")',
        'C.cap_set_ambient("cap_net_raw", true)',
      ].join('\n'),
      path: '/bin/sh',
      argv: ['sh', '-c', 'grep -E "^Cap(Eff|Bnd)" /proc/self/status'],
    },
  });
  assert.is(run.status, null, JSON.stringify(run.status));
  const caps = Object.fromEntries(run.stdout.trim().split('\n').map((l) => l.split(/:\s+/)));
  assert.is(BigInt('0x' + caps.CapEff), 1n << 13n);
  assert.is((BigInt('0x' + caps.CapBnd) >> 21n) & 1n, 0n, 'CAP_SYS_ADMIN left the bounding set');
  const unknown = await runHelper({ wrapper: USERNS, config: { script: 'C.cap_drop_bound("cap_no_such")' } });
  assert.is(unknown.status?.stage, 'script-call');
  assert.is(unknown.status?.message, 'C.cap_drop_bound');
});

test('uts namespace: sethostname is what the target sees', async () => {
  const run = await runHelper({
    wrapper: [...USERNS, '--uts'],
    config: { script: 'C.sethostname("sandboxed")', path: '/bin/hostname', argv: ['hostname'] },
  });
  assert.is(run.status, null, JSON.stringify(run.status));
  assert.is(run.stdout, 'sandboxed\n');
});

test('Landlock: a ruleset made by init.script restricts the target', async () => {
  const run = await runHelper({
    config: {
      script: [
        'local abi = C.landlock_create_ruleset(nil, { "version" })',
        'C.write(1, "abi>=1 " .. tostring(abi >= 1) .. "\\n")',
        'local rs = C.landlock_create_ruleset({ handled_access_fs = { "read_file", "read_dir" } })',
        'local usr = C.open("/usr", bit.bor(C.O_PATH, C.O_DIRECTORY, C.O_CLOEXEC))',
        'C.landlock_add_rule(rs, "path_beneath", { allowed_access = { "read_file", "read_dir" }, parent_fd = usr })',
        'set_no_new_privs()',
        'C.landlock_restrict_self(rs)',
      ].join('\n'),
      path: '/bin/sh',
      argv: ['sh', '-c', 'head -c1 /usr/bin/sh >/dev/null && echo usr-readable; cat /etc/hostname >/dev/null 2>&1 && echo etc-readable || echo etc-denied'],
    },
  });
  assert.is(run.status, null, JSON.stringify(run.status));
  assert.is(run.stdout, 'abi>=1 true\nusr-readable\netc-denied\n');
  const typo = await runHelper({ config: { script: 'C.landlock_create_ruleset({ handled_access_fs = { "read_fiel" } })' } });
  assert.is(typo.status?.stage, 'script-error');
  assert.match(typo.status!.message, "unknown Landlock access right 'read_fiel'");
});

// A classic BPF program: EPERM for mkdir/mkdirat, anything else allowed, a
// foreign architecture killed.
function denyMkdirFilter(): Uint8Array {
  const arch = process.arch === 'arm64' ? { audit: 0xc00000b7, nrs: [34] } : { audit: 0xc000003e, nrs: [83, 258] };
  const LD_ABS = 0x20, JEQ = 0x15, RET = 0x06;
  const insns: [number, number, number, number][] = [
    [LD_ABS, 0, 0, 4],
    [JEQ, 1, 0, arch.audit],
    [RET, 0, 0, 0x80000000],
    [LD_ABS, 0, 0, 0],
  ];
  arch.nrs.forEach((nr, i) => insns.push([JEQ, arch.nrs.length - i, 0, nr]));
  insns.push([RET, 0, 0, 0x7fff0000]);
  insns.push([RET, 0, 0, 0x00050000 | 1]);
  const out = new Uint8Array(insns.length * 8);
  const view = new DataView(out.buffer);
  insns.forEach(([code, jt, jf, k], i) => {
    view.setUint16(i * 8, code, true);
    view.setUint8(i * 8 + 2, jt);
    view.setUint8(i * 8 + 3, jf);
    view.setUint32(i * 8 + 4, k, true);
  });
  return out;
}

test('seccomp: a filter installed by init.script holds in the target', async () => {
  const dir = tempDir();
  const run = await runHelper({
    config: {
      script: `set_no_new_privs()\nC.seccomp_set_mode_filter(${luaString(denyMkdirFilter())})`,
      path: '/bin/sh',
      argv: ['sh', '-c', `mkdir ${dir}/x 2>&1; echo rc=$?`],
    },
  });
  assert.is(run.status, null, JSON.stringify(run.status));
  assert.match(run.stdout, 'Operation not permitted');
  assert.match(run.stdout, 'rc=1');
  assert.equal(fs.readdirSync(dir), []);
  fs.rmSync(dir, { recursive: true });
  const bad = await runHelper({
    config: { script: 'errexit = false\nlocal r, e = C.seccomp_set_mode_filter("abc")\nC.write(1, r .. " " .. e)' },
  });
  assert.is(bad.stdout, `-1 ${EINVAL}`);
});

test.run();
