// Fuzzes the IPC message decoder (runtime/actor/ipc/codec.ts).
//
//   node --import tsx bench/ipc-fuzz.ts [--messages N] [--real N] [--seed S]
//
// First N (default 1 000 000) random and mutated datagrams with fake
// descriptor numbers and a counting closer, timed inside decode() alone;
// then --real (default 10 000) more, each with real pipe descriptors, with
// /proc/self/fd counted before and after. What counts as a crash, a leak or
// a double close is in bench/ipc-fuzz-core.ts. Exits 1 on any of them.

import * as fs from 'node:fs';
import { loadAddon } from '../runtime/native/load-addon';
import { fuzzFake, fuzzReal, type Tally } from './ipc-fuzz-core';

function args(): { messages: number; real: number; seed: number } {
  const out = { messages: 1_000_000, real: 10_000, seed: 20261205 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '') as keyof typeof out;
    const value = Number(argv[i + 1]);
    if (!(name in out) || !Number.isInteger(value) || value < 0) {
      console.error('usage: node --import tsx bench/ipc-fuzz.ts [--messages N] [--real N] [--seed S]');
      process.exit(2);
    }
    out[name] = value;
  }
  return out;
}

function openPipes(n: number): number[] {
  const fds: number[] = [];
  while (fds.length < n) {
    const ends = loadAddon().fdPipe(false);
    if (typeof ends === 'number') throw new Error(`pipe: ${ends}`);
    fds.push(...ends);
  }
  if (fds.length > n) loadAddon().fdClose(fds.pop() as number);
  return fds;
}

function summary(t: Tally): string {
  const errors = Object.entries(t.errors).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  return `${t.messages} messages: ${t.decoded} decoded, ${t.closedCapability} "closed", refused: ${errors}\n` +
    `  crashes ${t.crashes}, leaked fds ${t.leaks}, double/foreign closes ${t.doubles}, wrong round trips ${t.wrong}` +
    (t.problems.length > 0 ? `\n  ${t.problems.join('\n  ')}` : '');
}

const bad = (t: Tally) => t.crashes + t.leaks + t.doubles + t.wrong;
const { messages, real, seed } = args();

const fake = fuzzFake(seed, messages);
console.log(`fake fds, seed ${seed}: ${summary(fake.tally)}`);
console.log(`  decode: ${Math.round(messages / fake.decodeSeconds).toLocaleString('en')} messages/s (${fake.decodeSeconds.toFixed(2)} s inside decode)`);

const before = fs.readdirSync('/proc/self/fd').length;
const realTally = fuzzReal(seed + 1, real, openPipes, (fd) => void loadAddon().fdClose(fd));
const after = fs.readdirSync('/proc/self/fd').length;
console.log(`real pipe fds: ${summary(realTally)}`);
console.log(`  /proc/self/fd: ${before} before, ${after} after`);

if (bad(fake.tally) + bad(realTally) > 0 || after !== before) process.exit(1);
