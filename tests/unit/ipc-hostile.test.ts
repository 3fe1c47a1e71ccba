// The receiving side of an IPC actor socket (runtime/actor/ipc/receive.ts)
// against a hostile peer: the test holds the other end of a real
// SOCK_SEQPACKET pair and sends, with raw sendmsg(2) from the addon,
// truncated, oversized, wrong-version, fd-stuffed and random datagrams.
// After each case: nothing thrown, nothing waited for, and /proc/self/fd
// holds exactly what it held before.

import * as fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadAddon } from '../../runtime/native/load-addon';
import { ioConstant } from '../../runtime/io/native';
import { sockConstant } from '../../runtime/io/socket-address';
import { encode, MAX_MESSAGE_BYTES } from '../../runtime/actor/ipc/codec';
import { receiveMessage, newReceiveBuffer, type ReceiveResult } from '../../runtime/actor/ipc/receive';
import type { IpcInput } from '../../runtime/actor/ipc/value';

const s = (text: string): Uint8Array => new Uint8Array(Buffer.from(text));

function openCount(): number {
  return fs.readdirSync('/proc/self/fd').length;
}

function seqpacketPair(): [number, number] {
  const pair = loadAddon().sockPair(sockConstant('SOCK_SEQPACKET'));
  if (typeof pair === 'number') throw new Error(`socketpair: ${pair}`);
  return pair;
}

function pipe(): [number, number] {
  const ends = loadAddon().fdPipe(false);
  if (typeof ends === 'number') throw new Error(`pipe: ${ends}`);
  return ends;
}

function devNulls(count: number): number[] {
  return Array.from({ length: count }, () => fs.openSync('/dev/null', 'r'));
}

function closeAll(fds: number[]): void {
  for (const fd of fds) loadAddon().fdClose(fd);
}

const buffer = newReceiveBuffer();

/**
 * Sends one datagram with `fds` from the peer's end (the test's copies are
 * closed right after), then receives it on ours.
 */
function deliver(bytes: Uint8Array, fds: number[]): ReceiveResult {
  const [ours, theirs] = seqpacketPair();
  try {
    const sent = loadAddon().sockSendFds(theirs, bytes, fds, null, 0);
    if (sent < 0) throw new Error(`sendmsg: ${sent}`);
    closeAll(fds);
    return receiveMessage(ours, buffer);
  } finally {
    closeAll([ours, theirs]);
  }
}

function encoded(value: IpcInput): Uint8Array {
  const result = encode(value);
  if (!result.ok) throw new Error(result.failure.detail);
  return result.bytes;
}

function dropped(result: ReceiveResult): string {
  return result.type === 'dropped' ? result.reason : result.type;
}

let baseline = 0;

test.before(() => {
  // The addon and the constants load on first use: load them before counting.
  sockConstant('SOCK_SEQPACKET');
  ioConstant('S_IFSOCK');
  closeAll(seqpacketPair());
  baseline = openCount();
});

test.after.each(() => {
  assert.is(openCount(), baseline, '/proc/self/fd back at its start count');
});

test('a message with a descriptor and an address arrives, classified by fstat', () => {
  const [readEnd, writeEnd] = pipe();
  const [addressEnd, otherEnd] = seqpacketPair();
  const result = deliver(encoded({ kind: 'object', keys: [s('f'), s('ch')], values: [{ kind: 'fd', fd: readEnd }, { kind: 'address', fd: addressEnd }] }), [readEnd, addressEnd]);
  closeAll([writeEnd, otherEnd]);
  assert.is(result.type, 'message');
  if (result.type !== 'message') return;
  assert.equal(result.fileTypes, [ioConstant('S_IFIFO'), ioConstant('S_IFSOCK')]);
  const value = result.value as { kind: 'object'; values: Array<{ kind: string; fd: number }> };
  assert.equal(value.values.map((v) => v.kind), ['fd', 'address']);
  // The receiver owns them now.
  closeAll(value.values.map((v) => v.fd));
});

test('an address that is not a unix seqpacket socket is dropped with everything in the message', () => {
  const [readEnd, writeEnd] = pipe();
  const stream = loadAddon().sockPair(sockConstant('SOCK_STREAM')) as [number, number];
  assert.is(dropped(deliver(encoded({ kind: 'address', fd: readEnd }), [readEnd])), 'address_not_seqpacket');
  const [nul] = devNulls(1);
  const mixed = encoded({ kind: 'object', keys: [s('a'), s('b')], values: [{ kind: 'fd', fd: nul }, { kind: 'address', fd: stream[0] }] });
  assert.is(dropped(deliver(mixed, [nul, stream[0]])), 'address_not_seqpacket');
  closeAll([writeEnd, stream[1]]);
});

test('a zero-length datagram closes the capability; its descriptors are closed', () => {
  assert.is(deliver(new Uint8Array(0), []).type, 'closed');
  assert.is(deliver(new Uint8Array(0), devNulls(3)).type, 'closed');
});

test('nothing to read does not wait; a peer gone reads as closed', () => {
  const [ours, theirs] = seqpacketPair();
  assert.is(receiveMessage(ours, buffer).type, 'would_block');
  closeAll([theirs]);
  assert.is(receiveMessage(ours, buffer).type, 'closed');
  closeAll([ours]);
});

test('truncated datagrams are dropped, descriptors closed', () => {
  const full = encoded({ kind: 'object', keys: [s('key')], values: [s('a longer string value')] });
  for (let cut = 1; cut < full.length; cut++) {
    assert.is(dropped(deliver(full.subarray(0, cut), devNulls(2))), 'truncated', `cut at ${cut}`);
  }
});

test('an oversized datagram is dropped whole (MSG_TRUNC), descriptors closed', () => {
  const big = new Uint8Array(MAX_MESSAGE_BYTES + 1).fill(1);
  big[0] = 1;
  assert.is(dropped(deliver(big, devNulls(4))), 'oversized');
  assert.is(dropped(deliver(new Uint8Array(60000).fill(7), devNulls(1))), 'oversized');
});

test('a wrong version is dropped, descriptors closed', () => {
  const good = encoded({ kind: 'fd', fd: 0 });
  for (const version of [0, 2, 255]) {
    const bad = good.slice();
    bad[0] = version;
    assert.is(dropped(deliver(bad, devNulls(1))), 'version');
  }
});

test('fd-stuffed: 250 descriptors with one message (SCM_RIGHTS) are all gone', () => {
  const stuffed = devNulls(250);
  assert.is(dropped(deliver(encoded({ kind: 'fd', fd: 0 }), stuffed)), 'control_truncated');
  assert.is(dropped(deliver(encoded(true), devNulls(21))), 'control_truncated');
});

test('descriptor counts that do not match the tags are dropped', () => {
  const oneFd = encoded({ kind: 'fd', fd: 0 });
  assert.is(dropped(deliver(oneFd, [])), 'fd_count');
  assert.is(dropped(deliver(oneFd, devNulls(2))), 'fd_count');
  assert.is(dropped(deliver(encoded(1.5), devNulls(20))), 'fd_count');
});

test('random datagrams with random descriptors: dropped or decoded, never leaked', () => {
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  let messages = 0;
  for (let i = 0; i < 300; i++) {
    const bytes = new Uint8Array(1 + Math.floor(random() * 64)).map(() => Math.floor(random() * 256));
    // Half of them look like version 1, to get past the first check.
    if (i % 2 === 0) bytes[0] = 1;
    const result = deliver(bytes, devNulls(Math.floor(random() * 4)));
    assert.ok(['message', 'dropped'].includes(result.type), result.type);
    if (result.type === 'message') {
      messages++;
      const value = result.value;
      if (typeof value === 'object' && !(value instanceof Uint8Array)) {
        closeAll(value.kind === 'object' ? value.values.flatMap((v) => (typeof v === 'object' && 'kind' in v ? [v.fd] : [])) : [value.fd]);
      }
    }
  }
  assert.ok(messages < 300, 'most random bytes are not messages');
});

test.run();
