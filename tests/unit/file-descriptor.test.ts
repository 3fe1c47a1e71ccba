// file_descriptor objects in a real Vm: methods, properties, errors, openat
// through a stand-in path reader, and that no descriptor leaks whether an
// object is closed, dropped (collected) or left to its VM's termination.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LuaState } from '../../runtime/lua/lua-api';
import { pushFileDescriptor } from '../../runtime/io/descriptor-object';
import { vmResourceCount } from '../../runtime/io/vm-resources';
import { runLua, openDescriptorCount, collectGarbage } from './helpers/lua-vm';

const devNull = {
  dev_null(L: LuaState) {
    pushFileDescriptor(L, fs.openSync('/dev/null', 'r'));
    return 1;
  },
};

test('methods and properties of an open descriptor', async () => {
  const { notes } = await runLua(`
    local probe = require 'test_probe'
    local fd = probe.dev_null()
    probe.note(tostring(fd):match('^/dev/fd/%d+$') ~= nil)
    probe.note(fd.type, fd.non_blocking)
    fd.non_blocking = true
    probe.note(fd.non_blocking)
    fd.non_blocking = false
    probe.note(fd.non_blocking)
    local copy = fd:dup()
    probe.note(tostring(copy) ~= tostring(fd), fd:kcmp(copy))
    local other = probe.dev_null()
    probe.note(fd:kcmp(other) ~= 0)
    probe.note(fd:is_socket('unix'), getmetatable(fd))
    probe.note(require('file_descriptor') ~= nil)
    probe.finish()
  `, devNull);
  assert.equal(notes, ['true', 'character\tfalse', 'true', 'false', 'true\t0', 'true', 'false\tfile_descriptor', 'true']);
});

test('errors: closed descriptors, bad arguments, bad keys', async () => {
  const { notes } = await runLua(`
    local probe = require 'test_probe'
    local function try(f, ...)
      local ok, e = pcall(f, ...)
      if ok then return 'ok' end
      return tostring(e) .. ' ' .. tostring(e.category) .. ' arg=' .. tostring(e.arg) .. ' index=' .. tostring(e.index)
    end
    local fd = probe.dev_null()
    probe.note(try(function() return fd.nope end))
    probe.note(try(function() fd.type = 'x' end))
    probe.note(try(function() fd.non_blocking = 1 end))
    probe.note(try(fd.kcmp, fd, 3))
    probe.note(try(fd.is_socket, fd, 'unix'))
    probe.note(try(fd.openat, fd, 'x', {}))
    fd:close()
    fd:close()
    probe.note(try(tostring, fd))
    probe.note(try(fd.dup, fd))
    probe.note(try(function() return fd.type end))
    probe.note(try(fd.close, {}))
    probe.finish()
  `, devNull);
  assert.equal(notes, [
    "Requested key wasn't found in the table/userdata emilua.core arg=nil index=2",
    "Requested key wasn't found in the table/userdata emilua.core arg=nil index=2",
    'Invalid argument generic arg=3 index=nil',
    'Invalid argument generic arg=2 index=nil',
    'ok',
    'Invalid argument generic arg=2 index=nil',
    'Device or resource busy generic arg=nil index=nil',
    'Device or resource busy generic arg=nil index=nil',
    'Device or resource busy generic arg=nil index=nil',
    'Invalid argument generic arg=1 index=nil',
  ]);
});

test('openat opens relative to a directory descriptor (suspending the fiber)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-openat-'));
  fs.writeFileSync(path.join(dir, 'present'), 'hello');
  try {
    const { notes } = await runLua(`
      local probe = require 'test_probe'
      local P = require('filesystem').path.new
      local d = probe.dir()
      probe.note(d.type)
      local f = d:openat(P('present'), {'read_only'})
      probe.note(f.type)
      local g = d:openat(P('created'), {'create', 'write_only', 'exclusive'}, 384)
      probe.note(g.type)
      local ok, e = pcall(d.openat, d, P('created'), {'create', 'exclusive', 'write_only'}, 384)
      probe.note(ok, tostring(e), tostring(e.category))
      ok, e = pcall(d.openat, d, P('missing'), {'read_only'})
      probe.note(ok, tostring(e))
      ok, e = pcall(d.openat, d, P('x'), {'bogus'})
      probe.note(ok, tostring(e), e.arg)
      ok, e = pcall(d.openat, d, P('x'), {'read_only'}, 'rw')
      probe.note(ok, tostring(e), e.arg)
      ok, e = pcall(d.openat, d, P('../escape'), {'read_only', 'resolve_beneath'})
      probe.note(ok, tostring(e))
      ok, e = pcall(d.openat, d, 'present', {'read_only'})
      probe.note(ok, tostring(e), e.arg)
      probe.finish()
    `, {
      dir(L: LuaState) {
        pushFileDescriptor(L, fs.openSync(dir, 'r'));
        return 1;
      },
    });
    assert.equal(notes, [
      'directory',
      'regular',
      'regular',
      'false\tFile exists\tsystem',
      'false\tNo such file or directory',
      'false\tInvalid argument\t3',
      'false\tInvalid argument\t4',
      'false\tInvalid cross-device link',
      'false\tInvalid argument\t2',
    ]);
    assert.is(fs.statSync(path.join(dir, 'created')).mode & 0o777, 0o600 & ~process.umask());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('no descriptor leaks: 10 000 objects closed, dropped, or left to the VM', async () => {
  await collectGarbage();
  const before = openDescriptorCount();
  const { vm } = await runLua(`
    local probe = require 'test_probe'
    for i = 1, 5000 do
      local fd = probe.dev_null()
      local copy = i % 2 == 1 and fd:dup() or nil
      if i % 2 == 0 then fd:close() end
    end
    probe.finish()
  `, devNull, { keepVm: true });
  await collectGarbage();
  assert.is(openDescriptorCount(), before, 'dropped objects are closed once collected');
  assert.is(vmResourceCount(vm), 0);

  const kept = await runLua(`
    local probe = require 'test_probe'
    kept = {}
    for i = 1, 100 do kept[i] = probe.dev_null() end
    probe.finish()
    -- Stay alive (a VM whose fibers are all done ends and closes what it owns).
    local mutex = require('mutex').new()
    mutex:lock()
    require('condition_variable').new():wait(mutex)
  `, devNull, { keepVm: true });
  assert.is(openDescriptorCount(), before + 100);
  kept.vm.terminate();
  assert.is(openDescriptorCount(), before, 'a terminated VM closes what it owned');
});

test.run();
