// A Lua program that fills memory gets Lua's catchable "not enough memory"
// (runtime/lua/fengari/memory-limit.ts), not V8's fatal abort, and goes on
// running once it lets go of what it held. Run as the CLI with a small heap.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const launcher = path.join(__dirname, '..', '..', 'bin', 'emilua-ts');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-memory-'));

function runScript(name: string, lines: string[]): { stdout: string; stderr: string; status: number | null } {
  const file = path.join(workDir, name);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  // NODE_OPTIONS makes the launcher run bundle/out/cli.js (no snapshot).
  const env = { ...process.env, NODE_OPTIONS: '--max-old-space-size=96' };
  const result = spawnSync(launcher, [file], { env, encoding: 'utf8', timeout: 60_000 });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

test('filling the heap with tables raises "not enough memory", and the VM lives on', () => {
  const result = runScript('tables.lua', [
    'local ok, e = pcall(function()',
    '  local t = {}',
    '  for i = 1, 1e9 do t[i] = { i, tostring(i) } end',
    'end)',
    'print(ok, e)',
    'local after = {}',
    'for i = 1, 1000 do after[i] = i end',
    "print('still running', #after)",
  ]);
  assert.is(result.stderr, '');
  assert.is(result.stdout, 'false\tnot enough memory\nstill running\t1000\n');
  assert.is(result.status, 0);
});

// The nested constructor used to slip past the count (luaH_setint) and let
// V8 abort the worker.
test('an actor thread that fills memory fails alone; the process lives on', () => {
  const result = runScript('actor.lua', [
    "local inbox = require 'inbox'",
    "if _CONTEXT == 'main' then",
    "  local actor = spawn_vm{ module = '.', inherit_context = false }",
    '  actor:send(inbox)',
    '  print(inbox:receive())',
    '  local after = {}',
    '  for i = 1, 1000 do after[i] = i end',
    "  print('main still running', #after)",
    'else',
    '  local main = inbox:receive()',
    '  local ok, e = pcall(function()',
    '    local t = {}',
    '    for i = 1, 1e9 do t[i] = { i, tostring(i), {} } end',
    '  end)',
    '  main:send(tostring(e))',
    'end',
  ]);
  assert.is(result.stderr, '');
  assert.is(result.stdout, 'not enough memory\nmain still running\t1000\n');
  assert.is(result.status, 0);
});

test.after(() => fs.rmSync(workDir, { recursive: true, force: true }));

test.run();
