// Cost of a seccomp_policy filter. `node --import tsx bench/seccomp.mjs
// [--reps N]` (default 7; tsx: the policy compiler is TypeScript). Builds
// bench/seccomp.c with `cc -O2` into bench/out/, compiles the groups
// BasicIo+CRuntime+FileIo+IoEvent (errno EPERM otherwise) to
// bench/out/seccomp.bpf, then times 1 000 000 rounds of getpid() +
// read(/dev/zero, 1) in C under that filter and without one, alternating.
// ratio = filtered / unfiltered (target <= 1.1), the median of neighbouring
// pairs; also prints the filter's size in instructions.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repetitionsFromArgs, median } from './common.mjs';
import { compilePolicy, scmpActErrno } from '../runtime/sandbox/seccomp-policy/compile.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const binary = path.join(root, 'bench', 'out', 'seccomp');
const filter = path.join(root, 'bench', 'out', 'seccomp.bpf');
const COUNT = 1_000_000;
const TARGET = 1.1;
const GROUPS = ['BasicIo', 'CRuntime', 'FileIo', 'IoEvent'];

const reps = repetitionsFromArgs('seccomp.mjs');
fs.mkdirSync(path.dirname(binary), { recursive: true });
const cc = spawnSync('cc', ['-O2', '-Wall', '-o', binary, path.join(root, 'bench', 'seccomp.c')], { encoding: 'utf8' });
if (cc.status !== 0) {
  console.error(`cc failed:\n${cc.stderr}`);
  process.exit(1);
}
const bpf = compilePolicy({ allow: GROUPS, minus: [], arches: [], defaultAction: scmpActErrno(1) });
fs.writeFileSync(filter, bpf);

function run(args) {
  const r = spawnSync(binary, [String(COUNT), ...args], { encoding: 'utf8' });
  const [seconds, count] = r.stdout.trim().split('\t').map(Number);
  if (r.status !== 0 || count !== COUNT) {
    console.error(`${binary} ${args.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
  return seconds;
}

run([]);
run([filter]);
const ratios = [], filtered = [], plain = [];
for (let i = 0; i < reps; i++) {
  const f = i % 2 === 0 ? run([filter]) : undefined;
  const p = run([]);
  const f2 = f ?? run([filter]);
  filtered.push(f2);
  plain.push(p);
  ratios.push(f2 / p);
}
const ns = (s) => ((s / COUNT) * 1e9).toFixed(0);
const ratio = median(ratios);
console.log(`getpid + read(/dev/zero, 1), ${COUNT} rounds, ${reps} repetitions, ${os.cpus().length} CPUs`);
console.log(`filter ${GROUPS.join('+')}: ${bpf.length / 8} BPF instructions`);
console.log('| | per round (median) | ratio (median) | ratio range | target |');
console.log('| --- | --- | --- | --- | --- |');
console.log(`| under the filter | ${ns(median(filtered))} ns | ${ratio.toFixed(2)} | ` +
  `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} | <= ${TARGET} (${ratio <= TARGET ? 'met' : 'missed'}) |`);
console.log(`| no filter | ${ns(median(plain))} ns | 1 | | |`);
