// time.date.from_local() takes the offset of the process time zone (TZ) in
// effect at that day's local midnight, so it changes with daylight saving
// time. Runs the built CLI with different TZ values.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const launcher = path.join(__dirname, '..', '..', 'bin', 'emilua-ts');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-date-'));
const script = path.join(workDir, 'local.lua');
fs.writeFileSync(script, [
  "local date = require 'time'.date",
  'for _, month in ipairs{ 1, 7 } do',
  '  local d = date.from_local(2024, month, 15)',
  '  print(tostring(d), d.timezone)',
  'end',
  '',
].join('\n'));

function offsets(tz: string): string[] {
  const result = spawnSync(launcher, [script], { env: { ...process.env, TZ: tz }, encoding: 'utf8', timeout: 30_000 });
  assert.is(result.status, 0, result.stderr);
  return result.stdout.trim().split('\n');
}

test('UTC', () => {
  assert.equal(offsets('UTC'), ['2024-01-15\t0', '2024-07-15\t0']);
});

test('a zone with summer time east of UTC', () => {
  assert.equal(offsets('Europe/Berlin'), ['2024-01-15\t3600', '2024-07-15\t7200']);
});

test('a zone west of UTC without summer time', () => {
  assert.equal(offsets('America/Sao_Paulo'), ['2024-01-15\t-10800', '2024-07-15\t-10800']);
});

test.after(() => fs.rmSync(workDir, { recursive: true, force: true }));

test.run();
