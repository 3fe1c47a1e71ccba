// Parts of the system module that need a real process around the runtime:
// inherited low descriptors, signals sent from outside, and a blocking stdin
// pipe that must not stall the other fibers. They run the bundled CLI
// (npm run build:bundle).

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';

const cli = path.join(__dirname, '..', '..', 'bundle', 'out', 'cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-system-'));

function script(name: string, source: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, source);
  return file;
}

const env: NodeJS.ProcessEnv = { ...process.env, EMILUA_COLORS: '0' };
delete env.NO_COLOR;
delete env.FORCE_COLOR;

test('get_lowfd hands out the descriptors the launcher listed, once', () => {
  const file = script('lowfd.lua', `
    local system = require 'system'
    local stream = require 'stream'
    local fd = system.get_lowfd(3)
    print(fd ~= nil, system.get_lowfd(3), system.get_lowfd(4), system.environment.EMILUA_TS_LOWFDS)
    local w = require('pipe').write_stream.new(fd)
    stream.write_all(w, 'through fd 3')
    w:close()
  `);
  const out = path.join(dir, 'lowfd.out');
  const fd3 = fs.openSync(out, 'w');
  const result = spawnSync(process.execPath, [cli, file], {
    env: { ...env, EMILUA_TS_LOWFDS: '3' },
    stdio: ['ignore', 'pipe', 'pipe', fd3],
    encoding: 'utf8',
  });
  fs.closeSync(fd3);
  assert.is(result.stderr, '');
  assert.is(result.stdout, 'true\tnil\tnil\tnil\n');
  assert.is(fs.readFileSync(out, 'utf8'), 'through fd 3');
});

test('a signal set receives a signal sent by another process', async () => {
  const file = script('signal.lua', `
    local system = require 'system'
    local set = system.signal.set.new(system.signal.SIGTERM, system.signal.SIGUSR2)
    system.out:write_some(byte_span.append('ready\\n'))
    print('got', set:wait() == system.signal.SIGUSR2)
    print('got', set:wait() == system.signal.SIGTERM)
  `);
  const child = spawn(process.execPath, [cli, file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk) => {
      const before = stdout;
      stdout += chunk;
      if (!before.includes('ready') && stdout.includes('ready')) {
        child.kill('SIGUSR2');
        setTimeout(() => child.kill('SIGTERM'), 50);
      }
    });
    child.on('close', () => resolve());
  });
  assert.is(stderr, '');
  assert.is(stdout, 'ready\ngot\ttrue\ngot\ttrue\n');
});

test('reading a blocking stdin pipe leaves the other fibers running', async () => {
  const file = script('stdin.lua', `
    local system = require 'system'
    local stream = require 'stream'
    local time = require 'time'
    local ticks = 0
    local done = false
    spawn(function()
      while not done do
        ticks = ticks + 1
        time.sleep(0.01)
      end
    end)
    local sc = stream.scanner.new{ stream = system.in_ }
    local first = sc:get_line()
    print('have first')
    local ticks_before = ticks
    local second = sc:get_line()
    done = true
    print(tostring(first), tostring(second), ticks > ticks_before)
  `);
  const child = spawn(process.execPath, [cli, file], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  // The second line is written only once the script has read the first, so a
  // slow start cannot make both lines arrive before the first read.
  let sentSecond = false;
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    if (!sentSecond && stdout.includes('have first\n')) {
      sentSecond = true;
      setTimeout(() => child.stdin.end('second line\n'), 200);
    }
  });
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.write('first line\n');
  await new Promise((resolve) => child.on('close', resolve));
  assert.is(stderr, '');
  assert.is(stdout, 'have first\nfirst line\tsecond line\ttrue\n');
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test.run();
