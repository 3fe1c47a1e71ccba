// system.spawn against posix_spawn. `node bench/spawn.mjs [--reps N]`
// (default 7). Builds bench/spawn.c with `cc -O2` into bench/out/.
//
//   emilua-ts  bin/emilua-ts bench/lua/spawn.lua -- 1000: system.spawn of
//              /bin/true (a filesystem.path, standard descriptors shared,
//              empty environment) then wait(), 1 000 times
//   baseline   bench/out/spawn 1000: posix_spawn of /bin/true (empty
//              environment) then waitpid, 1 000 times, in C
//
// Each side times its own loop (os.clock() delta in Lua, CLOCK_MONOTONIC in
// C), start-up excluded. ratio = emilua-ts time / C time (target <= 3). The
// commands alternate, one untimed run of each first; each repetition gives
// the ratio of two neighbouring runs and the result is their median. Writes
// nothing but bench/out/spawn and the console.

import { fileURLToPath } from 'node:url';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileC, runTimed, repetitionsFromArgs, median } from './common.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const emiluaTs = path.join(root, 'bin', 'emilua-ts');
const script = path.join(root, 'bench', 'lua', 'spawn.lua');
const source = path.join(root, 'bench', 'spawn.c');
const binary = path.join(root, 'bench', 'out', 'spawn');
const COUNT = 1000;
const TARGET = 3;

const reps = repetitionsFromArgs('spawn.mjs');

compileC(source, binary);

const run = (command, args) => runTimed(command, args, COUNT, 'spawns');

const runLua = () => run(emiluaTs, [script, '--', String(COUNT)]);
const runC = () => run(binary, [String(COUNT)]);

runLua();
runC();
const ratios = [];
const lua = [];
const c = [];
for (let i = 0; i < reps; i++) {
  const pair = i % 2 === 0 ? [runLua(), runC()] : [runC(), runLua()].reverse();
  lua.push(pair[0]);
  c.push(pair[1]);
  ratios.push(pair[0] / pair[1]);
}

const us = (seconds) => ((seconds / COUNT) * 1e6).toFixed(0);
const ratio = median(ratios);
console.log(`spawn + wait of /bin/true, ${COUNT} times, ${reps} repetitions, ${os.cpus().length} CPUs`);
console.log('| | per spawn (median) | ratio (median) | ratio range | target |');
console.log('| --- | --- | --- | --- | --- |');
console.log(`| emilua-ts system.spawn + wait() | ${us(median(lua))} µs | ${ratio.toFixed(2)} | ` +
  `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} | <= ${TARGET} (${ratio <= TARGET ? 'met' : 'missed'}) |`);
console.log(`| C posix_spawn + waitpid | ${us(median(c))} µs | 1 | | |`);
