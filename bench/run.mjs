// `npm run bench`: emilua-ts against baselines measured in the same run.
//
//   P1     fib(27) and a table-heavy loop: emilua-ts time / bare fengari time
//   fiber  two fibers ping-ponging with this_fiber.yield(): emilua-ts
//          switches/s / bare fengari coroutine resumes/s
//   P2     start-up of `bin/emilua-ts hello.lua` / `node -e 0` (whole process)
//
// The machine may be busy, so the commands of a measurement are interleaved
// (their order alternates from one repetition to the next), each repetition
// gives a ratio of two neighbouring runs, and the result is the median of those
// ratios; the table also shows their range and the ratio of the best runs.
// P1 and the switch rate time the Lua body only: the scripts print os.clock()
// deltas (process.uptime() under both runtimes), so start-up is not part of
// them. P2 times whole processes from spawn to exit.
//
// The scripts are in bench/lua/; bench/fengari-runner.cjs runs one on bare
// fengari (require('fengari'), luaL_openlibs, no emilua-ts patches) in its own
// process.
//
// Options:
//   --reps N          repetitions of P1 and of the switch rate (default 9)
//   --startup-reps N  repetitions of P2 (default 40)
//   --quick           --reps 3 --startup-reps 15
//   --only p2         measure P2 alone (the P1 and switch-rate rows already in
//                     docs/benchmarks.md are kept, marked with their run's date)
//   --no-write        do not update docs/benchmarks.md
//
// Results go to the console and between the markers of docs/benchmarks.md
// (the text outside the markers is kept).

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bench = path.join(root, 'bench');
const lua = (name) => path.join(bench, 'lua', name);
const node = process.execPath;
const emiluaTs = path.join(root, 'bin', 'emilua-ts');
const fengariRunner = path.join(bench, 'fengari-runner.cjs');
const blob = path.join(root, 'bundle', 'out', 'emilua-ts.blob');
const cliJs = path.join(root, 'bundle', 'out', 'cli.js');
const docFile = path.join(root, 'docs', 'benchmarks.md');
const BEGIN = '<!-- bench:results:begin (written by bench/run.mjs) -->';
const END = '<!-- bench:results:end -->';

// ---- options ---------------------------------------------------------------

let reps = 9;
let startupReps = 40;
let write = true;
let onlyP2 = false;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  const count = () => {
    const n = Number(argv[++i]);
    if (!Number.isInteger(n) || n < 1) usage(`${arg} needs a positive integer`);
    return n;
  };
  if (arg === '--reps') reps = count();
  else if (arg === '--startup-reps') startupReps = count();
  else if (arg === '--quick') {
    reps = 3;
    startupReps = 15;
  } else if (arg === '--no-write') write = false;
  else if (arg === '--only') {
    if (argv[++i] !== 'p2') usage('--only takes p2');
    onlyP2 = true;
  } else usage(`unknown option '${arg}'`);
}

function usage(message) {
  process.stderr.write(`bench: ${message}\nusage: node bench/run.mjs [--reps N] [--startup-reps N] [--quick] [--only p2] [--no-write]\n`);
  process.exit(2);
}

if (!fs.existsSync(cliJs)) {
  process.stderr.write('bench: bundle/out/cli.js is missing; run `npm run build` first\n');
  process.exit(1);
}
const hasSnapshot = fs.existsSync(blob);

// ---- running things --------------------------------------------------------

// The environment of every measured process: no colours, and no NODE_OPTIONS
// (bin/emilua-ts does not use the snapshot when NODE_OPTIONS is set).
const env = { ...process.env, NO_COLOR: '1' };
delete env.NODE_OPTIONS;

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`${[cmd, ...args].join(' ')} exited with ${r.status ?? r.signal}\n${r.stderr}`);
  }
  return r.stdout;
}

/** Runs a script that prints "RESULT <seconds> <check>"; returns both. */
function timedScript(cmd, args) {
  const out = run(cmd, args);
  const m = /^RESULT\t(\S+)\t(\S+)$/m.exec(out);
  if (!m) throw new Error(`no RESULT line from ${[cmd, ...args].join(' ')}:\n${out}`);
  return { seconds: Number(m[1]), check: m[2] };
}

/** Wall time of a whole process in milliseconds, output discarded. */
function wallMs(cmd, args, processEnv = env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, env: processEnv, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${[cmd, ...args].join(' ')} exited with ${r.status ?? r.signal}`);
  return ms;
}

/**
 * Runs every job once per repetition, in an order that alternates between
 * repetitions, after one untimed run of each. Returns each job's samples.
 */
function interleave(jobs, count, label) {
  for (const job of jobs) job.measure();
  const samples = jobs.map(() => []);
  for (let rep = 0; rep < count; rep++) {
    const order = jobs.map((_, i) => i);
    if (rep % 2 === 1) order.reverse();
    for (const i of order) samples[i].push(jobs[i].measure());
    process.stderr.write(`\r${label}: ${rep + 1}/${count}`);
  }
  process.stderr.write('\n');
  return samples;
}

// ---- statistics ------------------------------------------------------------

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Median and range of the per-repetition ratios a[i] / b[i], and the ratio of
 * the best runs (a busy machine only ever adds time, so best-of-N is a second
 * opinion when the range is wide). `higherIsBetter` is for rates.
 */
function pairedRatio(a, b, higherIsBetter = false) {
  const ratios = a.map((x, i) => x / b[i]);
  const best = higherIsBetter ? Math.max(...a) / Math.max(...b) : Math.min(...a) / Math.min(...b);
  return { ratio: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios), best };
}

// ---- the measurements ------------------------------------------------------

const rows = [];
const loadBefore = os.loadavg();

for (const [name, script] of onlyP2 ? [] : [['P1 fib(27)', 'fib.lua'], ['P1 tables', 'tables.lua']]) {
  const checks = new Set();
  const job = (cmd, args) => ({
    measure() {
      const r = timedScript(cmd, args);
      checks.add(r.check);
      return r.seconds;
    },
  });
  const [ets, bare] = interleave([job(emiluaTs, [lua(script)]), job(node, [fengariRunner, lua(script)])], reps, name);
  if (checks.size !== 1) throw new Error(`${name}: emilua-ts and fengari disagree on the result: ${[...checks].join(', ')}`);
  rows.push({
    name,
    measured: fmtS(median(ets)),
    baseline: `bare fengari ${fmtS(median(bare))}`,
    ...pairedRatio(ets, bare),
    target: '≤ 1.05',
    ok: (r) => r <= 1.05,
  });
}

if (!onlyP2) {
  const rate = (cmd, args) => ({
    measure() {
      const r = timedScript(cmd, args);
      return Number(r.check) / r.seconds;
    },
  });
  const [fibers, coroutines] = interleave(
    [rate(emiluaTs, [lua('fiber-switch.lua')]), rate(node, [fengariRunner, lua('coroutine-switch.lua')])],
    reps,
    'fiber switches',
  );
  rows.push({
    name: 'fiber switch rate',
    measured: `${fmtRate(median(fibers))} switches/s`,
    baseline: `bare fengari ${fmtRate(median(coroutines))} resumes/s`,
    ...pairedRatio(fibers, coroutines, true),
    target: '≥ 0.5',
    ok: (r) => r >= 0.5,
  });
}

{
  const wall = (cmd, args, processEnv) => ({ measure: () => wallMs(cmd, args, processEnv) });
  const hello = lua('hello.lua');
  // NODE_EXTRA_CA_CERTS makes every node process parse that CA bundle at
  // start-up (tens of ms for a system bundle), which inflates both sides of
  // P2 alike; when it is set, the rows "without NODE_EXTRA_CA_CERTS" show the
  // ratio of a plain environment too.
  const extraCaCerts = env.NODE_EXTRA_CA_CERTS !== undefined;
  const plainEnv = { ...env };
  delete plainEnv.NODE_EXTRA_CA_CERTS;
  // The floor of any user-land snapshot: node started on an empty one, with
  // the malloc settings bin/emilua-ts gives node (read from the script).
  const emptyBlob = buildEmptySnapshot();
  const tunables = /GLIBC_TUNABLES=(\S+)/.exec(fs.readFileSync(emiluaTs, 'utf8'));
  const floorEnv = tunables === null ? plainEnv : { ...plainEnv, GLIBC_TUNABLES: tunables[1] };
  const jobs = {
    nodeE0: wall(node, ['-e', '0']),
    binEts: wall(emiluaTs, [hello]),
    cli: wall(node, [cliJs, hello]),
    ...(extraCaCerts ? { plainNodeE0: wall(node, ['-e', '0'], plainEnv), plainBinEts: wall(emiluaTs, [hello], plainEnv) } : {}),
    ...(emptyBlob !== null ? { empty: wall(node, ['--snapshot-blob', emptyBlob], floorEnv) } : {}),
  };
  const names = Object.keys(jobs);
  const sampled = interleave(Object.values(jobs), startupReps, 'start-up');
  const t = Object.fromEntries(names.map((name, i) => [name, sampled[i]]));
  const baseline = `node -e 0 ${fmtMs(median(t.nodeE0))}`;
  const reference = (name, measured, samples, base, baseText) => rows.push({
    name, measured: `${measured} ${fmtMs(median(samples))}`, baseline: baseText, ...pairedRatio(samples, base), target: '', ok: null,
  });
  rows.push({
    name: `P2 start-up${hasSnapshot ? '' : ' (NO SNAPSHOT: blob missing)'}`,
    measured: `bin/emilua-ts hello.lua ${fmtMs(median(t.binEts))}`,
    baseline,
    ...pairedRatio(t.binEts, t.nodeE0),
    target: '≤ 1.2',
    ok: (r) => r <= 1.2,
  });
  reference('(P2 without the snapshot)', 'node bundle/out/cli.js', t.cli, t.nodeE0, baseline);
  const plainBase = extraCaCerts ? t.plainNodeE0 : t.nodeE0;
  const plainBaseline = `node -e 0 ${fmtMs(median(plainBase))}`;
  if (extraCaCerts) {
    reference('(P2 without NODE_EXTRA_CA_CERTS)', 'bin/emilua-ts hello.lua', t.plainBinEts, plainBase, plainBaseline);
  }
  if (t.empty !== undefined) {
    reference(`(empty user-land snapshot${extraCaCerts ? ', without NODE_EXTRA_CA_CERTS' : ''})`,
      'node --snapshot-blob empty', t.empty, plainBase, plainBaseline);
  }
  if (emptyBlob !== null) fs.rmSync(path.dirname(emptyBlob), { recursive: true, force: true });
}

/** Builds a snapshot of an empty script (node --build-snapshot); its path, or null if that fails. */
function buildEmptySnapshot() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-bench-'));
  const entry = path.join(dir, 'empty.js');
  fs.writeFileSync(entry, '');
  const out = path.join(dir, 'empty.blob');
  const r = spawnSync(node, ['--snapshot-blob', out, '--build-snapshot', entry], { env, stdio: 'ignore' });
  return r.status === 0 ? out : null;
}

const loadAfter = os.loadavg();

// ---- report ----------------------------------------------------------------

function fmtS(s) {
  return `${s.toFixed(3)} s`;
}
function fmtMs(ms) {
  return `${ms.toFixed(1)} ms`;
}
function fmtRate(r) {
  return r >= 1e6 ? `${(r / 1e6).toFixed(2)}M` : `${(r / 1e3).toFixed(1)}k`;
}
function verdict(row) {
  if (row.ok === null) return '';
  return row.ok(row.ratio) ? 'met' : 'MISSED';
}

const header = ['benchmark', 'emilua-ts (median)', 'baseline (median)', 'ratio', 'range', 'best/best', 'target', ''];
const table = rows.map((r) => [
  r.name,
  r.measured,
  r.baseline,
  r.ratio.toFixed(2),
  `${r.min.toFixed(2)}–${r.max.toFixed(2)}`,
  r.best.toFixed(2),
  r.target,
  verdict(r),
]);

const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
console.log('');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table) console.log(line(row));

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const machine = [
  `- date: ${new Date().toISOString()}`,
  onlyP2
    ? `- command: \`node bench/run.mjs ${argv.join(' ')}\`, ${startupReps} repetitions of P2`
    : `- command: \`npm run bench\` (node bench/run.mjs${argv.length > 0 ? ' ' + argv.join(' ') : ''}), ` +
      `${reps} repetitions of P1 and of the switch rate, ${startupReps} of P2`,
  `- machine: ${os.availableParallelism()} CPUs (nproc), ${cpu}, ${os.type()} ${os.release()} ${os.arch()}`,
  `- Node.js ${process.version}, fengari ${fengariVersion()}`,
  `- start-up snapshot: ${hasSnapshot ? 'bundle/out/emilua-ts.blob' : 'MISSING (bin/emilua-ts ran bundle/out/cli.js)'}`,
  `- load average (1/5/15 min) before: ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, ` +
    `after: ${loadAfter.map((x) => x.toFixed(2)).join(' ')}`,
];
console.log('');
console.log(machine.join('\n'));

function fengariVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'fengari', 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

/**
 * With --only p2: the rows of the other benchmarks from the block already in
 * the document, and a line saying which run they come from.
 */
function keptRows(block) {
  const rows = block.split('\n').filter((l) => /^\| (?!benchmark |---)/.test(l) && !/^\| (\(?P2|\(empty)/.test(l));
  const date = /^- P1 and the switch rate: run of (\S+)/m.exec(block)?.[1] ?? /^- date: (\S+)/m.exec(block)?.[1];
  const note = rows.length > 0 && date !== undefined ? [`- P1 and the switch rate: run of ${date} (not measured by this run)`] : [];
  return { rows, note };
}

if (write) {
  let doc;
  try {
    doc = fs.readFileSync(docFile, 'utf8');
  } catch {
    doc = `# Benchmarks\n\n${BEGIN}\n${END}\n`;
  }
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  const kept = onlyP2 && start >= 0 && end > start ? keptRows(doc.slice(start, end)) : { rows: [], note: [] };
  const md = [
    BEGIN,
    '',
    '| benchmark | emilua-ts (median) | baseline (median) | ratio | range of ratios | best/best | target | |',
    '|---|---|---|---|---|---|---|---|',
    ...kept.rows,
    ...table.map((row) => `| ${row.join(' | ')} |`),
    '',
    ...machine,
    ...kept.note,
    '',
    END,
  ].join('\n');
  doc = start >= 0 && end > start ? doc.slice(0, start) + md + doc.slice(end + END.length) : `${doc.trimEnd()}\n\n${md}\n`;
  fs.writeFileSync(docFile, doc);
  console.log(`\nresults written to ${path.relative(process.cwd(), docFile) || docFile}`);
}
