// The package as a user gets it: `npm pack`, then `npm install -g` of the
// tarball into a temporary prefix (the install script builds the addon and the
// startup snapshot from source), then the installed `emilua-ts` runs the tour
// example. Dependencies come from npm's cache (--prefer-offline): only the npm
// registry is reachable here, and nothing new is needed from it.
// Takes about a minute: most of it is compiling the addon.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const repo = path.join(__dirname, '..', '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-pack-'));
const prefix = path.join(work, 'prefix');
const installed = path.join(prefix, 'lib', 'node_modules', 'emilua-ts');
const TEN_MINUTES = 600_000;

// npm_* variables of the `npm test` that runs this would steer the inner npm.
const env: NodeJS.ProcessEnv = {};
for (const [key, value] of Object.entries(process.env)) {
  if (!key.toLowerCase().startsWith('npm_')) env[key] = value;
}

function npm(args: string[], cwd: string): { status: number | null; out: string } {
  const result = spawnSync('npm', args, { cwd, env, encoding: 'utf8', timeout: TEN_MINUTES });
  return { status: result.status, out: `${result.stdout}\n${result.stderr}\n${result.error ?? ''}` };
}

let tarball = '';

test('npm pack ships the runtime, its native sources and docs, not the development tree', () => {
  const packed = npm(['pack', '--json', '--pack-destination', work], repo);
  assert.is(packed.status, 0, packed.out);
  const report = JSON.parse(packed.out.slice(packed.out.indexOf('['), packed.out.lastIndexOf(']') + 1));
  tarball = path.join(work, report[0].filename);
  const files: string[] = report[0].files.map((f: { path: string }) => f.path);
  for (const needed of ['bin/emilua-ts', 'bundle/out/cli.js', 'bundle/out/snapshot-entry.js', 'bundle/snapshot.mjs',
    'binding.gyp', 'native/addon/addon.cc', 'lua-stdlib/fiber-prelude.lua', 'setup/install.mjs',
    'examples/tour/init.lua', 'types/globals.lua', 'types/time.lua', 'docs/reference/README.md', 'docs/sandboxing.md']) {
    assert.ok(files.includes(needed), `${needed} is not in the tarball`);
  }
  const leaked = files.filter((f) => /^(runtime|tests|bench|build|node_modules)\/|\.blob|\.ts$/.test(f));
  assert.equal(leaked, [], 'development files in the tarball');
});

test('npm install -g of the tarball builds from source and puts emilua-ts on PATH', () => {
  assert.ok(tarball !== '', 'npm pack failed');
  const install = npm(['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], work);
  assert.is(install.status, 0, install.out);
  assert.ok(fs.existsSync(path.join(installed, 'build', 'Release', 'emilua_ts_native.node')), 'the addon was not built');
  assert.ok(fs.existsSync(path.join(installed, 'bundle', 'out', 'emilua-ts.blob')), 'the snapshot was not built');

  const pathWithPrefix = `${path.join(prefix, 'bin')}:${process.env.PATH}`;
  const run = spawnSync('emilua-ts', [path.join(installed, 'examples', 'tour')], {
    cwd: work, env: { ...env, PATH: pathWithPrefix }, encoding: 'utf8', timeout: 60_000,
  });
  assert.is(run.stderr, '');
  assert.is(run.status, 0);
  assert.match(run.stdout, /an actor on a thread of its own summed \{10, 20, 30\}: 60/);
  assert.match(run.stdout, /read back: written through the passed descriptor/);
});

test('the install script names the missing Debian packages and the command to install them', () => {
  assert.ok(fs.existsSync(path.join(installed, 'setup', 'install.mjs')), 'not installed');
  // A PATH with node alone: no compiler, make, python3 or pkg-config.
  const nodeOnly = path.join(work, 'node-only');
  fs.mkdirSync(nodeOnly);
  fs.symlinkSync(process.execPath, path.join(nodeOnly, 'node'));
  const result = spawnSync(process.execPath, [path.join(installed, 'setup', 'install.mjs')], {
    cwd: installed, env: { ...env, PATH: nodeOnly }, encoding: 'utf8', timeout: 60_000,
  });
  assert.is(result.status, 1);
  assert.match(result.stderr, /needs Debian packages that are not installed: build-essential python3 pkg-config/);
  assert.match(result.stderr, /sudo apt-get install -y --no-install-recommends build-essential python3 pkg-config/);
});

test.after(() => fs.rmSync(work, { recursive: true, force: true }));

test.run();
