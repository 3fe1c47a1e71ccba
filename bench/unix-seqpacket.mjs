// unix.seqpacket sockets against C. `node bench/unix-seqpacket.mjs [--reps N]`
// (default 7). Builds bench/unix-seqpacket.c with `cc -O2` into bench/out/.
//
//   round trip  bench/lua/unix-seqpacket.lua -- rtt: two fibers of one VM
//               ping-pong a 64-byte message over unix.seqpacket.socket.pair()
//               (send, receive, answer, receive); against `unix-seqpacket rtt`:
//               the same four syscalls per trip on one thread in C, blocking
//   one-way     bench/lua/unix-seqpacket.lua -- oneway: one fiber sends 64 B
//               (then 4 KiB) messages, another receives them; against
//               `unix-seqpacket oneway`: a parent sending to a forked child
//
// Each side times its own loop (os.clock() delta in Lua, CLOCK_MONOTONIC in
// C), start-up excluded. The commands alternate, one untimed run of each
// first; each repetition gives the ratio of two neighbouring runs and the
// result is their median. Writes nothing but bench/out/unix-seqpacket and
// the console.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repetitionsFromArgs, median } from './common.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const emiluaTs = path.join(root, 'bin', 'emilua-ts');
const script = path.join(root, 'bench', 'lua', 'unix-seqpacket.lua');
const source = path.join(root, 'bench', 'unix-seqpacket.c');
const binary = path.join(root, 'bench', 'out', 'unix-seqpacket');

const reps = repetitionsFromArgs('unix-seqpacket.mjs');

fs.mkdirSync(path.dirname(binary), { recursive: true });
const cc = spawnSync('cc', ['-O2', '-Wall', '-o', binary, source], { encoding: 'utf8' });
if (cc.status !== 0) {
  console.error(`cc failed (${cc.status ?? cc.signal}):\n${cc.stderr}`);
  process.exit(1);
}

/** Runs a command that prints "<seconds>\t<bytes>"; checks the bytes. */
function run(command, args, expectedBytes) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stderr}`);
    process.exit(1);
  }
  const [seconds, bytes] = result.stdout.trim().split('\t').map(Number);
  if (bytes !== expectedBytes) {
    console.error(`${command} ${args.join(' ')}: ${bytes} bytes arrived, not ${expectedBytes}`);
    process.exit(1);
  }
  return seconds;
}


/**
 * Interleaved runs of two measurements that return a time per operation;
 * returns the medians and the median ratio ours/theirs (time per operation).
 */
function compare(ours, theirs) {
  ours();
  theirs();
  const a = [];
  const b = [];
  const ratios = [];
  for (let i = 0; i < reps; i++) {
    let x;
    let y;
    if (i % 2 === 0) {
      x = ours();
      y = theirs();
    } else {
      y = theirs();
      x = ours();
    }
    a.push(x);
    b.push(y);
    ratios.push(x / y);
  }
  return { ours: median(a), theirs: median(b), ratio: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

const RTT_LUA = 20_000;
const RTT_C = 400_000;
const ONEWAY = 50_000;
const ONEWAY_C = 500_000;

const rtt = compare(
  () => run(emiluaTs, [script, '--', 'rtt', String(RTT_LUA)], RTT_LUA * 64) / RTT_LUA,
  () => run(binary, ['rtt', String(RTT_C)], RTT_C * 64) / RTT_C,
);
const oneway = [64, 4096].map((size) => ({
  size,
  ...compare(
    () => run(emiluaTs, [script, '--', 'oneway', String(ONEWAY), String(size)], ONEWAY * size) / ONEWAY,
    () => run(binary, ['oneway', String(ONEWAY_C), String(size)], ONEWAY_C * size) / ONEWAY_C,
  ),
}));

const fmt = (x, d = 2) => x.toFixed(d);
const rate = (perOp) => `${fmt(1 / perOp / 1000, 1)}k/s`;
console.log(`unix.seqpacket against C, ${reps} repetitions, load ${os.loadavg().map((x) => fmt(x)).join(' ')}`);
console.log('| measurement | emilua-ts (median) | C (median) | emilua-ts ÷ C, time per operation (median) | range |');
console.log('|---|---|---|---|---|');
console.log(`| round trip, two fibers of one VM, 64 B | ${fmt(rtt.ours * 1e6, 1)} µs (${rate(rtt.ours)}) | ` +
  `${fmt(rtt.theirs * 1e6, 2)} µs (${rate(rtt.theirs)}) | ${fmt(rtt.ratio, 1)} | ${fmt(rtt.min, 1)}–${fmt(rtt.max, 1)} |`);
for (const o of oneway) {
  const label = o.size === 64 ? '64 B' : '4 KiB';
  console.log(`| one-way messages, ${label} | ${rate(o.ours)} | ${rate(o.theirs)} | ${fmt(o.ratio, 1)} | ` +
    `${fmt(o.min, 1)}–${fmt(o.max, 1)} |`);
}
