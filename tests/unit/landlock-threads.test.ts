// landlockRestrictAllThreads and seccompSetModeFilterAllThreads
// (native/addon/landlock_threads.cc, seccomp.cc) tried in a child Node
// process, since both are irreversible: every thread (main, libuv's pool,
// worker_threads, Node's own helpers) ends up restricted, and glibc's own
// setxid broadcast, whose signal the Landlock broadcast borrows, still
// works afterwards.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ADDON = path.resolve(__dirname, '../../build/Release/emilua_ts_native.node');

function runChild(body: string): Record<string, unknown> {
  const script = `
    const addon = require(${JSON.stringify(ADDON)});
    const fs = require('node:fs');
    const { Worker } = require('node:worker_threads');
    const out = {};
    const tasks = () => fs.readdirSync('/proc/self/task').length;
    const readIn = (w, file) => new Promise((resolve) => { w.once('message', resolve); w.postMessage(file); });
    const startWorker = () => new Worker(
      "const { parentPort } = require('node:worker_threads'); const fs = require('node:fs');" +
      "parentPort.on('message', (f) => { try { fs.readFileSync(f); parentPort.postMessage('ok'); }" +
      " catch (e) { parentPort.postMessage(e.code); } });", { eval: true });
    (async () => { ${body} })().then(() => { console.log(JSON.stringify(out)); process.exit(0); },
      (e) => { console.log(JSON.stringify({ crash: String(e && e.stack) })); process.exit(1); });
  `;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60000 });
  assert.is(r.status, 0, `child: ${r.stdout} ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string);
}

test('a Landlock ruleset reaches the pool, worker threads and every task', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-landlock-threads-'));
  const secret = path.join(dir, 'secret');
  fs.writeFileSync(secret, 'x');
  try {
    const out = runChild(`
      const secret = ${JSON.stringify(secret)};
      const workers = [startWorker(), startWorker(), startWorker()];
      for (const w of workers) out.before = await readIn(w, secret);
      await fs.promises.readFile(secret);            // starts the pool's threads
      out.badFd = addon.landlockRestrictAllThreads(987654);
      out.afterBadFd = await readIn(workers[0], secret);
      const READ_FILE = 1 << 2;
      const rs = addon.landlockCreateRuleset(READ_FILE, 0, 0);
      const usr = fs.openSync('/usr', fs.constants.O_PATH);
      out.rule = addon.landlockAddPathBeneath(rs, READ_FILE, usr);
      out.tasks = tasks();
      out.restricted = addon.landlockRestrictAllThreads(rs);
      out.tasksAfter = tasks();
      out.workers = [];
      for (const w of workers) out.workers.push(await readIn(w, secret));
      out.workerAllowed = await readIn(workers[1], '/usr/lib/os-release');
      out.pool = await fs.promises.readFile(secret).then(() => 'ok', (e) => e.code);
      out.poolAllowed = await fs.promises.readFile('/usr/lib/os-release').then(() => 'ok', (e) => e.code);
      try { fs.readFileSync(secret); out.main = 'ok'; } catch (e) { out.main = e.code; }
      process.setegid(0); process.seteuid(0);        // glibc's setxid broadcast still answers
      out.setxid = 'ok';
      const late = startWorker();                     // created afterwards: inherits the domain
      out.late = await readIn(late, secret);
      for (const w of [...workers, late]) await w.terminate();
    `);
    assert.is(out.before, 'ok');
    assert.is(out.badFd, -9, 'EBADF, found on the calling thread before any other changes');
    assert.is(out.afterBadFd, 'ok');
    assert.is(out.rule, 0);
    assert.ok((out.restricted as number) >= (out.tasks as number) - 1 && (out.restricted as number) <= (out.tasksAfter as number) + 1,
      `restricted ${out.restricted} of ${out.tasks} tasks`);
    assert.equal(out.workers, ['EACCES', 'EACCES', 'EACCES']);
    assert.is(out.workerAllowed, 'ok');
    assert.is(out.pool, 'EACCES');
    assert.is(out.poolAllowed, 'ok');
    assert.is(out.main, 'EACCES');
    assert.is(out.setxid, 'ok');
    assert.is(out.late, 'EACCES');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a seccomp filter with TSYNC reaches worker threads and the pool', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-seccomp-threads-'));
  try {
    const out = runChild(`
      const dir = ${JSON.stringify(dir)};
      const w = new Worker(
        "const { parentPort } = require('node:worker_threads'); const fs = require('node:fs');" +
        "parentPort.on('message', (d) => { try { fs.mkdirSync(d); parentPort.postMessage('ok'); }" +
        " catch (e) { parentPort.postMessage(e.code); } });", { eval: true });
      const mkdirIn = (d) => new Promise((resolve) => { w.once('message', resolve); w.postMessage(d); });
      out.before = await mkdirIn(dir + '/before');
      // x86-64 only: arch check, then mkdir (83) and mkdirat (258) fail with ENOTSUP (95).
      const insn = (code, jt, jf, k) => { const b = Buffer.alloc(8); b.writeUInt16LE(code, 0); b[2] = jt; b[3] = jf; b.writeUInt32LE(k >>> 0, 4); return b; };
      const prog = Buffer.concat([insn(0x20, 0, 0, 4), insn(0x15, 0, 4, 0xc000003e), insn(0x20, 0, 0, 0),
        insn(0x15, 1, 0, 83), insn(0x15, 0, 1, 258), insn(0x06, 0, 0, 0x00050000 + 95), insn(0x06, 0, 0, 0x7fff0000)]);
      out.odd = addon.seccompSetModeFilterAllThreads(new Uint8Array(prog.subarray(0, 7)));
      out.installed = addon.seccompSetModeFilterAllThreads(new Uint8Array(prog));
      try { fs.mkdirSync(dir + '/main'); out.main = 'ok'; } catch (e) { out.main = e.code; }
      out.pool = await fs.promises.mkdir(dir + '/pool').then(() => 'ok', (e) => e.code);
      out.worker = await mkdirIn(dir + '/worker');
      out.poolOther = await fs.promises.writeFile(dir + '/file', 'x').then(() => 'ok', (e) => e.code);
      out.seccompMode = /Seccomp:\\s*(\\d)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1];
      await w.terminate();
    `);
    assert.is(out.before, 'ok');
    assert.is(out.odd, -22);
    assert.is(out.installed, 0);
    assert.is(out.main, 'ENOTSUP');
    assert.is(out.pool, 'ENOTSUP');
    assert.is(out.worker, 'ENOTSUP');
    assert.is(out.poolOther, 'ok');
    assert.is(out.seccompMode, '2');
    assert.equal(fs.readdirSync(dir).sort(), ['before', 'file']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
