// This build against another checkout's build, in one run: is a change no
// slower than what it replaces? Both trees' bin/emilua-ts run this tree's
// scripts, interleaved (order alternating between repetitions, one untimed
// run of each first), and each row gives the median of the per-repetition
// time ratios this ÷ other (below 1: this build is faster).
//
//   P1 fib / tables   bench/lua/fib.lua, bench/lua/tables.lua: script time
//   fiber switches    bench/lua/fiber-switch.lua: script time
//   P5 round trip     bench/lua/actor-round-trip.lua: script time
//   P2 start-up       bin/emilua-ts bench/lua/hello.lua: wall time
//
// usage: node bench/against-tree.mjs --tree DIR [--reps N]
// DIR is another checkout, set up and built (npm start), e.g. a git worktree
// of the commit before a change. Writes nothing.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './common.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let other;
let reps = 9;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--tree' && argv[i + 1] !== undefined) other = path.resolve(argv[++i]);
  else if (argv[i] === '--reps' && Number.isInteger(Number(argv[i + 1])) && Number(argv[i + 1]) > 0) reps = Number(argv[++i]);
  else usage();
}
if (other === undefined) usage();
for (const tree of [root, other]) {
  if (!fs.existsSync(path.join(tree, 'bin', 'emilua-ts')) || !fs.existsSync(path.join(tree, 'build', 'Release'))) {
    console.error(`bench: ${tree} has no built bin/emilua-ts (run npm start there)`);
    process.exit(1);
  }
}

function usage() {
  console.error('usage: node bench/against-tree.mjs --tree DIR [--reps N]');
  process.exit(2);
}

// No colours, and no NODE_OPTIONS (bin/emilua-ts skips the snapshot with it).
const env = { ...process.env, NO_COLOR: '1' };
delete env.NODE_OPTIONS;

function bin(tree) {
  return path.join(tree, 'bin', 'emilua-ts');
}

// Where a script prints its seconds: "RESULT <seconds> <check>" (run.mjs's
// scripts) or "<trips> <seconds>" (p5-actors.mjs's).
const RESULT_LINE = /^RESULT\t(\S+)\t/m;
const TRIPS_LINE = /^\d+\t(\S+)$/m;

function scriptSeconds(tree, script, line = RESULT_LINE) {
  const r = spawnSync(bin(tree), [path.join(root, 'bench', 'lua', script)], {
    cwd: path.join(root, 'bench', 'lua'), env, encoding: 'utf8', maxBuffer: 1 << 20,
  });
  const m = line.exec(r.stdout ?? '');
  if (r.status !== 0 || m === null) {
    console.error(`bench: ${bin(tree)} ${script} failed (${r.status ?? r.signal}):\n${r.stderr}`);
    process.exit(1);
  }
  return Number(m[1]);
}

/** Wall time in seconds of a whole run of hello.lua. */
function startSeconds(tree) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(bin(tree), [path.join(root, 'bench', 'lua', 'hello.lua')], { env, stdio: 'ignore' });
  if (r.status !== 0) {
    console.error(`bench: ${bin(tree)} hello.lua failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const measurements = [
  ['P1 fib(27)', (tree) => scriptSeconds(tree, 'fib.lua'), reps],
  ['P1 tables', (tree) => scriptSeconds(tree, 'tables.lua'), reps],
  ['fiber switches', (tree) => scriptSeconds(tree, 'fiber-switch.lua'), reps],
  ['P5 round trip', (tree) => scriptSeconds(tree, 'actor-round-trip.lua', TRIPS_LINE), reps],
  ['P2 start-up', startSeconds, reps * 4],
];

const loadBefore = os.loadavg();
const rows = [];
for (const [name, measure, count] of measurements) {
  measure(root);
  measure(other);
  const mine = [];
  const theirs = [];
  for (let rep = 0; rep < count; rep++) {
    if (rep % 2 === 0) {
      mine.push(measure(root));
      theirs.push(measure(other));
    } else {
      theirs.push(measure(other));
      mine.push(measure(root));
    }
    process.stderr.write(`\r${name}: ${rep + 1}/${count}`);
  }
  process.stderr.write('\n');
  const ratios = mine.map((t, i) => t / theirs[i]);
  rows.push([name, median(mine), median(theirs), median(ratios), Math.min(...ratios), Math.max(...ratios), count]);
}

const ms = (s) => `${(s * 1000).toFixed(1)} ms`;
console.log(`this build: ${root}\nother build: ${other}\n`);
console.log('| measurement | this build (median) | other build (median) | time ratio (median) | range | repetitions |');
console.log('|---|---|---|---|---|---|');
for (const [name, a, b, r, lo, hi, n] of rows) {
  console.log(`| ${name} | ${ms(a)} | ${ms(b)} | ${r.toFixed(2)} | ${lo.toFixed(2)}–${hi.toFixed(2)} | ${n} |`);
}
const load = (l) => l.map((x) => x.toFixed(2)).join(' ');
console.log(`\n${os.cpus().length} CPUs, Node.js ${process.version}; load average before: ${load(loadBefore)}, after: ${load(os.loadavg())}`);
