// Cost of a seccomp_policy filter. `node --import tsx bench/seccomp.mjs
// [--reps N]` (default 7; tsx: the policy compiler is TypeScript). Builds
// bench/seccomp.c with `cc -O2` into bench/out/, compiles the groups
// BasicIo+CRuntime+FileIo+IoEvent (errno EPERM otherwise) to
// bench/out/seccomp.bpf, then times 1 000 000 rounds of getpid() +
// read(/dev/zero, 1) in C under that filter and without one, alternating.
// ratio = filtered / unfiltered (target <= 1.1), the median of neighbouring
// pairs; also prints the filter's size in instructions. Floor row: a filter
// of one instruction that allows everything (bench/out/seccomp-allow.bpf):
// what having any filter at all costs, before the policy runs.

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
const allowAll = path.join(root, 'bench', 'out', 'seccomp-allow.bpf');
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
// struct sock_filter { u16 code; u8 jt, jf; u32 k }: BPF_RET|BPF_K, SECCOMP_RET_ALLOW.
const retAllow = Buffer.alloc(8);
retAllow.writeUInt16LE(0x06, 0);
retAllow.writeUInt32LE(0x7fff0000, 4);
fs.writeFileSync(allowAll, retAllow);

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
run([allowAll]);
const ratios = [], filtered = [], plain = [], floorRatios = [], floor = [];
for (let i = 0; i < reps; i++) {
  // The three runs of a repetition, in an order that changes each time.
  const order = [['f', filter], ['p', null], ['a', allowAll]];
  for (let k = 0; k < i % 3; k++) order.push(order.shift());
  const t = {};
  for (const [key, file] of order) t[key] = run(file === null ? [] : [file]);
  filtered.push(t.f);
  plain.push(t.p);
  floor.push(t.a);
  ratios.push(t.f / t.p);
  floorRatios.push(t.a / t.p);
}
const ns = (s) => ((s / COUNT) * 1e9).toFixed(0);
const ratio = median(ratios);
console.log(`getpid + read(/dev/zero, 1), ${COUNT} rounds, ${reps} repetitions, ${os.cpus().length} CPUs`);
console.log(`filter ${GROUPS.join('+')}: ${bpf.length / 8} BPF instructions`);
console.log('| | per round (median) | ratio (median) | ratio range | target |');
console.log('| --- | --- | --- | --- | --- |');
console.log(`| under the filter | ${ns(median(filtered))} ns | ${ratio.toFixed(2)} | ` +
  `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} | <= ${TARGET} (${ratio <= TARGET ? 'met' : 'missed'}) |`);
console.log(`| floor: a filter that allows everything (1 instruction) | ${ns(median(floor))} ns | ${median(floorRatios).toFixed(2)} | ` +
  `${Math.min(...floorRatios).toFixed(2)}–${Math.max(...floorRatios).toFixed(2)} | |`);
console.log(`| no filter | ${ns(median(plain))} ns | 1 | | |`);
