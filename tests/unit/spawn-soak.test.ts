// 2 000 children of /bin/true started from a real Vm: half killed at once,
// the others waited for, one in ten dropped without a wait (the runtime
// reaps those after collection). Afterwards: no zombie and no child of this
// process is left, the descriptor count is back where it started and the
// VM owns nothing.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import { vmResourceCount } from '../../runtime/io/vm-resources';
import { ChildProcess } from '../../runtime/process/child';
import { runLua, openDescriptorCount, collectGarbage } from './helpers/lua-vm';

function kindCount(kind: string): number {
  let n = 0;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${fd}`) === kind) n++;
    } catch {
      // the directory's own descriptor, gone already
    }
  }
  return n;
}

/**
 * Open descriptors, not counting epoll instances: the runtime makes one for
 * the whole process at its first readiness wait (done before counting), but
 * the test host (Node with tsx) now and then opens one of its own during a
 * long run, which says nothing about spawning.
 */
function descriptors(): number {
  return openDescriptorCount() - kindCount('anon_inode:[eventpoll]');
}

/**
 * [pid, state] of every process running `true` whose parent is this one
 * (the test host has children of its own, such as tsx's esbuild service).
 */
function children(): Array<[number, string]> {
  const found: Array<[number, string]> = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (comm === 'true' && Number(fields[1]) === process.pid) found.push([Number(name), fields[0]]);
  }
  return found;
}

test('2 000 spawns: killed, waited and dropped children are all reaped, no descriptor leaks', async () => {
  // A first spawn starts the runtime's readiness set (one epoll descriptor
  // for the life of the process); count from there.
  await runLua(`
    local child = require('system').spawn{ program = 'true' }
    child:wait()
    require('test_probe').finish()
  `);
  await collectGarbage();
  const before = descriptors();
  const { vm, notes } = await runLua(`
    local probe = require 'test_probe'
    local system = require 'system'
    local killed, exited, dropped = 0, 0, 0
    for i = 1, 2000 do
      local child = system.spawn{ program = 'true', arguments = {'true'} }
      if i % 10 == 1 then
        dropped = dropped + 1
      elseif i % 2 == 0 then
        pcall(child.kill, child, system.signal.SIGKILL)
        child:wait()
        if child.exit_signal == system.signal.SIGKILL then killed = killed + 1 end
      else
        child:wait()
        if child.exit_code == 0 then exited = exited + 1 end
      end
    end
    probe.note(dropped, exited, killed > 0)
    probe.finish()
  `, {}, { keepVm: true, timeoutMs: 120_000 });
  assert.equal(notes, ['200\t800\ttrue'], 'counts');
  await collectGarbage();
  // Dropped children are reaped as they exit, through the event loop.
  for (let i = 0; i < 500 && ChildProcess.abandonedCount() > 0; i++) await new Promise((r) => setTimeout(r, 10));
  assert.is(ChildProcess.abandonedCount(), 0);
  assert.equal(children(), [], 'children of this process left');
  assert.is(vmResourceCount(vm), 0);
  vm.terminate();
  // Node may hold a descriptor for a moment (an operation in flight on its
  // own loop); what matters is that the count comes back.
  for (let i = 0; i < 100 && descriptors() !== before; i++) await new Promise((r) => setTimeout(r, 10));
  assert.is(descriptors(), before);
  assert.is(kindCount('anon_inode:[pidfd]'), 0);
});

test.run();
