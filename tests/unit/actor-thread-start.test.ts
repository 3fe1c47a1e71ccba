// An actor thread that cannot start makes spawn_vm raise in the caller (no
// channel to nowhere, no Node stack trace), and a thread that dies later is
// reported in one line while the actors that wait on it hear that it ended
// (runtime/actor/hub.ts).

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EventEmitter } from 'node:events';
import { spawnSync } from 'node:child_process';
import { Hub, type ActorWorker, type MainThread } from '../../runtime/actor/hub';
import type { FromHub, ThreadSpawn } from '../../runtime/actor/hub-protocol';

const cli = path.join(__dirname, '..', '..', 'bin', 'emilua-ts');

// Fills the descriptor table (RLIMIT_NOFILE is lowered to 64 by the shell),
// frees three, enough to read the module (one) with some to spare but not
// enough to start a Node worker (it takes five), then frees the rest and
// spawns again.
const OUT_OF_FDS = `
local file = require 'file'
local fs = require 'filesystem'
local inbox = require 'inbox'
if _CONTEXT == 'main' then
    local keep = {}
    while true do
        local f = file.stream.new()
        if not pcall(f.open, f, fs.path.new('/dev/null'), {'read_only'}) then break end
        keep[#keep + 1] = f
    end
    for _ = 1, 3 do
        keep[#keep]:close()
        keep[#keep] = nil
    end
    local ok, e = pcall(spawn_vm, { module = '.', inherit_context = false })
    print('full', ok, type(e) == 'table' and tostring(e.category), type(e) == 'table' and e.code, type(e) == 'table' and e.reason ~= nil)
    for _, f in ipairs(keep) do f:close() end
    local ch = spawn_vm{ module = '.', inherit_context = false }
    ch:send(inbox)
    print('freed', inbox:receive())
else
    inbox:receive():send('started and answered')
end
`;

test('spawn_vm{inherit_context=false} raises EMFILE when the process has no descriptors left for the thread', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-thread-start-'));
  try {
    const script = path.join(dir, 'init.lua');
    fs.writeFileSync(script, OUT_OF_FDS);
    const result = spawnSync('sh', ['-c', 'ulimit -n 64 && exec "$0" "$1"', cli, script], {
      encoding: 'utf8', timeout: 60_000, env: { ...process.env, EMILUA_COLORS: '0' },
    });
    assert.is(result.stderr, '', 'nothing on stderr (no Node stack trace)');
    assert.is(result.status, 0);
    assert.is(result.stdout, `full\tfalse\tsystem\t${os.constants.errno.EMFILE}\ttrue\nfreed\tstarted and answered\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

class FakeWorker extends EventEmitter {
  readonly posted: FromHub[] = [];
  postMessage(message: FromHub): void {
    this.posted.push(message);
  }
  ref(): void {}
  unref(): void {}
}

function spawnOf(vm: number, thread: number): ThreadSpawn {
  return {
    thread, vm, from: 0, rootFile: '/x.lua', rootImporter: { kind: 'file', file: '/x.lua' } as never,
    searchDirs: [], colors: false, arguments: [], concurrencyHint: 'safe',
  };
}

function hubWith(workers: FakeWorker[], start: (spawn: ThreadSpawn) => ActorWorker) {
  const toMain: FromHub[] = [];
  const lines: string[] = [];
  const main: MainThread = { id: 0, receive: (m) => toMain.push(m) };
  const hub = new Hub(main, (spawn) => {
    const worker = start(spawn);
    if (worker instanceof FakeWorker) workers.push(worker);
    return worker;
  }, (line) => lines.push(line));
  return { hub, toMain, lines };
}

test('a thread that fails to initialise answers the spawn with the errno Node names, and prints nothing', () => {
  const workers: FakeWorker[] = [];
  const { hub, toMain, lines } = hubWith(workers, () => new FakeWorker());
  hub.send({ type: 'spawn', spawn: spawnOf(2, 1) });
  const err = Object.assign(new Error('Worker initialization failure: EMFILE'), { code: 'ERR_WORKER_INIT_FAILED' });
  workers[0].emit('error', err);
  workers[0].emit('exit', 1);
  assert.equal(toMain.filter((m) => m.type === 'spawned'), [
    { type: 'spawned', vm: 2, failure: { code: 'EMFILE', message: 'Worker initialization failure: EMFILE' } },
  ]);
  assert.equal(lines, []);
});

test('a Worker constructor that throws answers the spawn too', () => {
  const { hub, toMain } = hubWith([], () => {
    throw new Error('spawn failed: EAGAIN');
  });
  hub.send({ type: 'spawn', spawn: spawnOf(3, 1) });
  assert.equal(toMain.filter((m) => m.type === 'spawned'), [
    { type: 'spawned', vm: 3, failure: { code: 'EAGAIN', message: 'spawn failed: EAGAIN' } },
  ]);
});

test('a started thread that runs out of memory is one line on stderr, and the main actor it held hears it is gone', () => {
  const workers: FakeWorker[] = [];
  const { hub, toMain, lines } = hubWith(workers, () => new FakeWorker());
  hub.send({ type: 'spawn', spawn: spawnOf(2, 1) });
  hub.receive({ type: 'started', from: 1 });
  assert.equal(toMain, [{ type: 'spawned', vm: 2, failure: null }]);
  // The thread's actor holds the address of the main VM (0x1): it was sent the inbox.
  hub.send({
    type: 'forward', from: 0, to: { vm: 2, thread: 1 }, value: 0,
    resources: { addresses: [{ vm: 1, thread: 0 }], fds: [] }, exported: [1],
  });
  assert.ok(toMain.some((m) => m.type === 'held' && m.vm === 1 && m.held));
  const oom = Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), {
    code: 'ERR_WORKER_OUT_OF_MEMORY',
  });
  workers[0].emit('error', oom);
  workers[0].emit('exit', 1);
  assert.equal(lines, ['emilua-ts: VM 0x2 ran out of memory; its thread ended\n']);
  assert.equal(toMain[toMain.length - 1], { type: 'held', vm: 1, held: false });
});

test.run();
