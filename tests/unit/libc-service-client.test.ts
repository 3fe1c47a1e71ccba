// The slave's end of libc_service in a subprocess actor's host
// (runtime/io/libc-service/client.ts) against a master played by the test
// on a raw socketpair: requests go out in the preload library's format;
// a reply is taken whole with its descriptors; use_slave_credentials and
// any malformed reply close the descriptors that came with it, and a
// malformed reply turns the service off (every later call is the host's
// own) without sending anything more.

import * as fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadAddon } from '../../runtime/native/load-addon';
import { sockConstant } from '../../runtime/io/socket-address';
import { LibcClient, PASS, readConfig } from '../../runtime/io/libc-service/client';
import * as wire from '../../runtime/io/libc-service/wire';
import { openDescriptorCount } from './helpers/lua-vm';

function pair(): [number, number] {
  const p = loadAddon().sockPair(sockConstant('SOCK_SEQPACKET'));
  if (typeof p === 'number') throw new Error(`socketpair: ${p}`);
  return p;
}

function devNulls(count: number): number[] {
  return Array.from({ length: count }, () => fs.openSync('/dev/null', 'r'));
}

/** Queues a reply on the master's end with `fdCount` descriptors (closed here after sending). */
function reply(master: number, bytes: Uint8Array, fdCount = 0): void {
  const fds = devNulls(fdCount);
  assert.ok(loadAddon().sockSendFds(master, bytes, fds, null, 0) >= 0);
  for (const fd of fds) fs.closeSync(fd);
}

function received(master: number): Uint8Array | null {
  const buffer = new Uint8Array(wire.MAX_REQUEST);
  const got = loadAddon().sockRecvFds(master, buffer, 1, 0, true);
  return typeof got === 'number' || got[0] === 0 ? null : buffer.slice(0, got[0]);
}

const path = Buffer.from('/some/file');

test('a request in the preload format; a result with its descriptors', () => {
  const [master, slave] = pair();
  const client = new LibcClient(slave, new Map());
  reply(master, wire.encodeReply(wire.REPLY_RESULT, -2, 0), 2);
  const answer = client.ask('open', [0o2000000, 0, 0], path);
  assert.is(answer.kind, 'result');
  if (answer.kind !== 'result') return;
  assert.is(answer.result, -2);
  assert.is(answer.fds.length, 2);
  for (const fd of answer.fds) assert.is(loadAddon().fdFileType(fd), 0o020000); // /dev/null: a character device
  for (const fd of answer.fds) loadAddon().fdClose(fd);
  const sent = received(master);
  assert.ok(sent !== null);
  const decoded = wire.decodeRequest(sent as Uint8Array, 0);
  assert.ok(decoded.ok);
  if (decoded.ok) {
    assert.is(decoded.request.function, 'open');
    assert.equal(Buffer.from(decoded.request.str0), path);
    assert.is(decoded.request.ints[0], 0o2000000);
  }
  loadAddon().fdClose(master);
  loadAddon().fdClose(slave);
});

test('use_slave_credentials: PASS, and descriptors sent along are closed', () => {
  const [master, slave] = pair();
  const client = new LibcClient(slave, new Map());
  const before = openDescriptorCount();
  reply(master, wire.encodeReply(wire.REPLY_USE_SLAVE, 0, 0), 3);
  assert.is(client.ask('stat', [0, 0, 0], path), PASS);
  assert.is(openDescriptorCount(), before);
  assert.ok(client.connected);
  loadAddon().fdClose(master);
  loadAddon().fdClose(slave);
});

for (const [name, bytes] of [
  ['bad magic', (() => { const b = wire.encodeReply(0, 0, 0); b[0] ^= 0xff; return b; })()],
  ['short', new Uint8Array(10)],
  ['lying extra length', (() => { const b = wire.encodeReply(0, 0, 0, new Uint8Array(8)); new DataView(b.buffer).setUint32(20, 4, true); return b; })()],
  ['oversized', new Uint8Array(wire.MAX_REPLY + 64)],
  ['unknown kind', (() => { const b = wire.encodeReply(0, 0, 0); new DataView(b.buffer).setInt32(4, 7, true); return b; })()],
] as Array<[string, Uint8Array]>) {
  test(`a malformed reply (${name}) turns the service off and leaks nothing`, () => {
    const [master, slave] = pair();
    const client = new LibcClient(slave, new Map());
    const before = openDescriptorCount();
    reply(master, bytes, 2);
    // (The client says so in one line on stderr.)
    assert.is(client.ask('unlink', [0, 0, 0], path), PASS);
    assert.not.ok(client.connected);
    // The slave's socket and the two descriptors are closed.
    assert.is(openDescriptorCount(), before - 1);
    assert.ok(received(master) !== null, 'the request went out before the reply was read');
    assert.is(client.ask('unlink', [0, 0, 0], path), PASS);
    assert.is(received(master), null, 'nothing is sent once the service is off');
    loadAddon().fdClose(master);
  });
}

test('a master that went away: PASS from then on', () => {
  const [master, slave] = pair();
  const client = new LibcClient(slave, new Map());
  loadAddon().fdClose(master);
  assert.is(client.ask('rmdir', [0, 0, 0], path), PASS);
  assert.not.ok(client.connected);
});

test('the filter config: read whole; a malformed one is refused', () => {
  const [master, slave] = pair();
  const filters = new Map<wire.FunctionName, Uint8Array>([['open', Buffer.from('return -1, 13')], ['stat', Buffer.from('return 0')]]);
  reply(master, wire.encodeConfig(filters));
  const got = readConfig(slave);
  assert.ok(got !== null);
  assert.equal([...(got as Map<string, Uint8Array>).keys()], ['open', 'stat']);
  assert.equal(Buffer.from((got as Map<string, Uint8Array>).get('open') as Uint8Array).toString(), 'return -1, 13');
  const bad = wire.encodeConfig(filters);
  new DataView(bad.buffer).setUint32(1, 0xffff, true); // a length past the end
  reply(master, bad);
  assert.is(readConfig(slave), null);
  assert.is(wire.decodeConfig(Uint8Array.of(99, 0, 0, 0, 0)), null, 'an unknown function id');
  loadAddon().fdClose(master);
  loadAddon().fdClose(slave);
});

test.run();
