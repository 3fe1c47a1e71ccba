// libc_service.master against a hostile slave: the test takes the slave's
// socket out of the script (as system.spawn would hand it to a child) and
// writes raw datagrams on it. Each malformed request must raise a clear
// error from receive(), close every descriptor it carried, and leave the
// master able to serve the next valid request; a slave that stops reading
// replies gets dropped, not waited for.

import * as fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LuaState } from '../../runtime/lua/lua-api';
import { loadAddon } from '../../runtime/native/load-addon';
import { toSlave } from '../../runtime/modules/libc_service';
import { MAGIC, MAX_REQUEST, REQUEST_HEADER } from '../../runtime/io/libc-service/wire';
import { runLua, openDescriptorCount, collectGarbage } from './helpers/lua-vm';

function request(fn: number, path: string, ints: number[] = [0, 0, 0], hasFd = 0, magic = MAGIC): Uint8Array {
  const p = Buffer.from(path, 'latin1');
  const out = new Uint8Array(REQUEST_HEADER + p.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic, true);
  view.setUint16(4, fn, true);
  view.setUint16(6, hasFd, true);
  ints.forEach((v, i) => view.setInt32(8 + 4 * i, v, true));
  view.setUint32(20, p.length, true);
  view.setUint32(24, 0, true);
  out.set(p, REQUEST_HEADER);
  return out;
}

function devNulls(count: number): number[] {
  return Array.from({ length: count }, () => fs.openSync('/dev/null', 'r'));
}

let slaveFd = -1;

function send(bytes: Uint8Array, fdCount = 0): number {
  const fds = devNulls(fdCount);
  const ret = loadAddon().sockSendFds(slaveFd, bytes, fds, null, 0);
  for (const fd of fds) fs.closeSync(fd);
  return ret;
}

const extra = {
  take_slave(L: LuaState): number {
    const slave = toSlave(L, 1);
    if (slave === undefined) throw new Error('not a slave');
    const fd = slave.consume();
    if (typeof fd !== 'number') throw new Error(fd.detail);
    slaveFd = fd;
    // The filter config the preload library would read first.
    const got = loadAddon().sockRecvFds(slaveFd, new Uint8Array(1024), 0, 0, true);
    assert.ok(typeof got !== 'number' && got[0] === 0);
    return 0;
  },
  short(): number { send(new Uint8Array(10)); return 0; },
  bad_magic(): number { send(request(1, '/x', [0, 0, 0], 0, 0x12345678)); return 0; },
  unknown_function(): number { send(request(99, '/x')); return 0; },
  nul_in_path(): number { send(request(1, '/x\0y')); return 0; },
  oversized(): number { send(new Uint8Array(MAX_REQUEST + 100), 1); return 0; },
  fd_stuffed(): number { send(request(1, '/x'), 20); return 0; },
  stray_fd(): number { send(request(1, '/x'), 1); return 0; },
  lying_length(): number {
    const r = request(1, '/abc');
    new DataView(r.buffer).setUint32(20, 4000, true);
    send(r);
    return 0;
  },
  valid(): number { send(request(1, '/etc/hostname', [0o101, 0o644, 0])); return 0; },
  read_reply(): number {
    const buf = new Uint8Array(256);
    const got = loadAddon().sockRecvFds(slaveFd, buf, 4, 0, true);
    if (typeof got === 'number') throw new Error(`reply: ${got}`);
    const view = new DataView(buf.buffer);
    reply = [got[0], view.getUint32(0, true) === MAGIC ? 'magic' : 'no magic', view.getInt32(4, true),
      Number(view.getBigInt64(8, true)), view.getInt32(16, true), got.length - 4];
    return 0;
  },
};
let reply: Array<number | string> = [];

test('malformed requests: a clear error each, no descriptor kept, the next valid request served', async () => {
  await collectGarbage();
  const baseline = openDescriptorCount();
  const { notes } = await runLua(`
    local probe = require 'test_probe'
    local master, slave = require('libc_service').new()
    probe.take_slave(slave)
    for _, case in ipairs{'short', 'bad_magic', 'unknown_function', 'nul_in_path',
                          'oversized', 'fd_stuffed', 'stray_fd', 'lying_length'} do
        probe[case]()
        local ok, err = pcall(master.receive, master)
        probe.note(case, ok, err.code == 71, err.detail)
    end
    probe.valid()
    master:receive()
    local path, flags, mode = master:arguments()
    probe.note(master.function_, tostring(path), table.concat(flags, ','), mode, select('#', master:descriptors()))
    master:send(-1, 13)
    probe.read_reply()
    probe.finish()
  `, extra);
  loadAddon().fdClose(slaveFd);
  assert.equal(notes, [
    'short\tfalse\ttrue\tlibc_service: request of 10 bytes is shorter than its header; request dropped',
    'bad_magic\tfalse\ttrue\tlibc_service: request without the protocol magic; request dropped',
    'unknown_function\tfalse\ttrue\tlibc_service: unknown function 99; request dropped',
    'nul_in_path\tfalse\ttrue\tlibc_service: request path is empty or holds a NUL byte; request dropped',
    `oversized\tfalse\ttrue\tlibc_service: request longer than ${MAX_REQUEST} bytes; request dropped`,
    'fd_stuffed\tfalse\ttrue\tlibc_service: request with too many descriptors; request dropped',
    'stray_fd\tfalse\ttrue\tlibc_service: request carries 1 descriptors; request dropped',
    'lying_length\tfalse\ttrue\tlibc_service: request lengths do not match its size; request dropped',
    'open\t/etc/hostname\tcreate,write_only\t420\t0',
  ]);
  // 24 bytes, a result (kind 0) of -1 with errno 13, no descriptor.
  assert.equal(reply, [24, 'magic', 0, -1, 13, 0]);
  await collectGarbage();
  assert.is(openDescriptorCount(), baseline);
});

test('a slave that stops reading replies is dropped with an error, never waited for', async () => {
  await collectGarbage();
  const baseline = openDescriptorCount();
  const { notes } = await runLua(`
    local probe = require 'test_probe'
    local master, slave = require('libc_service').new()
    probe.take_slave(slave)
    for i = 1, 100000 do
        probe.valid()
        master:receive()
        local ok, err = pcall(master.use_slave_credentials, master)
        if not ok then
            probe.note(i > 10, err.detail)
            break
        end
    end
    local ok, err = pcall(master.receive, master)
    probe.note(ok, err.code == 9)
    probe.finish()
  `, extra);
  loadAddon().fdClose(slaveFd);
  assert.equal(notes, ['true\tlibc_service: the slave is not reading; dropped', 'false\ttrue']);
  await collectGarbage();
  assert.is(openDescriptorCount(), baseline);
});

test.run();
