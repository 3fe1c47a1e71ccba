// Builds and runs the C programs of tests/native/ (each prints TAP) with
// the flags binding.gyp gives every C target, so a program that warns does
// not build here either. See README.md.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadAddon } from '../../runtime/native/load-addon';
import { releaseCFlags } from '../tools/release-cflags';

const root = path.resolve(__dirname, '..', '..');

interface Tap {
  plan: number;
  ok: string[];
  notOk: string[];
  comments: Map<string, string>;
}

function parseTap(output: string): Tap {
  const tap: Tap = { plan: -1, ok: [], notOk: [], comments: new Map() };
  for (const line of output.split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^1\.\.(\d+)$/.exec(line)) !== null) tap.plan = Number(m[1]);
    else if ((m = /^ok \d+ - (.*)$/.exec(line)) !== null) tap.ok.push(m[1]);
    else if ((m = /^not ok \d+ - (.*)$/.exec(line)) !== null) tap.notOk.push(m[1]);
    else if ((m = /^# ([\w-]+):\s*(.*)$/.exec(line)) !== null) tap.comments.set(m[1], m[2]);
  }
  return tap;
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-native-'));

function buildAndRun(source: string): Tap {
  const exe = path.join(workDir, path.basename(source, '.c'));
  const cc = spawnSync('cc', [...releaseCFlags(), '-I', path.join(root, 'native', 'addon'),
    path.join(__dirname, source), '-o', exe], { encoding: 'utf8' });
  assert.is(cc.status, 0, `cc ${source} failed:\n${cc.stderr}`);
  const run = spawnSync(exe, [], { encoding: 'utf8', timeout: 60_000 });
  assert.is(run.status, 0, `${source} exited with ${run.status}:\n${run.stdout}${run.stderr}`);
  return parseTap(run.stdout);
}

test('linux_compat.h builds as C and its syscalls work, as the addon reports', () => {
  const tap = buildAndRun('linux-compat.c');
  assert.equal(tap.notOk, []);
  assert.ok(tap.plan > 0);
  assert.is(tap.ok.length, tap.plan);
  const addon = loadAddon();
  assert.equal((tap.comments.get('features') ?? '').split(' ').filter(Boolean), addon.features());
  assert.is(Number(tap.comments.get('landlock-abi')), addon.landlockAbiVersion());
});

test('a program that warns does not build with the C targets\' flags', () => {
  const source = path.join(workDir, 'warns.c');
  // An old-style definition and a shadowed variable: both are errors under -Werror.
  fs.writeFileSync(source, 'static int f(x) int x; { int y = x; { int x = y; return x; } }\nint main(void) { return f(0); }\n');
  const cc = spawnSync('cc', [...releaseCFlags(), source, '-o', path.join(workDir, 'warns')], { encoding: 'utf8' });
  assert.is.not(cc.status, 0);
  assert.match(cc.stderr, /Werror.*(old-style-definition|shadow)/);
});

test.after(() => fs.rmSync(workDir, { recursive: true, force: true }));

test.run();
