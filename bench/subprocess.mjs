// Subprocess actors. `node bench/subprocess.mjs [--reps N]` (default 5).
// Builds bench/unix-seqpacket.c with `cc -O2` into bench/out/ (`rtt2`, `rtt`).
//
//   P3  bench/lua/subprocess.lua -- spawn 20: spawn_vm{subprocess} -> first
//       reply received (steady clock in Lua, per spawn), divided by the wall
//       time of `node -e 0` measured here in the same run (target <= 1.3)
//   P4  bench/lua/subprocess.lua -- rtt 2000: a round trip to an echo
//       subprocess actor (channel:send, inbox:receive), divided by the C
//       seqpacket round trip between two processes of
//       `bench/out/unix-seqpacket rtt2` (target <= 10). Reference row: the
//       same divided by `unix-seqpacket rtt`, both ends on one thread, which
//       wakes no process at all.
//   P7  bench/lua/subprocess.lua -- idle 2: the Pss line of
//       /proc/PID/smaps_rollup of an idle subprocess actor host that has
//       answered one message (target <= 25 MB)
//
// Each repetition gives one ratio; the result is the median. Writes nothing
// but bench/out/unix-seqpacket and the console.

import { spawnSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repetitionsFromArgs, median } from './common.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const emiluaTs = path.join(root, 'bin', 'emilua-ts');
const script = path.join(root, 'bench', 'lua', 'subprocess.lua');
const source = path.join(root, 'bench', 'unix-seqpacket.c');
const binary = path.join(root, 'bench', 'out', 'unix-seqpacket');
const SPAWNS = 20;
const TRIPS = 2000;
const C_TRIPS = 200000;
const C_PROCESS_TRIPS = 20000;

const reps = repetitionsFromArgs('subprocess.mjs', 5);

fs.mkdirSync(path.dirname(binary), { recursive: true });
const cc = spawnSync('cc', ['-O2', '-Wall', '-o', binary, source], { encoding: 'utf8' });
if (cc.status !== 0) {
  console.error(`cc failed (${cc.status ?? cc.signal}):\n${cc.stderr}`);
  process.exit(1);
}

/** Runs a command that prints "<seconds>\t<count>" (count × unit); returns seconds per item. */
function perItem(command, args, expected, unit = 1) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stderr}`);
    process.exit(1);
  }
  const [seconds, reported] = result.stdout.trim().split('\t').map(Number);
  const count = reported / unit;
  if (count !== expected) {
    console.error(`${command} ${args.join(' ')} reported ${count} items, not ${expected}`);
    process.exit(1);
  }
  return seconds / count;
}

function nodeStart() {
  const t0 = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-e', '0']);
  if (result.status !== 0) process.exit(1);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Pss (kB) of an idle actor host. */
function idlePss() {
  return new Promise((resolve, reject) => {
    const child = spawn(emiluaTs, [script, '--', 'idle', '2'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (!out.includes('\n')) return;
      const pid = out.trim();
      // Let the host settle after its first answer.
      setTimeout(() => {
        try {
          const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
          resolve(Number(/^Pss:\s+(\d+) kB/m.exec(rollup)[1]));
        } catch (err) {
          reject(err);
        }
      }, 500);
    });
    child.on('error', reject);
  });
}

perItem(emiluaTs, [script, '--', 'spawn', '2'], 2);
nodeStart();
const p3 = [], spawnTimes = [], nodeTimes = [];
const p4 = [], tripTimes = [], cTimes = [];
const oneThread = [], oneThreadTimes = [];
const p7 = [];
for (let i = 0; i < reps; i++) {
  const s = perItem(emiluaTs, [script, '--', 'spawn', String(SPAWNS)], SPAWNS);
  const starts = [];
  for (let k = 0; k < 5; k++) starts.push(nodeStart());
  const n = median(starts);
  spawnTimes.push(s);
  nodeTimes.push(n);
  p3.push(s / n);
  const t = perItem(emiluaTs, [script, '--', 'rtt', String(TRIPS)], TRIPS);
  // Both report the bytes that arrived.
  const c = perItem(binary, ['rtt2', String(C_PROCESS_TRIPS)], C_PROCESS_TRIPS, 64);
  const c1 = perItem(binary, ['rtt', String(C_TRIPS)], C_TRIPS, 64);
  tripTimes.push(t);
  cTimes.push(c);
  p4.push(t / c);
  oneThreadTimes.push(c1);
  oneThread.push(t / c1);
  p7.push(await idlePss());
}

const ms = (s) => (s * 1e3).toFixed(1);
const us = (s) => (s * 1e6).toFixed(1);
const verdict = (v, target) => (v <= target ? 'met' : 'missed');
const range = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
console.log(`subprocess actors, ${reps} repetitions, ${os.cpus().length} CPUs`);
console.log('| figure | emilua-ts (median) | baseline (median) | ratio (median) | range | target |');
console.log('| --- | --- | --- | --- | --- | --- |');
console.log(`| P3 spawn -> first reply | ${ms(median(spawnTimes))} ms | node -e 0: ${ms(median(nodeTimes))} ms | ` +
  `${median(p3).toFixed(2)} | ${range(p3)} | <= 1.3 (${verdict(median(p3), 1.3)}) |`);
console.log(`| P4 round trip | ${us(median(tripTimes))} µs | C seqpacket, two processes: ${us(median(cTimes))} µs | ` +
  `${median(p4).toFixed(1)} | ${range(p4)} | <= 10 (${verdict(median(p4), 10)}) |`);
console.log(`| (P4 against one thread) | ${us(median(tripTimes))} µs | C seqpacket, one thread: ${us(median(oneThreadTimes))} µs | ` +
  `${median(oneThread).toFixed(1)} | ${range(oneThread)} | |`);
const pss = median(p7) / 1024;
console.log(`| P7 idle actor PSS | ${pss.toFixed(1)} MB | | | ${(Math.min(...p7) / 1024).toFixed(1)}–${(Math.max(...p7) / 1024).toFixed(1)} MB | <= 25 MB (${verdict(pss, 25)}) |`);
