// 10 000 file objects opened in a real Vm and then closed, dropped or
// released: the process's descriptor count comes back to where it started.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { vmResourceCount } from '../../runtime/io/vm-resources';
import { runLua, openDescriptorCount, collectGarbage } from './helpers/lua-vm';

test('10 000 file.stream and file.random_access objects leave no descriptor behind', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-file-leak-'));
  const file = path.join(dir, 'data');
  fs.writeFileSync(file, 'some bytes');
  try {
    await collectGarbage();
    const before = openDescriptorCount();
    const { vm, notes } = await runLua(`
      local probe = require 'test_probe'
      local file = require 'file'
      local fs = require 'filesystem'
      local target = fs.path.new(${JSON.stringify(file)})
      local read = 0
      for i = 1, 10000 do
        local f = (i % 2 == 0) and file.stream.new() or file.random_access.new()
        f:open(target, {'read_only'})
        if i % 4 == 0 then
          f:close()
        elseif i % 4 == 1 then
          local fd = f:release()
          if i % 8 == 1 then fd:close() end
        elseif i % 100 == 2 then
          read = read + f:read_some(byte_span.new(4))
        end
      end
      probe.note(read)
      probe.finish()
    `, {}, { keepVm: true });
    assert.equal(notes, ['400']);
    await collectGarbage();
    assert.is(openDescriptorCount(), before);
    assert.is(vmResourceCount(vm), 0);
    vm.terminate();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
