// What the benchmark scripts share: the --reps option, medians, and the
// compile-and-time helpers of the C baselines.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** `--reps N` from the command line (default 7); exits 2 on anything else. */
export function repetitionsFromArgs(script, defaultReps = 7) {
  let reps = defaultReps;
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--reps' && Number.isInteger(Number(argv[i + 1])) && Number(argv[i + 1]) > 0) {
      reps = Number(argv[++i]);
    } else {
      console.error(`usage: node bench/${script} [--reps N]`);
      process.exit(2);
    }
  }
  return reps;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Compiles a C baseline with `cc -O2 -Wall`; exits the bench if cc fails. */
export function compileC(source, binary) {
  fs.mkdirSync(path.dirname(binary), { recursive: true });
  const cc = spawnSync('cc', ['-O2', '-Wall', '-o', binary, source], { encoding: 'utf8' });
  if (cc.status !== 0) {
    console.error(`cc failed (${cc.status ?? cc.signal}):\n${cc.stderr}`);
    process.exit(1);
  }
}

/**
 * Runs a command that prints "<seconds>\t<count>" and returns the seconds;
 * exits the bench if it fails or did not do `expected` operations (`what`).
 */
export function runTimed(command, args, expected, what) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stderr}`);
    process.exit(1);
  }
  const [seconds, count] = result.stdout.trim().split('\t').map(Number);
  if (count !== expected) {
    console.error(`${command} ${args.join(' ')} ran ${count} ${what}, not ${expected}`);
    process.exit(1);
  }
  return seconds;
}
