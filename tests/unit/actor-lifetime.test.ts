// Actors that end leave nothing behind: their VMs are collected, their
// descriptors closed, and their threads gone. Runs real VMs in this process
// (tests/unit/helpers/lua-vm.ts).

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lua, LuaState } from '../../runtime/lua/lua-api';
import { vmOf } from '../../runtime/fiber/vm-of';
import { current } from '../../runtime/actor/thread-context';
import { pushFileDescriptor } from '../../runtime/io/descriptor-object';
import * as fs from 'node:fs';
import { runLua, openDescriptors, descriptorsOpenedSince, collectGarbage } from './helpers/lua-vm';

const vms: WeakRef<object>[] = [];

const probes = {
  /** Remembers the calling VM, weakly. */
  track(L: LuaState) {
    vms.push(new WeakRef(vmOf(L)));
    return 0;
  },
  dev_null(L: LuaState) {
    pushFileDescriptor(L, fs.openSync('/dev/null', 'r'));
    return 1;
  },
  actors(L: LuaState) {
    lua.lua_pushnumber(L, current().actors.size);
    return 1;
  },
};

const SPAWN_AND_END = `
local probe = require 'test_probe'
local inbox = require 'inbox'
local time = require 'time'
local system = require 'system'
if _CONTEXT == 'worker' then
  probe.track()
  spawn(function() time.sleep(3600) end):detach()
  local m = inbox:receive()
  m.reply:send(m.n)
  -- Ends the VM although a fiber still sleeps.
  system.exit(0)
end
local fd = probe.dev_null()
local total = 0
for batch = 1, 10 do
  for i = 1, 100 do spawn_vm('.'):send{ reply = inbox, n = 1, fd = fd } end
  for i = 1, 100 do total = total + inbox:receive() end
end
fd:close()
-- The last actors end once they run again.
time.sleep(0.01)
probe.note(total, probe.actors())
probe.finish()
`;

test('1000 actors that end: VMs collected, descriptors closed, timers gone', async () => {
  await collectGarbage();
  const descriptors = openDescriptors();
  const first = await runLua(SPAWN_AND_END, probes);
  assert.equal(first.notes, ['1000\t1'], 'every actor answered and ended (the main VM remains)');
  await collectGarbage();
  const heap = process.memoryUsage().heapUsed;

  const second = await runLua(SPAWN_AND_END, probes);
  assert.equal(second.notes, ['1000\t1']);
  await collectGarbage();
  assert.equal(descriptorsOpenedSince(descriptors), [], 'descriptors held by ended actors are closed');
  assert.is(current().actors.size, 0, 'no actor left once the main VM is gone');
  const alive = vms.filter((ref) => ref.deref() !== undefined).length;
  assert.is(alive, 0, `${alive} of ${vms.length} ended VMs are still reachable`);
  const growth = process.memoryUsage().heapUsed - heap;
  assert.ok(growth < 16 * 1024 * 1024, `the heap grew by ${(growth / 1048576).toFixed(1)} MiB over 1000 more actors`);
});

test('actor threads exit when their VM ends', async () => {
  const workers = () => process.getActiveResourcesInfo().filter((name) => name === 'Worker' || name === 'MessagePort').length;
  const before = workers();
  const run = await runLua(`
    local inbox = require 'inbox'
    if _CONTEXT == 'worker' then
      local m = inbox:receive()
      m.reply:send(m.n * 2)
      return
    end
    local probe = require 'test_probe'
    local sum = 0
    for i = 1, 4 do spawn_vm{ module = '.', inherit_context = false }:send{ reply = inbox, n = i } end
    for i = 1, 4 do sum = sum + inbox:receive() end
    probe.note(sum)
    probe.finish()
  `, probes, { timeoutMs: 60_000 });
  assert.equal(run.notes, ['20']);
  const deadline = Date.now() + 10_000;
  while (workers() > before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.is(workers(), before, 'no worker thread is left');
});

test.run();
