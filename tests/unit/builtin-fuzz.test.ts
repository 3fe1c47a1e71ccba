// The fuzz target of tests/fuzz/builtins.lua, run as the built CLI in a child
// process: no abort (exit status 0, no signal), no hang (the watchdog kills
// the child after WATCHDOG_MS and the test names the last function called),
// no error text that comes from JavaScript, and as many descriptors open
// after the calling VM ended as before it started. Prints the coverage.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const repo = path.join(__dirname, '..', '..');
const launcher = path.join(repo, 'bin', 'emilua-ts');
const driver = path.join(repo, 'tests', 'fuzz', 'builtins.lua');
const WATCHDOG_MS = 90_000;

/**
 * Method names to probe objects with: every key of a function table in the
 * runtime's sources (`name(L)` or `name: fn`) and of lua-stdlib's methods. A
 * superset is fine: objects answer bad_index for the rest.
 */
function methodNames(): string[] {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(ts|lua)$/.test(entry.name)) {
        const text = fs.readFileSync(file, 'utf8');
        for (const m of text.matchAll(/^\s+([a-z_][a-z0-9_]*)(?:\(L\)|: [A-Za-z(])/gm)) names.add(m[1]);
        for (const m of text.matchAll(/function methods\.([a-z_][a-z0-9_]*)/g)) names.add(m[1]);
      }
    }
  };
  walk(path.join(repo, 'runtime'));
  walk(path.join(repo, 'lua-stdlib'));
  return [...names].sort();
}

test('every builtin function and method survives bad values at every position', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-fuzz-'));
  const namesFile = path.join(workDir, 'method-names.txt');
  fs.writeFileSync(namesFile, methodNames().join('\n') + '\n');
  try {
    const result = spawnSync(launcher, [driver, '--', workDir, namesFile], {
      cwd: workDir, encoding: 'utf8', timeout: WATCHDOG_MS, maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, EMILUA_COLORS: '0' },
    });
    const lines = result.stdout.split('\n');
    const calls = lines.filter((line) => line.startsWith('CALL '));
    const last = calls.length > 0 ? calls[calls.length - 1] : '(none)';
    assert.is(result.signal, null, `killed by ${result.signal} (watchdog or abort) during ${last}\n${result.stderr.slice(0, 2000)}`);
    assert.is(result.status, 0, `exit status ${result.status} during ${last}\n${result.stderr.slice(0, 2000)}`);
    const findings = [...new Set(lines.filter((line) => line.startsWith('FINDING')))];
    assert.equal(findings, [], findings.slice(0, 40).join('\n'));
    const coverage = lines.find((line) => line.startsWith('COVERAGE'));
    assert.ok(coverage !== undefined, 'the driver reported its coverage');
    process.stdout.write(`\n  fuzz: ${coverage}\n`);
    const fds = lines.find((line) => line.startsWith('FDS'))?.split('\t');
    assert.ok(fds !== undefined, 'the driver counted descriptors');
    const opened = lines.filter((line) => line.startsWith('OPEN')).join('\n');
    assert.is(fds[2], fds[1], `descriptors open after the fuzzed VM ended = before it started\n${opened}`);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
});

test.run();
