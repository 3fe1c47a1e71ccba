// A bounded run of the IPC decoder fuzzer (bench/ipc-fuzz-core.ts; the full
// million-message run is `npm run bench`): random and mutated datagrams must
// never make decode() throw, and every descriptor handed to it must end up
// either in the decoded value or closed, exactly once. The real-descriptor
// part checks /proc/self/fd as well.

import * as fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadAddon } from '../../runtime/native/load-addon';
import { fuzzFake, fuzzReal, type Tally } from '../../bench/ipc-fuzz-core';

function assertClean(t: Tally, count: number): void {
  assert.is(t.messages, count);
  assert.equal(t.problems, [], 'no problem found');
  assert.is(t.crashes + t.leaks + t.doubles + t.wrong, 0);
  // The mix exercises both paths: some mutants still decode, most are refused.
  assert.ok(t.decoded > count / 20, `${t.decoded} decoded`);
  assert.ok(Object.keys(t.errors).length >= 6, `refusal reasons seen: ${Object.keys(t.errors).join(', ')}`);
}

test('50 000 fuzzed datagrams with fake descriptors: no throw, no leak, no double close', () => {
  assertClean(fuzzFake(7, 50_000).tally, 50_000);
});

test('2 000 fuzzed datagrams with real pipe descriptors: /proc/self/fd back at its start', () => {
  const addon = loadAddon();
  const openPipes = (n: number): number[] => {
    const fds: number[] = [];
    while (fds.length < n) fds.push(...(addon.fdPipe(false) as [number, number]));
    if (fds.length > n) addon.fdClose(fds.pop() as number);
    return fds;
  };
  const before = fs.readdirSync('/proc/self/fd').length;
  const tally = fuzzReal(11, 2_000, openPipes, (fd) => void addon.fdClose(fd));
  assert.is(fs.readdirSync('/proc/self/fd').length, before);
  assertClean(tally, 2_000);
});

test.run();
