// pipe objects in a real Vm: no descriptor leaks whatever way they end, and
// a released descriptor comes back in blocking mode.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState } from '../../runtime/lua/lua-api';
import { pushFileDescriptor } from '../../runtime/io/descriptor-object';
import { loadAddon } from '../../runtime/native/load-addon';
import { ioConstant } from '../../runtime/io/native';
import { vmResourceCount } from '../../runtime/io/vm-resources';
import { runLua, openDescriptorCount, collectGarbage } from './helpers/lua-vm';

test('10 000 pipes closed, dropped or released leave no descriptor behind', async () => {
  await collectGarbage();
  const before = openDescriptorCount();
  const { vm } = await runLua(`
    local probe = require 'test_probe'
    local pipe = require 'pipe'
    for i = 1, 10000 do
      local r, w = pipe.pair()
      if i % 3 == 0 then
        r:close()
        w:close()
      elseif i % 3 == 1 then
        local fd = w:release()
        if i % 2 == 0 then fd:close() end
      end
    end
    probe.finish()
  `, {}, { keepVm: true });
  await collectGarbage();
  assert.is(openDescriptorCount(), before);
  assert.is(vmResourceCount(vm), 0);
  vm.terminate();
});

test('pipes a terminated VM still held are closed, pending reads abandoned', async () => {
  // The readiness watcher's own epoll descriptor lives as long as the process.
  await runLua(`
    local probe = require 'test_probe'
    local r, w = require('pipe').pair()
    spawn(function() w:write_some(byte_span.append('x')) end)
    r:read_some(byte_span.new(1))
    probe.finish()
  `);
  await collectGarbage();
  const before = openDescriptorCount();
  const { vm } = await runLua(`
    local probe = require 'test_probe'
    local pipe = require 'pipe'
    kept = {}
    for i = 1, 50 do
      local r, w = pipe.pair()
      kept[#kept + 1] = w
      spawn(function() r:read_some(byte_span.new(4)) end)
    end
    this_fiber.yield()
    probe.finish()
  `, {}, { keepVm: true });
  assert.is(openDescriptorCount(), before + 100);
  vm.terminate();
  assert.is(openDescriptorCount(), before);
});

test('release() gives the descriptor back in the blocking mode it had', async () => {
  const { notes } = await runLua(`
    local probe = require 'test_probe'
    local pipe = require 'pipe'
    local r, w = pipe.pair()
    w:write_some(byte_span.append('x'))
    r:read_some(byte_span.new(1))
    probe.note(r:release().non_blocking, w:release().non_blocking)
    local r2 = pipe.read_stream.new(probe.nonblocking_fd())
    probe.note(pcall(r2.read_some, r2, byte_span.new(1)))
    probe.note(r2:release().non_blocking)
    probe.finish()
  `, {
    nonblocking_fd(L: LuaState) {
      const fds = loadAddon().fdPipe(true) as [number, number];
      loadAddon().fdClose(fds[1]);
      assert.is(loadAddon().fdGetStatusFlags(fds[0]) & ioConstant('O_NONBLOCK'), ioConstant('O_NONBLOCK'));
      pushFileDescriptor(L, fds[0]);
      return 1;
    },
  });
  assert.equal(notes, ['false\tfalse', 'false\tEnd of file', 'true']);
});

test.run();
