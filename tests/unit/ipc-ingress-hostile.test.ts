// The receiving side of subprocess actor sockets (runtime/actor/ipc/ingress.ts)
// against a hostile peer: the test plays the other process through the far
// end of a socketpair and sends truncated, oversized, fd-stuffed (250
// descriptors), wrong-version and random datagrams, then one valid message.
// The ingress must stay up, deliver only the valid message, close every
// descriptor that came with the rest, and close itself (once) when the peer
// sends a zero-length datagram. /proc/self/fd is back at its start count.

import * as fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadAddon } from '../../runtime/native/load-addon';
import { sockConstant } from '../../runtime/io/socket-address';
import { Ingress } from '../../runtime/actor/ipc/ingress';
import { encode } from '../../runtime/actor/ipc/codec';
import type { Message } from '../../runtime/actor/message';
import { endpointOf } from '../../runtime/actor/ipc/endpoint';
import { openDescriptorCount } from './helpers/lua-vm';

function pair(): [number, number] {
  const fds = loadAddon().sockPair(sockConstant('SOCK_SEQPACKET'));
  if (typeof fds === 'number') throw new Error(`socketpair: ${fds}`);
  return fds;
}

function devNulls(count: number): number[] {
  return Array.from({ length: count }, () => fs.openSync('/dev/null', 'r'));
}

function send(fd: number, bytes: Uint8Array, fds: number[] = []): void {
  const sent = loadAddon().sockSendFds(fd, bytes, fds, null, 0);
  if (sent < 0) throw new Error(`sendmsg: ${sent}`);
  for (const f of fds) fs.closeSync(f);
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

test('a hostile peer cannot crash, leak descriptors into, or confuse an inbox socket', async () => {
  // The epoll set of the readiness watcher lives as long as the process: make it first.
  {
    const [a, b] = pair();
    const ingress = new Ingress(b, { ownerVm: -1, deliver: () => {}, closed: () => {} });
    ingress.close();
    loadAddon().fdClose(a);
  }
  const before = openDescriptorCount();
  const [mine, theirs] = pair();
  const delivered: Message[] = [];
  let closedCount = 0;
  new Ingress(theirs, { ownerVm: -1, deliver: (m) => delivered.push(m), closed: () => closedCount++ });

  send(mine, new Uint8Array([1, 0, 3, 10, 0x61])); // a string that ends early
  send(mine, new Uint8Array(20000).fill(7), devNulls(2)); // longer than any message
  send(mine, new Uint8Array([1, 0, 4]), devNulls(250)); // one fd tag, 250 descriptors
  send(mine, new Uint8Array([2, 0, 1])); // wrong version
  send(mine, new Uint8Array([1, 0, 4]), devNulls(2)); // descriptor count differs from the tags
  const randomBytes = new Uint8Array(64);
  for (let i = 0; i < 50; i++) {
    for (let k = 0; k < randomBytes.length; k++) randomBytes[k] = (Math.random() * 256) | 0;
    randomBytes[0] = 1;
    send(mine, randomBytes.subarray(0, 1 + ((Math.random() * 63) | 0)), i % 5 === 0 ? devNulls(1) : []);
  }
  const valid = encode({ kind: 'table', hasMetatable: false, entries: [[new Uint8Array(Buffer.from('ok')), true]] });
  if (!valid.ok) throw new Error('encode failed');
  send(mine, valid.bytes);
  for (let i = 0; i < 50 && delivered.length === 0; i++) await tick();

  const okMessages = delivered.filter((m) => typeof m.value === 'object' && 'kind' in m.value && m.value.kind === 'object' &&
    Buffer.from(m.value.keys[0]).toString() === 'ok');
  assert.is(okMessages.length, 1, 'the valid message arrives after the junk');
  // Random bytes may happen to form a valid message; whatever arrived owns its descriptors.
  for (const m of delivered) {
    for (const address of m.resources?.addresses ?? []) endpointOf(address)?.release();
    for (const fd of m.resources?.fds ?? []) loadAddon().fdClose(fd);
  }
  assert.is(closedCount, 0, 'junk does not close the socket');

  send(mine, new Uint8Array(0)); // the peer closes this capability
  for (let i = 0; i < 50 && closedCount === 0; i++) await tick();
  assert.is(closedCount, 1);
  loadAddon().fdClose(mine);
  assert.is(openDescriptorCount(), before, 'every descriptor that arrived was closed');
});

test.run();
