// P6: pipe throughput. `node bench/p6-pipe.mjs [--reps N]` (default 7).
//
//   emilua-ts  bin/emilua-ts bench/lua/pipe-copy.lua: 512 MiB through a
//              pipe.pair(), stream.write_all of a 64 KiB byte_span in one
//              fiber, read_some into a 64 KiB byte_span in another; the
//              script times the copy itself (os.clock() delta, start-up
//              excluded)
//   baseline   sh -c 'head -c 536870912 /dev/zero | cat > /dev/null': cat
//              copying the same 512 MiB from a pipe, whole pipeline timed
//
//   filter     sh -c 'head -c 536870912 /dev/zero | bin/emilua-ts
//              bench/lua/pipe-cat.lua > /dev/null': emilua-ts in cat's place
//              in the same pipeline (read_some from stdin, stream.write_all to
//              stdout, 64 KiB byte_span); the script times first byte to EOF
//
// ratio = baseline time / emilua-ts time (a throughput ratio; target >= 0.5).
// The in-process form keeps both pipe ends on one thread while cat's pipeline
// runs on two CPUs; the filter form is the like-for-like comparison.
// The two commands alternate, one untimed run of each first; each repetition
// gives the ratio of two neighbouring runs and the result is their median.
// The whole-process ratio (emilua-ts start-up included) is shown for
// reference. Build first (npm run build). Writes nothing but the console.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as os from 'node:os';
import * as path from 'node:path';
import { repetitionsFromArgs, median } from './common.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const emiluaTs = path.join(root, 'bin', 'emilua-ts');
const script = path.join(root, 'bench', 'lua', 'pipe-copy.lua');
const BYTES = 512 * 1024 * 1024;
const TARGET = 0.5;

const reps = repetitionsFromArgs('p6-pipe.mjs');

function timed(command, args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stderr}`);
    process.exit(1);
  }
  return { wall, stdout: result.stdout };
}

function runEmiluaTs() {
  const { wall, stdout } = timed(emiluaTs, [script]);
  const [bytes, seconds] = stdout.trim().split('\t').map(Number);
  if (bytes !== BYTES) {
    console.error(`pipe-copy.lua copied ${bytes} bytes, not ${BYTES}`);
    process.exit(1);
  }
  return { copy: seconds, wall };
}

const filterScript = path.join(root, 'bench', 'lua', 'pipe-cat.lua');

function runFilter() {
  const result = spawnSync('sh', ['-c', `head -c ${BYTES} /dev/zero | "${emiluaTs}" "${filterScript}" > /dev/null`],
    { encoding: 'utf8', maxBuffer: 1 << 20 });
  const [bytes, seconds] = result.stderr.trim().split('\t').map(Number);
  if (result.status !== 0 || bytes !== BYTES) {
    console.error(`pipe-cat.lua failed (${result.status ?? result.signal}, ${bytes} bytes):\n${result.stderr}`);
    process.exit(1);
  }
  return seconds;
}

function runCat() {
  return timed('sh', ['-c', `head -c ${BYTES} /dev/zero | cat > /dev/null`]).wall;
}


runEmiluaTs();
runCat();
const ours = [];
const cats = [];
const ratios = [];
const wallRatios = [];
const filters = [];
const filterRatios = [];
for (let i = 0; i < reps; i++) {
  let mine;
  let cat;
  if (i % 2 === 0) {
    mine = runEmiluaTs();
    cat = runCat();
  } else {
    cat = runCat();
    mine = runEmiluaTs();
  }
  const filter = runFilter();
  filters.push(filter);
  filterRatios.push(cat / filter);
  ours.push(mine.copy);
  cats.push(cat);
  ratios.push(cat / mine.copy);
  wallRatios.push(cat / mine.wall);
}

const mib = BYTES / (1 << 20);
const ratio = median(ratios);
const fmt = (x) => x.toFixed(2);
console.log(`P6 pipe copy, ${mib} MiB, ${reps} repetitions, load ${os.loadavg().map(fmt).join(' ')}`);
console.log(`  emilua-ts  ${fmt(median(ours))} s  (${fmt(mib / median(ours))} MiB/s)`);
console.log(`  cat        ${fmt(median(cats))} s  (${fmt(mib / median(cats))} MiB/s)`);
console.log(`  ratio      ${fmt(ratio)} (range ${fmt(Math.min(...ratios))}-${fmt(Math.max(...ratios))}), ` +
  `target >= ${TARGET}: ${ratio >= TARGET ? 'met' : 'MISSED'}`);
console.log(`  (whole process, start-up included: ${fmt(median(wallRatios))})`);
const filterRatio = median(filterRatios);
console.log(`  filter     ${fmt(median(filters))} s  (${fmt(mib / median(filters))} MiB/s), emilua-ts as cat in the same pipeline`);
console.log(`  ratio      ${fmt(filterRatio)} (range ${fmt(Math.min(...filterRatios))}-${fmt(Math.max(...filterRatios))}), ` +
  `target >= ${TARGET}: ${filterRatio >= TARGET ? 'met' : 'MISSED'}`);
