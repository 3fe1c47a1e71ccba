// setup/: what `npm start` and `npm test` decide before doing any set-up:
// whether node_modules matches the lockfile, whether outputs are older than
// their sources, and that a user without root who lacks the Debian packages
// gets the one command to run and nothing else happens.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const repo = path.join(__dirname, '..', '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-setup-'));

type Setup = {
  nodeModulesStaleReason(root: string): string | null;
  staleReason(root: string, spec: { inputs: string[]; outputs: string[] }): string | null;
};
const load = async (): Promise<Setup> => ({
  ...(await import(path.join(repo, 'setup', 'node-modules.mjs'))),
  ...(await import(path.join(repo, 'setup', 'freshness.mjs'))),
});

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
}

test('node_modules is stale when missing, at another version or holding extra packages', async () => {
  const { nodeModulesStaleReason } = await load();
  const root = path.join(work, 'lock');
  writeJson(path.join(root, 'package-lock.json'), {
    packages: {
      '': { name: 'x' },
      'node_modules/a': { version: '1.0.0' },
      'node_modules/@esbuild/other-os': { version: '1.0.0', optional: true },
    },
  });
  assert.is(nodeModulesStaleReason(root), 'node_modules is missing');
  const hidden = path.join(root, 'node_modules', '.package-lock.json');
  writeJson(hidden, { packages: { 'node_modules/a': { version: '1.0.0' } } });
  assert.is(nodeModulesStaleReason(root), null, 'an optional package of another platform is not needed');
  writeJson(hidden, { packages: { 'node_modules/a': { version: '0.9.0' } } });
  assert.is(nodeModulesStaleReason(root), 'node_modules/a is 0.9.0, the lockfile wants 1.0.0');
  writeJson(hidden, { packages: { 'node_modules/a': { version: '1.0.0' }, 'node_modules/b': { version: '2.0.0' } } });
  assert.is(nodeModulesStaleReason(root), 'node_modules/b is installed but not in package-lock.json');
});

test('outputs are stale when missing or older than the newest source', async () => {
  const { staleReason } = await load();
  const root = path.join(work, 'build');
  fs.mkdirSync(path.join(root, 'src', 'deep'), { recursive: true });
  fs.writeFileSync(path.join(root, 'src', 'deep', 'a.ts'), '');
  const spec = { inputs: ['src'], outputs: ['out.js'] };
  assert.is(staleReason(root, spec), 'out.js is missing');
  fs.writeFileSync(path.join(root, 'out.js'), '');
  const past = new Date(Date.now() - 60_000);
  fs.utimesSync(path.join(root, 'src', 'deep', 'a.ts'), past, past);
  assert.is(staleReason(root, spec), null);
  const future = new Date(Date.now() + 60_000);
  fs.utimesSync(path.join(root, 'src', 'deep', 'a.ts'), future, future);
  assert.is(staleReason(root, spec), 'src/deep/a.ts (and maybe more) changed since the last build');
});

test('without root and without the Debian packages: the apt-get command, and no other step', () => {
  // A checkout with nothing installed or built, and a PATH with node alone.
  const root = path.join(work, 'checkout');
  fs.cpSync(path.join(repo, 'setup'), path.join(root, 'setup'), { recursive: true });
  fs.copyFileSync(path.join(repo, 'package-lock.json'), path.join(root, 'package-lock.json'));
  fs.mkdirSync(path.join(root, 'bundle'));
  const nodeOnly = path.join(work, 'node-only');
  fs.mkdirSync(nodeOnly);
  fs.symlinkSync(process.execPath, path.join(nodeOnly, 'node'));
  fs.chmodSync(work, 0o755);
  // Root runs it as nobody (setpriv found on the test's own PATH).
  const setpriv = (process.env.PATH ?? '').split(':').map((d) => path.join(d, 'setpriv')).find((f) => fs.existsSync(f)) ?? 'setpriv';
  const asUser = process.getuid?.() === 0 ? [setpriv, '--reuid=65534', '--regid=65534', '--clear-groups', '--'] : [];
  const command = [...asUser, process.execPath, path.join(root, 'setup', 'ensure.mjs')];
  const result = spawnSync(command[0], command.slice(1), {
    cwd: root, env: { PATH: nodeOnly, HOME: root }, encoding: 'utf8', timeout: 30_000,
  });
  assert.is(result.error, undefined, String(result.error));
  assert.is(result.status, 1, result.stderr);
  assert.match(result.stderr, /\n {4}sudo apt-get install -y --no-install-recommends build-essential python3 pkg-config( [\w.-]+)*\n/);
  assert.not.match(result.stderr, /\$ npm/, 'no step ran');
  assert.not.ok(fs.existsSync(path.join(root, 'node_modules')), 'npm ci did not run');
});

test.after(() => fs.rmSync(work, { recursive: true, force: true }));

test.run();
