// The escape suite (README.md): builds every program here with the flags
// of binding.gyp's C targets, runs run.lua with the built CLI, and checks
// the inbox attack (ctrunc.c) with the runtime's receive guard. Prints the
// table and "N/N escapes denied"; fails unless every attempt was denied.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadAddon } from '../../runtime/native/load-addon';
import { sockConstant } from '../../runtime/io/socket-address';
import { newReceiveBuffer, receiveMessage } from '../../runtime/actor/ipc/receive';
import { releaseCFlags } from '../tools/release-cflags';

const root = path.resolve(__dirname, '..', '..');
const PROGRAMS = ['int80', 'x32', 'userns', 'io_uring', 'tiocsti', 'reopen', 'abstract', 'killparent',
  'ptrace', 'rawopenat', 'nonblock', 'ctrunc'];

function openFds(): number {
  return fs.readdirSync('/proc/self/fd').length;
}

test('every escape attempt is denied under ambient authority off', async () => {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-escape-'));
  for (const name of PROGRAMS) {
    const cc = spawnSync('cc', [...releaseCFlags(), path.join(__dirname, `${name}.c`), '-static-pie', '-o', path.join(bin, name)],
      { encoding: 'utf8' });
    assert.is(cc.status, 0, `cc ${name}.c failed:\n${cc.stderr}`);
  }
  const roPath = path.join(bin, 'read-only');
  fs.writeFileSync(roPath, 'data\n');
  const ro = fs.openSync(roPath, 'r');
  const pty = fs.openSync('/dev/ptmx', fs.constants.O_RDWR | fs.constants.O_NOCTTY);
  const addon = loadAddon();
  const pair = addon.sockPair(sockConstant('SOCK_SEQPACKET'));
  assert.ok(Array.isArray(pair));
  const [inbox, outside] = pair as [number, number];
  const name = `emilua-ts-escape-${process.pid}`;
  const server = net.createServer((c) => c.destroy());
  await new Promise<void>((resolve) => server.listen({ path: `\0${name}` }, resolve));
  try {
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const { spawn } = require('node:child_process') as typeof import('node:child_process');
      const child = spawn(path.join(root, 'bin', 'emilua-ts'), [path.join(__dirname, 'run.lua'), '--', bin, name],
        { stdio: ['ignore', 'pipe', 'pipe', pty, ro, outside] });
      let stdout = '', stderr = '';
      child.stdout!.on('data', (d) => { stdout += d; });
      child.stderr!.on('data', (d) => { stderr += d; });
      const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
      child.on('close', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
    });
    assert.is(run.status, 0, `run.lua failed:\n${run.stdout}${run.stderr}`);
    const lines = run.stdout.trim().split('\n');
    const rows = lines.filter((l) => /^\S+\s+(denied|ESCAPED)\s/.test(l));
    // A control that could not even set up means the attempt proved nothing.
    assert.not.ok(rows.some((r) => /control: broken/.test(r)), rows.join('\n'));
    // The inbox attack: everything the child sent must be dropped, no
    // descriptor may stay open here, and the inbox must still answer.
    const before = openFds();
    const buffer = newReceiveBuffer();
    const results = [];
    for (;;) {
      const r = receiveMessage(inbox, buffer);
      if (r.type === 'would_block') break;
      results.push(r);
      if (results.length > 10) break;
    }
    const sent = lines.find((l) => l.startsWith('ctrunc-sent 0 '));
    const reasons = results.map((r) => (r.type === 'dropped' ? r.reason : r.type));
    const ctruncDenied = sent !== undefined && results.length === 3 && results.every((r) => r.type === 'dropped') &&
      openFds() === before && receiveMessage(inbox, buffer).type === 'would_block';
    rows.push(`${'ctrunc'.padEnd(10)} ${(ctruncDenied ? 'denied' : 'ESCAPED').padEnd(8)} control: ${'n/a'.padEnd(8)} ` +
      `inbox dropped: ${reasons.join(', ')}; no descriptor leaked; inbox still reads`);
    const denied = rows.filter((r) => /^\S+\s+denied\s/.test(r)).length;
    console.log(`\n${rows.join('\n')}\n${denied}/${rows.length} escapes denied`);
    assert.is(rows.length, PROGRAMS.length, run.stdout + run.stderr);
    assert.is(denied, rows.length, rows.join('\n'));
  } finally {
    server.close();
    fs.closeSync(ro);
    fs.closeSync(pty);
    addon.fdClose(inbox);
    addon.fdClose(outside);
    fs.rmSync(bin, { recursive: true, force: true });
  }
});

test.run();
