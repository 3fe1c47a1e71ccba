// bin/emilua-ts sets GLIBC_TUNABLES for node's start-up only: scripts (and
// whatever they start) must see the environment the caller gave, with or
// without that variable.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { removeLauncherVariables, TUNABLES_MARK } from '../../runtime/cli/launcher-environment';

const launcher = path.join(__dirname, '..', '..', 'bin', 'emilua-ts');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-launcher-'));
const script = path.join(workDir, 'env.lua');
fs.writeFileSync(script, [
  "print(tostring(os.getenv('GLIBC_TUNABLES')))",
  `print(tostring(os.getenv('${TUNABLES_MARK}')))`,
  '',
].join('\n'));

function runWith(tunables: string | undefined): string[] {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.GLIBC_TUNABLES;
  delete env[TUNABLES_MARK];
  if (tunables !== undefined) env.GLIBC_TUNABLES = tunables;
  const result = spawnSync(launcher, [script], { env, encoding: 'utf8', timeout: 30_000 });
  assert.is(result.status, 0, result.stderr);
  return result.stdout.replace(/\n$/, '').split('\n');
}

test('a caller without GLIBC_TUNABLES: the script sees neither it nor the mark', () => {
  assert.equal(runWith(undefined), ['nil', 'nil']);
});

test("a caller's own GLIBC_TUNABLES reaches the script unchanged, even empty", () => {
  assert.equal(runWith('glibc.malloc.check=0'), ['glibc.malloc.check=0', 'nil']);
  assert.equal(runWith(''), ['', 'nil']);
});

test('the inherited-descriptor list reaches get_lowfd but not the environment', () => {
  const lowfd = path.join(workDir, 'lowfd.lua');
  fs.writeFileSync(lowfd, [
    "print(tostring(os.getenv('EMILUA_TS_LOWFDS')))",
    "print(require('system').get_lowfd(3) ~= nil, require('system').get_lowfd(4))",
    '',
  ].join('\n'));
  const fd = fs.openSync(script, 'r');
  try {
    const result = spawnSync(launcher, [lowfd], { stdio: ['ignore', 'pipe', 'pipe', fd], encoding: 'utf8', timeout: 30_000 });
    assert.is(result.status, 0, result.stderr);
    assert.is(result.stdout, 'nil\ntrue\tnil\n');
  } finally {
    fs.closeSync(fd);
  }
});

test('removeLauncherVariables removes only what the launcher marked as its own', () => {
  const marked: NodeJS.ProcessEnv = { GLIBC_TUNABLES: 'x', [TUNABLES_MARK]: '1', OTHER: 'y' };
  removeLauncherVariables(marked);
  assert.equal(marked, { OTHER: 'y' });
  const unmarked: NodeJS.ProcessEnv = { GLIBC_TUNABLES: 'x' };
  removeLauncherVariables(unmarked);
  assert.equal(unmarked, { GLIBC_TUNABLES: 'x' });
});

test('system.arguments[1] is the name the launcher was invoked by, and starts the runtime again', () => {
  const again = path.join(workDir, 'again.lua');
  fs.writeFileSync(again, [
    "local system = require 'system'",
    "local pipe = require 'pipe'",
    "local stream = require 'stream'",
    "print(system.arguments[1], tostring(os.getenv('EMILUA_TS_ARGV0')))",
    "if system.arguments[3] == 'child' then return end",
    "local r, w = pipe.pair()",
    "w = w:release()",
    "local p = system.spawn{",
    "    program = require('filesystem').path.new(system.arguments[1]),",
    "    arguments = { 'x', system.arguments[2], '--', 'child' },",
    "    stdout = w,",
    "}",
    "w:close()",
    "local scanner = stream.scanner.new{ stream = r }",
    "print('child:', scanner:get_line())",
    "p:wait()",
    "print('exit code:', p.exit_code)",
    '',
  ].join('\n'));
  const result = spawnSync(launcher, [again], { encoding: 'utf8', timeout: 30_000 });
  assert.is(result.status, 0, result.stderr);
  assert.is(result.stdout, `${launcher}\tnil\nchild:\t${launcher}\tnil\nexit code:\t0\n`);
});

test('without the launcher (node bundle/out/cli.js) system.arguments[1] is "emilua-ts"', () => {
  const name = path.join(workDir, 'name.lua');
  fs.writeFileSync(name, "print(require('system').arguments[1])\n");
  const cli = path.join(__dirname, '..', '..', 'bundle', 'out', 'cli.js');
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.EMILUA_TS_ARGV0;
  const result = spawnSync(process.execPath, [cli, name], { env, encoding: 'utf8', timeout: 30_000 });
  assert.is(result.status, 0, result.stderr);
  assert.is(result.stdout, 'emilua-ts\n');
});

test.after(() => fs.rmSync(workDir, { recursive: true, force: true }));

test.run();
