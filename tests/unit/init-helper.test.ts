// The init helper (init-script/) as a program: its fd/environment/umask
// contract with the exec'd program, its refusal of bad configs and leaked fds,
// and how init.script errors and errexit reach the parent.

import * as fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadAddon } from '../../runtime/native/load-addon';
import { encodeInitConfig, INIT_CONFIG_MAX_BYTES } from '../../runtime/sandbox/init-config';
import { HELPER, configOf, runHelper, seqpacketPair } from './helpers/init-helper';

const ENOENT = 2;
const ENOEXEC = 8;

test('the helper is built', () => {
  assert.ok(fs.existsSync(HELPER), `${HELPER} is missing: run npm run build`);
});

test('the exec\'d program holds only fds 0, 1, 2 and the IPC socket at fd 3', async () => {
  const [mine, theirs] = seqpacketPair();
  const previous = process.umask(0o077);
  let run;
  try {
    run = await runHelper({
      ipc: theirs,
      arg: fs.openSync('/dev/null', 'r'),
      config: {
        hasArg: true,
        // The script leaves three files open (fds 3, 7, 8): none may survive.
        script: 'C.open("/dev/null", C.O_RDONLY)\nC.open("/dev/null", C.O_RDONLY)\nC.open("/dev/null", C.O_RDONLY)',
        path: '/bin/sh',
        argv: ['sh', '-c', 'ls /proc/$$/fd; umask; printf ipc-ok >&3'],
      },
    });
  } finally {
    process.umask(previous);
  }
  fs.closeSync(theirs);
  assert.is(run.status, null, JSON.stringify(run.status));
  assert.is(run.code, 0, run.stderr);
  assert.equal(run.stdout.split('\n'), ['0', '1', '2', '3', '0022', '']);
  const buf = new Uint8Array(16);
  const n = loadAddon().sockRecv(mine, buf, 0);
  fs.closeSync(mine);
  assert.is(Buffer.from(buf.subarray(0, Math.max(n, 0))).toString(), 'ipc-ok');
});

test('the environment is exactly the config\'s plus EMILUA_TS_IPC_FD', async () => {
  const run = await runHelper({
    config: { path: '/usr/bin/env', argv: ['env'], env: [['A', '1'], ['B', 'two words']] },
  });
  assert.is(run.status, null);
  assert.is(run.stdout, 'A=1\nB=two words\nEMILUA_TS_IPC_FD=3\n');
});

test('an empty environment stays empty but for EMILUA_TS_IPC_FD', async () => {
  const run = await runHelper({ config: { path: '/usr/bin/env', argv: ['env'] } });
  assert.is(run.stdout, 'EMILUA_TS_IPC_FD=3\n');
});

test('an fd outside the contract is refused before anything runs', async () => {
  const leak = fs.openSync('/dev/null', 'r');
  const run = await runHelper({
    extra: [leak],
    config: { script: 'C.write(1, "script ran")', path: '/bin/echo', argv: ['echo', 'target ran'] },
  });
  fs.closeSync(leak);
  assert.is(run.code, 1);
  assert.is(run.stdout, '');
  assert.is(run.status?.stage, 'setup');
  assert.match(run.status!.message, 'fd 7 is open on entry');
});

test('errexit: a failing C.open aborts with its errno, the target never runs', async () => {
  const run = await runHelper({
    config: { script: 'C.open("/nonexistent/file", C.O_RDONLY)\nC.write(1, "after")', path: '/bin/echo', argv: ['echo', 'target ran'] },
  });
  assert.is(run.code, 1);
  assert.is(run.stdout, '');
  assert.equal(run.status, { stage: 'script-call', errno: ENOENT, message: 'C.open' });
});

test('errexit = false: the failure is returned as (-1, errno) and the script goes on', async () => {
  const run = await runHelper({
    config: {
      script: 'errexit = false\nlocal fd, e = C.open("/nonexistent/file", C.O_RDONLY)\nC.write(1, fd .. " " .. e .. " " .. C.ENOENT .. "\\n")',
      path: '/bin/echo',
      argv: ['echo', 'target ran'],
    },
  });
  assert.is(run.status, null);
  assert.is(run.stdout, '-1 2 2\ntarget ran\n');
});

test('a syntax error in init.script is reported with its line', async () => {
  const run = await runHelper({ config: { script: 'local x = 1\nlocal = 2', path: '/bin/echo', argv: ['echo', 'no'] } });
  assert.is(run.code, 1);
  assert.is(run.stdout, '');
  assert.is(run.status?.stage, 'script-error');
  assert.match(run.status!.message, /^init\.script:2: /);
});

test('a runtime error in init.script is reported with its message', async () => {
  const run = await runHelper({ config: { script: '\n\nerror("boom")', path: '/bin/echo', argv: ['echo', 'no'] } });
  assert.is(run.status?.stage, 'script-error');
  assert.is(run.status?.message, 'init.script:3: boom');
  const bad = await runHelper({ config: { script: 'C.open(nil)', path: '/bin/echo', argv: ['echo', 'no'] } });
  assert.is(bad.status?.stage, 'script-error');
  assert.match(bad.status!.message, 'bad argument #1');
});

test('precompiled bytecode is not accepted as init.script', async () => {
  const run = await runHelper({ config: { script: '\x1bLJ\x02garbage', path: '/bin/echo', argv: ['echo', 'no'] } });
  assert.is(run.status?.stage, 'script-error');
  assert.is(run.stdout, '');
});

test('a failing execve of the target is reported with its errno', async () => {
  const run = await runHelper({ config: { path: '/etc/hostname', argv: ['x'] } });
  assert.is(run.code, 1);
  assert.is(run.status?.stage, 'exec');
  assert.ok(run.status!.errno === 13 || run.status!.errno === ENOEXEC, String(run.status!.errno));
  assert.is(run.status?.message, '/etc/hostname');
});

test('C.execve from the script replaces the helper; the status fd does not follow', async () => {
  const run = await runHelper({
    config: {
      script: 'C.execve("/bin/sh", { "sh", "-c", "ls /proc/$$/fd; echo $0" }, { "X=1" })',
      path: '/bin/echo',
      argv: ['echo', 'not reached'],
    },
  });
  assert.is(run.status, null, JSON.stringify(run.status));
  // 4 is the IPC socket, left to the script's program as Emilua does.
  assert.is(run.stdout, '0\n1\n2\n4\nsh\n');
});

test('a script that closes the IPC socket is stopped before the target runs', async () => {
  const run = await runHelper({ config: { script: 'C.close(4)', path: '/bin/echo', argv: ['echo', 'no'] } });
  assert.is(run.stdout, '');
  assert.is(run.status?.stage, 'setup');
  assert.match(run.status!.message, 'IPC socket (fd 4) was closed by init.script');
});

test('C.read returns the bytes, or nil and the errno when errexit is off', async () => {
  const run = await runHelper({
    config: {
      script: [
        'local fd = C.open("/etc/hostname", C.O_RDONLY)',
        'local s = C.read(fd, 4096)',
        'errexit = false',
        'local none, e = C.read(99, 1)',
        'C.write(1, tostring(#s > 0) .. " " .. tostring(none) .. " " .. e)',
      ].join('\n'),
    },
  });
  assert.is(run.status, null, JSON.stringify(run.status));
  assert.is(run.stdout, 'true nil 9');
});

test('init.arg is the global arg; without it arg is nil', async () => {
  const withArg = await runHelper({
    arg: fs.openSync('/dev/null', 'r'),
    config: { hasArg: true, script: 'C.write(1, tostring(arg))' },
  });
  assert.is(withArg.stdout, '6');
  const without = await runHelper({ config: { script: 'C.write(1, tostring(arg))' } });
  assert.is(without.stdout, 'nil');
});

// --- configs the helper must refuse, each with a clear message

const good = (): Uint8Array => configOf({ path: '/bin/echo', argv: ['echo', 'target ran'] });

async function refused(config: Uint8Array, message: string | RegExp): Promise<void> {
  const run = await runHelper({ config });
  assert.is(run.code, 1);
  assert.is(run.stdout, '', 'the target must not run');
  assert.is(run.status?.stage, 'config', JSON.stringify(run.status));
  assert.match(run.status!.message, message);
}

test('config: the good one runs (the refusals below differ from it by one defect)', async () => {
  const run = await runHelper({ config: good() });
  assert.is(run.stdout, 'target ran\n');
});

test('config: truncated at every length is refused', async () => {
  const bytes = good();
  for (const cut of [0, 3, 7, 8, 12, bytes.length - 1]) {
    await refused(bytes.subarray(0, cut), cut < 8 ? 'bad magic' : 'truncated');
  }
});

test('config: wrong version, unknown flags, reserved bytes, trailing bytes', async () => {
  const v2 = good();
  v2[4] = 2;
  await refused(v2, 'version 2');
  const flags = good();
  flags[5] = 0x80;
  await refused(flags, 'unknown flags');
  const reserved = good();
  reserved[7] = 1;
  await refused(reserved, 'reserved');
  const base = good();
  const trailing = new Uint8Array(base.length + 1);
  trailing.set(base);
  await refused(trailing, 'unexpected bytes');
});

test('config: larger than 1 MiB is refused', async () => {
  const big = new Uint8Array(INIT_CONFIG_MAX_BYTES + 100);
  big.set(good());
  await refused(big, 'larger than');
});

test('config: huge counts and NUL bytes are refused without allocating them', async () => {
  const base = good();
  // argc sits after the script and the path: patch it to 2^32-1.
  const view = new DataView(base.buffer);
  const scriptLen = view.getUint32(8, true);
  const pathLen = view.getUint32(12 + scriptLen, true);
  view.setUint32(16 + scriptLen + pathLen, 0xffffffff, true);
  await refused(base, 'argv has');
  const nul = good();
  const at = Buffer.from(nul).indexOf('/bin/echo');
  nul[at + 3] = 0;
  await refused(nul, 'NUL');
});

test('config: the environment may not set EMILUA_TS_IPC_FD (encoder and helper)', async () => {
  assert.throws(() => configOf({ env: [['EMILUA_TS_IPC_FD', '9']] }), /set by the init helper/);
  // Smuggle it past the encoder by renaming a variable of the same length.
  const bytes = encodeInitConfig({ pid1: false, hasArg: false, script: '', path: '/bin/true', argv: ['true'], env: [['EMILUA_TS_IPC_XX', '9']] });
  const at = Buffer.from(bytes).indexOf('EMILUA_TS_IPC_XX');
  bytes.set(Buffer.from('FD'), at + 14);
  await refused(bytes, 'EMILUA_TS_IPC_FD');
});

test.run();
