// P5: actors. `node bench/p5-actors.mjs [--reps N]` (default 7). Build first
// (npm run build). Writes nothing but the console.
//
//   round trip  bin/emilua-ts bench/lua/actor-round-trip.lua: the main VM and
//               an actor on the same thread send a number back and forth
//               (20 000 trips; the script times the trips only). Baseline: a
//               Node.js worker_threads ping-pong of a number with
//               postMessage (same count), measured in this process.
//               ratio = emilua-ts time per trip / baseline time per trip
//               (target <= 1.0: the actor round trip is no slower)
//   stream      bench/lua/actor-stream.lua: 50 000 small tables sent one way
//               to an actor on the same thread: messages/s. Reference: the
//               same object shape posted one way to a worker thread.
//   spawn       bench/lua/actor-spawn.lua: time per actor for 500 actors on
//               the main thread and for 4 actors on threads of their own
//               (spawn_vm to first answer). Reference: new Worker() to its
//               first message.
//
// The emilua-ts runs and the baselines alternate, one untimed run of each
// first; each repetition gives the ratio of two neighbouring measurements
// and the result is their median.

import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import * as os from 'node:os';
import * as path from 'node:path';
import { repetitionsFromArgs, median } from './common.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const emiluaTs = path.join(root, 'bin', 'emilua-ts');
const lua = (name) => path.join(root, 'bench', 'lua', name);
const TRIPS = 20000;
const STREAM = 50000;

const reps = repetitionsFromArgs('p5-actors.mjs');

function runScript(name) {
  const result = spawnSync(emiluaTs, [lua(name)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) {
    console.error(`bin/emilua-ts bench/lua/${name} failed (${result.status ?? result.signal}):\n${result.stderr}`);
    process.exit(1);
  }
  return result.stdout.trim().split('\t').map(Number);
}

const ECHO = `
const { parentPort } = require('node:worker_threads');
let count = 0;
parentPort.on('message', (m) => {
  if (m && m.stream) { if (++count === m.total) parentPort.postMessage(m.seq); return; }
  parentPort.postMessage(m);
});
parentPort.postMessage('ready');
`;

function startWorker() {
  const started = process.hrtime.bigint();
  const worker = new Worker(ECHO, { eval: true });
  return new Promise((resolve) => {
    worker.once('message', () => resolve({ worker, startup: Number(process.hrtime.bigint() - started) / 1e9 }));
  });
}

async function nodeRoundTrips() {
  const { worker } = await startWorker();
  const start = process.hrtime.bigint();
  await new Promise((resolve) => {
    let n = 0;
    worker.on('message', () => {
      if (++n === TRIPS) resolve();
      else worker.postMessage(n);
    });
    worker.postMessage(0);
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await worker.terminate();
  return TRIPS / seconds;
}

async function nodeStream() {
  const { worker } = await startWorker();
  const start = process.hrtime.bigint();
  const done = new Promise((resolve) => worker.once('message', resolve));
  for (let i = 1; i <= STREAM; i++) {
    worker.postMessage({ stream: true, total: STREAM, seq: i, name: 'item', ok: true, values: [1, 2, 3] });
  }
  await done;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await worker.terminate();
  return STREAM / seconds;
}

async function nodeWorkerStart() {
  const { worker, startup } = await startWorker();
  await worker.terminate();
  return startup;
}

const range = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
const rate = (x) => (x >= 1000 ? `${(x / 1000).toFixed(1)}k` : x.toFixed(0));

const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const loadBefore = load();

// Untimed warm-up of each.
runScript('actor-round-trip.lua');
await nodeRoundTrips();

const trips = { ours: [], node: [], ratios: [] };
const stream = { ours: [], node: [] };
const spawn = { inProcess: [], thread: [], worker: [] };
for (let i = 0; i < reps; i++) {
  let mine;
  let theirs;
  if (i % 2 === 0) {
    const [n, s] = runScript('actor-round-trip.lua');
    mine = n / s;
    theirs = await nodeRoundTrips();
  } else {
    theirs = await nodeRoundTrips();
    const [n, s] = runScript('actor-round-trip.lua');
    mine = n / s;
  }
  trips.ours.push(mine);
  trips.node.push(theirs);
  trips.ratios.push(theirs / mine);

  const [count, seconds] = runScript('actor-stream.lua');
  stream.ours.push(count / seconds);
  stream.node.push(await nodeStream());

  const [, perActor, , perThread] = runScript('actor-spawn.lua');
  spawn.inProcess.push(perActor);
  spawn.thread.push(perThread);
  spawn.worker.push(await nodeWorkerStart());
}

const ms = (s) => `${(s * 1000).toFixed(2)} ms`;
console.log(`P5 actors: ${reps} repetitions, ${os.cpus().length} CPUs, Node.js ${process.version}`);
console.log(`load average before: ${loadBefore}, after: ${load()}`);
console.log('');
console.log('| measurement | emilua-ts (median) | baseline (median) | ratio (median) | range of ratios |');
console.log('|---|---|---|---|---|');
const p5 = median(trips.ratios);
console.log(`| P5 round trip, actor on the same thread (time ratio, target <= 1.0: ${p5 <= 1 ? 'met' : 'MISSED'}) | ${rate(median(trips.ours))} trips/s | worker_threads postMessage ${rate(median(trips.node))} trips/s | ${p5.toFixed(2)} | ${range(trips.ratios)} |`);
const streamRatios = stream.ours.map((x, i) => x / stream.node[i]);
console.log(`| one-way stream of small tables | ${rate(median(stream.ours))} messages/s | (worker_threads postMessage ${rate(median(stream.node))} messages/s) | ${median(streamRatios).toFixed(2)} | ${range(streamRatios)} |`);
console.log(`| spawn_vm, actor on the same thread | ${ms(median(spawn.inProcess))} per actor | | | |`);
const threadRatios = spawn.thread.map((x, i) => x / spawn.worker[i]);
console.log(`| spawn_vm{inherit_context=false} | ${ms(median(spawn.thread))} per actor | (new Worker() to first message ${ms(median(spawn.worker))}) | ${median(threadRatios).toFixed(2)} | ${range(threadRatios)} |`);
