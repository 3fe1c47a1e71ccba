// regex: `node bench/regex.mjs [--reps N]` (default 5). Runs
// bin/emilua-ts bench/lua/regex-split.lua N times (one untimed run first);
// the script times its own work with os.clock():
//
//   split      regex.split of ~1 MiB of CSV-like text on '[,\r\n]+', with the
//              extended grammar (emilua-ts's Pike VM) and the ecma grammar
//              (V8's RegExp); ratio = ecma time / extended time
//   scanner    stream.scanner over the same text, 4 KiB per read, records
//              ending at the extended regex '\r?\n' or at the string "\r\n";
//              ratio = string time / regex time
//
// Each figure is the median over the runs; the ratios are medians of the
// per-run ratios. Build first (npm run build). Writes nothing but the console.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as os from 'node:os';
import * as path from 'node:path';
import { repetitionsFromArgs, median } from './common.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const emiluaTs = path.join(root, 'bin', 'emilua-ts');
const script = path.join(root, 'bench', 'lua', 'regex-split.lua');
const reps = repetitionsFromArgs('regex.mjs', 5);

function run() {
  const result = spawnSync(emiluaTs, [script], { encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(`regex-split.lua failed (${result.status ?? result.signal}):\n${result.stderr}`);
    process.exit(1);
  }
  const rows = Object.fromEntries(result.stdout.trim().split('\n').map((line) => {
    const [name, count, seconds] = line.split('\t');
    return [name, { count: Number(count), seconds: Number(seconds) }];
  }));
  if (rows.extended.count !== rows.ecma.count || rows['scanner-regex'].count !== rows['scanner-string'].count) {
    console.error(`the grammars disagree:\n${result.stdout}`);
    process.exit(1);
  }
  return rows;
}

run();
const runs = Array.from({ length: reps }, run);
const med = (name) => median(runs.map((r) => r[name].seconds));
const ratio = (a, b) => median(runs.map((r) => r[a].seconds / r[b].seconds));
console.log(`regex, ${reps} runs, load average ${os.loadavg()[0].toFixed(2)}`);
console.log('| | time (s) | MiB/s | ratio |');
console.log('|---|---|---|---|');
console.log(`| split, extended (Pike VM) | ${med('extended').toFixed(3)} | ${(1 / med('extended')).toFixed(2)} | ecma/extended ${ratio('ecma', 'extended').toFixed(2)} |`);
console.log(`| split, ecma (V8 RegExp) | ${med('ecma').toFixed(3)} | ${(1 / med('ecma')).toFixed(2)} | |`);
console.log(`| scanner, regex separator | ${med('scanner-regex').toFixed(3)} | ${(1 / med('scanner-regex')).toFixed(2)} | string/regex ${ratio('scanner-string', 'scanner-regex').toFixed(2)} |`);
console.log(`| scanner, string separator | ${med('scanner-string').toFixed(3)} | ${(1 / med('scanner-string')).toFixed(2)} | |`);
