// P8: libc_service's round trip. `node bench/libc-service.mjs [--reps N]`
// (default 7). Builds bench/libc-service.c with `cc -O2` into bench/out/.
//
//   served    bin/emilua-ts bench/lua/libc-service.lua: the C program under
//             the preload library, each open() asked to the master, which
//             answers use_slave_credentials() (the library then opens)
//   plain     bench/out/libc-service FILE N: the same program alone
//   floor     bench/out/libc-service-floor FILE N: the same loop with one
//             round trip per open to a C process that answers at once, on
//             the same kind of socket (what a master costs at best)
//
// The C program times its own loop of N open()+close() (CLOCK_MONOTONIC),
// start-up excluded. ratio = served time / plain time (target <= 20); the
// floor's ratio is floor time / plain time. Runs
// alternate, one untimed run of each first; the result is the median of
// neighbouring runs' ratios. Writes nothing but bench/out/libc-service and
// bench/out/libc-service-floor.

import { fileURLToPath } from 'node:url';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileC, runTimed, repetitionsFromArgs, median } from './common.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const emiluaTs = path.join(root, 'bin', 'emilua-ts');
const script = path.join(root, 'bench', 'lua', 'libc-service.lua');
const source = path.join(root, 'bench', 'libc-service.c');
const binary = path.join(root, 'bench', 'out', 'libc-service');
const floorSource = path.join(root, 'bench', 'libc-service-floor.c');
const floorBinary = path.join(root, 'bench', 'out', 'libc-service-floor');
const FILE = '/etc/hostname';
const COUNT = 5000;
const TARGET = 20;

const reps = repetitionsFromArgs('libc-service.mjs');

compileC(source, binary);
compileC(floorSource, floorBinary);

const run = (command, args) => runTimed(command, args, COUNT, 'opens');

const runServed = () => run(emiluaTs, [script, '--', binary, FILE, String(COUNT)]);
const runPlain = () => run(binary, [FILE, String(COUNT)]);
const runFloor = () => run(floorBinary, [FILE, String(COUNT)]);

runServed();
runPlain();
runFloor();
const ratios = [];
const floorRatios = [];
const served = [];
const plain = [];
const floor = [];
for (let i = 0; i < reps; i++) {
  const pair = i % 2 === 0 ? [runServed(), runPlain()] : [runPlain(), runServed()].reverse();
  served.push(pair[0]);
  plain.push(pair[1]);
  ratios.push(pair[0] / pair[1]);
  floor.push(runFloor());
  floorRatios.push(floor[i] / pair[1]);
}

const us = (seconds) => ((seconds / COUNT) * 1e6).toFixed(2);
const ratio = median(ratios);
console.log(`P8 open()+close() of ${FILE}, ${COUNT} times, ${reps} repetitions, ${os.cpus().length} CPUs`);
console.log('| | per open+close (median) | ratio (median) | ratio range | target |');
console.log('| --- | --- | --- | --- | --- |');
console.log(`| served by the master (use_slave_credentials) | ${us(median(served))} µs | ${ratio.toFixed(2)} | ` +
  `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} | <= ${TARGET} (${ratio <= TARGET ? 'met' : 'missed'}) |`);
console.log(`| floor: C answering at once | ${us(median(floor))} µs | ${median(floorRatios).toFixed(2)} | ` +
  `${Math.min(...floorRatios).toFixed(2)}–${Math.max(...floorRatios).toFixed(2)} | |`);
console.log(`| plain | ${us(median(plain))} µs | 1 | | |`);
