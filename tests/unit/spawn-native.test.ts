// The native spawner (native/addon/spawn.cc) and the system.spawn cases that
// need a process around the runtime: namespaces through clone flags (for
// subprocess actors), descriptor numbers swapped between 3..9, pdeathsig
// when the parent dies, and malformed requests.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadAddon } from '../../runtime/native/load-addon';
import { spawnRequest } from '../../runtime/process/launch';

const addon = loadAddon();
const cli = path.join(__dirname, '..', '..', 'bundle', 'out', 'cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-spawn-'));
const env: NodeJS.ProcessEnv = { ...process.env, EMILUA_COLORS: '0' };
const bytes = (s: string) => new TextEncoder().encode(s);
const CLONE_NEWUSER = 0x10000000;
const CLONE_NEWPID = 0x20000000;

/** Runs `sh -c script` through procSpawn with stdout on a pipe; returns [output, waitid result]. */
function runShell(script: string, extra: Partial<ReturnType<typeof spawnRequest>> = {}): [string, unknown] {
  const [r, w] = addon.fdPipe(false) as [number, number];
  const request = spawnRequest({
    program: { kind: 'path', path: bytes('/bin/sh') },
    arguments: [bytes('sh'), bytes('-c'), bytes(script)],
    environment: [],
    stdio: ['closed', w, 'share'],
    extraFds: new Map(),
  });
  const [pid, pidfd] = addon.procSpawn({ ...request, ...extra });
  addon.fdClose(w);
  assert.ok(pid > 0, `spawn failed: ${pid}`);
  const out = fs.readFileSync(`/proc/self/fd/${r}`, 'utf8');
  addon.fdClose(r);
  let status: unknown;
  while (Array.isArray((status = addon.procWaitid(pidfd))) && (status as number[])[0] === 0) {
    // the child closed its stdout: it is exiting
  }
  addon.fdClose(pidfd);
  return [out, status];
}

test('clone flags: a new user and PID namespace, where "\\0pid" is 1', () => {
  const [out, status] = runShell('echo "$ME $(id -u)"', {
    cloneFlags: CLONE_NEWUSER | CLONE_NEWPID, pidVariable: bytes('ME'),
  });
  assert.is(out, '1 65534\n');
  assert.equal(status, [1, 0]);
});

test('a descriptor of the parent without FD_CLOEXEC does not reach the child', () => {
  const [r, w] = addon.fdPipe(false) as [number, number];
  const leaky = 900;
  assert.is(addon.fdDupOnto(w, leaky), 0); // dup2: not close-on-exec
  assert.is(addon.fdGetDescriptorFlags(leaky), 0);
  try {
    const [out] = runShell('ls /proc/self/fd');
    // sh's own descriptors (ls lists its directory too) stay below 10
    const numbers = out.trim().split('\n').map(Number);
    assert.ok(!numbers.includes(leaky), `the child got ${out}`);
    assert.ok(numbers.every((fd) => fd < 10), `the child got ${out}`);
  } finally {
    addon.fdClose(leaky);
    addon.fdClose(r);
    addon.fdClose(w);
  }
});

test('clone flags other than CLONE_NEW* are refused', () => {
  const request = spawnRequest({
    program: { kind: 'path', path: bytes('/bin/true') }, arguments: [], environment: [],
    stdio: ['closed', 'closed', 'closed'], extraFds: new Map(),
  });
  const CLONE_THREAD = 0x10000;
  assert.equal(addon.procSpawn({ ...request, cloneFlags: CLONE_THREAD }), [-22, 0]);
});

test('a malformed request throws TypeError (a bug in the caller), nothing starts', () => {
  assert.throws(() => addon.procSpawn({} as never), TypeError);
  const request = spawnRequest({
    program: { kind: 'path', path: bytes('/bin/true') }, arguments: [], environment: [],
    stdio: ['closed', 'closed', 'closed'], extraFds: new Map(),
  });
  assert.throws(() => addon.procSpawn({ ...request, fds: [0, 1] }), TypeError);
  assert.throws(() => addon.procSpawn({ ...request, argv: ['true'] as never }), TypeError);
});

test('extra_fds can swap descriptors that are themselves in 3..9', () => {
  const a = path.join(dir, 'a');
  const b = path.join(dir, 'b');
  fs.writeFileSync(a, '');
  fs.writeFileSync(b, '');
  const script = path.join(dir, 'swap.lua');
  fs.writeFileSync(script, `
    local system = require 'system'
    local a, b = system.get_lowfd(3), system.get_lowfd(4)
    local child = system.spawn{
      program = 'sh', arguments = {'sh', '-c', 'readlink /proc/self/fd/3 /proc/self/fd/4 /proc/self/fd/5'},
      stdout = 'share', extra_fds = { [3] = b, [4] = a, [5] = a },
    }
    child:wait()
  `);
  const fa = fs.openSync(a, 'r');
  const fb = fs.openSync(b, 'r');
  const result = spawnSync(process.execPath, [cli, script], {
    env: { ...env, EMILUA_TS_LOWFDS: '3,4' }, stdio: ['ignore', 'pipe', 'pipe', fa, fb], encoding: 'utf8',
  });
  fs.closeSync(fa);
  fs.closeSync(fb);
  assert.is(result.stderr, '');
  assert.is(result.stdout, `${b}\n${a}\n${a}\n`);
});

function processState(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return null;
  }
}

test('pdeathsig reaches the child when its parent dies; without it the child lives on', async () => {
  const script = path.join(dir, 'pdeathsig.lua');
  fs.writeFileSync(script, `
    local system = require 'system'
    local with = system.spawn{ program = 'sleep', arguments = {'sleep', '60'},
                               pdeathsig = system.signal.SIGKILL, signal_on_gcreaper = 0 }
    local without = system.spawn{ program = 'sleep', arguments = {'sleep', '60'}, signal_on_gcreaper = 0 }
    print(with.pid, without.pid)
    system.exit(0)
  `);
  const result = spawnSync(process.execPath, [cli, script], { env, encoding: 'utf8' });
  assert.is(result.stderr, '');
  const [withPid, withoutPid] = result.stdout.trim().split('\t').map(Number);
  // The kernel sends the signal as the parent exits; give the child time to die.
  for (let i = 0; i < 500; i++) {
    const state = processState(withPid);
    if (state === null || state === 'Z') break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const state = processState(withPid);
  assert.ok(state === null || state === 'Z', `child with pdeathsig is still ${state}`);
  assert.ok(['S', 'R'].includes(processState(withoutPid) ?? ''), 'the other child is alive');
  process.kill(withoutPid, 'SIGKILL');
});

test('foreground makes the child the terminal\'s foreground group (under script(1), which gives a pty)', () => {
  const file = path.join(dir, 'foreground.lua');
  fs.writeFileSync(file, `
    local system = require 'system'
    local pipe = require 'pipe'
    local stream = require 'stream'
    -- back in the background, tcsetpgrp would stop this process otherwise
    system.signal.ignore(system.signal.SIGTTOU)
    local reader, writer = pipe.pair()
    local child = system.spawn{
      program = 'cat', arguments = {'cat', '/proc/self/stat'},
      stdin = 'share', stdout = writer:release(), process_group = 0, foreground = 'stdin',
    }
    local line = tostring(stream.scanner.new{ stream = reader }:get_line())
    child:wait()
    -- pid (comm) state ppid pgrp session tty_nr tpgid
    local pid, pgrp, tpgid = line:match('^(%d+) %(.-%) %a %d+ (%d+) %d+ %d+ (%-?%d+)')
    print(tonumber(pgrp) == tonumber(pid), tonumber(tpgid) == tonumber(pgrp))
    system.in_:tcsetpgrp(system.getpgrp())
    print(system.in_:tcgetpgrp() == system.getpgrp())
  `);
  const result = spawnSync('script', ['-qec', `${process.execPath} ${cli} ${file}`, '/dev/null'], {
    env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  assert.is(result.stdout.replace(/\r/g, ''), 'true\ttrue\ntrue\n');
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test.run();
