// The standard descriptors are shared with other processes (the shell, a
// pipeline's other members): running a script must not switch them to
// O_NONBLOCK, not even for the duration of the run, and system.in_ must still
// read a blocking pipe without blocking the event loop.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { loadAddon } from '../../runtime/native/load-addon';
import { ioConstant } from '../../runtime/io/native';

const launcher = path.join(__dirname, '..', '..', 'bin', 'emilua-ts');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-stdstreams-'));

function writeScript(name: string, lines: string[]): string {
  const file = path.join(workDir, name);
  fs.writeFileSync(file, [...lines, ''].join('\n'));
  return file;
}

test('a piped stdin stays blocking while a script reads it', async () => {
  const script = writeScript('read.lua', [
    "local system = require 'system'",
    "local time = require 'time'",
    "local ticks = 0",
    "spawn(function() while ticks < 1000 do time.sleep(0.01); ticks = ticks + 1 end end)",
    'local buf = byte_span.new(16)',
    "print('waiting')",
    'local n = system.in_:read_some(buf)',
    "print('read', tostring(buf:first(n)), ticks > 2)",
    'system.exit(0)',
  ]);
  const [r, w] = loadAddon().fdPipe(false) as [number, number];
  const child = spawn(launcher, [script], { stdio: [r, 'pipe', 'inherit'] });
  let out = '';
  const stdout = child.stdout;
  if (stdout === null) throw new Error('no stdout pipe');
  // Waits for the script to start its read (a slow start under load must not
  // let the data arrive first), then gives the timer fiber time to tick.
  const reading = new Promise<void>((resolve) => {
    stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('waiting\n')) resolve();
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await reading;
  await new Promise((resolve) => setTimeout(resolve, 300));
  const during = loadAddon().fdGetStatusFlags(r);
  loadAddon().fdWrite(w, new TextEncoder().encode('ping'));
  const status = await exited;
  loadAddon().fdClose(r);
  loadAddon().fdClose(w);
  assert.is(during & ioConstant('O_NONBLOCK'), 0, 'O_NONBLOCK was set on the shared pipe');
  assert.is(status, 0);
  // The timer fiber kept running while the read waited: the loop was not blocked.
  assert.is(out, 'waiting\nread\tping\ttrue\n');
});

test('io.read and io.lines read a piped stdin, as LuaJIT does', () => {
  const script = writeScript('lines.lua', [
    "print(io.read('*n'), io.read('*l'))",
    'for line in io.lines() do io.write(#line, " ") end',
    "print(io.read('*a') == '', io.read('*l'))",
  ]);
  const result = spawnSync(launcher, [script], { input: '17 first\nab\n\nlast', encoding: 'utf8' });
  assert.is(result.status, 0, result.stderr);
  assert.is(result.stdout, '17\t first\n2 0 4 true\tnil\n');
});

test('print to a stdout someone made non-blocking waits for the reader and loses nothing', async () => {
  const script = writeScript('many.lua', ["for i = 1, 20000 do print(string.rep('x', 50), i) end"]);
  const [r, w] = loadAddon().fdPipe(false) as [number, number];
  loadAddon().fdSetNonBlocking(w, true);
  const child = spawn(launcher, [script], { stdio: ['ignore', w, 'inherit'] });
  loadAddon().fdClose(w);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  // A slow reader: the pipe fills up long before the script is done.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    const reader = fs.createReadStream('', { fd: r });
    reader.on('data', (chunk) => chunks.push(chunk as Buffer));
    reader.on('end', resolve);
    reader.on('error', reject);
  });
  assert.is(await exited, 0);
  const lines = Buffer.concat(chunks).toString().split('\n');
  assert.is(lines.length, 20001);
  assert.is(lines[19999], `${'x'.repeat(50)}\t20000`);
});

test.after(() => fs.rmSync(workDir, { recursive: true, force: true }));

test.run();
