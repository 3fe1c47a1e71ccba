// The example programs run under the built CLI, end with status 0, write
// nothing to stderr and print what they demonstrate.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const repo = path.join(__dirname, '..', '..');
const cli = path.join(repo, 'bin', 'emilua-ts');

function run(example: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, EMILUA_COLORS: '0' };
  const result = spawnSync(cli, [path.join(repo, 'examples', example)], { cwd: repo, env, encoding: 'utf8', timeout: 60_000 });
  assert.is(result.stderr, '', `stderr of ${example}`);
  assert.is(result.status, 0, `exit status of ${example}`);
  return result.stdout;
}

test('tour (npm start): fibers, actors on this thread and another, descriptors passed', () => {
  const out = run('tour');
  assert.match(out, /fast fiber woke up after 20 ms\n {3}slow fiber woke up after 60 ms\n/);
  assert.match(out, /cancelled fiber caught the cancellation: true/);
  assert.match(out, /an actor on this thread summed \{1, 2, 3, 4\}: 10/);
  assert.match(out, /an actor on a thread of its own summed \{10, 20, 30\}: 60/);
  assert.match(out, /changed after the send, the list still arrived as \{5\}: 5/);
  assert.match(out, /an actor on another thread wrote: hello from a VM on another thread/);
  assert.match(out, /over a UNIX socket came "here is a pipe" and one descriptor\n {3}read back: written through the passed descriptor/);
});

test('hello.lua: fibers taking turns', () => {
  const out = run('hello.lua');
  assert.match(out, /fast step 1\n/);
  assert.match(out, /slow done\n/);
});

test.run();
