// `npm start` and `npm test` run this first: it does whatever set-up is
// missing, once, and nothing when everything is in place (a few stat calls and
// two small JSON reads; `time node setup/ensure.mjs` on a built tree).
//
//   1. decides what is missing: node_modules against package-lock.json, the
//      addon against native/, the bundle and snapshot against runtime/ ...;
//   2. when anything is, checks the Debian build packages first: installs them
//      as root, else prints the one apt-get command and stops, before any
//      other step;
//   3. npm ci, then the parts of the build that are out of date.
//
// Dependency-free on purpose: it runs when node_modules does not exist yet.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { missingPackages, installCommand } from './debian-packages.mjs';
import { nodeModulesStaleReason } from './node-modules.mjs';
import { staleReason } from './freshness.mjs';
import { snapshotStaleReason } from './snapshot-freshness.mjs';
import { buildEnvironment } from './node-headers.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function say(text) {
  process.stderr.write(`setup: ${text}\n`);
}

function run(command, args, env) {
  say(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    say(`'${[command, ...args].join(' ')}' failed (${result.error?.message ?? `status ${result.status ?? result.signal}`})`);
    process.exit(1);
  }
}

const bundleSources = [
  'runtime', 'lua-stdlib', 'package-lock.json', 'tsconfig.json',
  ...fs.readdirSync(path.join(root, 'bundle')).filter((name) => name !== 'out').map((name) => `bundle/${name}`),
];
const withSnapshot = process.env.EMILUA_TS_NO_SNAPSHOT !== '1';
const bundleOutputs = ['bundle/out/cli.js', 'bundle/out/snapshot-entry.js', ...(withSnapshot ? ['bundle/out/emilua-ts.blob'] : [])];

const ciReason = nodeModulesStaleReason(root);
const nativeReason = staleReason(root, {
  inputs: ['binding.gyp', 'native', 'init-script'],
  outputs: ['build/Release/emilua_ts_native.node', 'build/Release/emilua-ts-init'],
});
const bundleReason = staleReason(root, { inputs: bundleSources, outputs: bundleOutputs })
  ?? (withSnapshot ? snapshotStaleReason(root) : null);

if (ciReason === null && nativeReason === null && bundleReason === null) process.exit(0);

const missing = missingPackages();
if (missing.length > 0) {
  if (process.getuid?.() !== 0) {
    say(`the build needs Debian packages that are not installed: ${missing.join(' ')}. Run:`);
    process.stderr.write(`\n    ${installCommand(missing)}\n\n`);
    process.exit(1);
  }
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], aptEnv);
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], aptEnv);
}

const env = buildEnvironment();
if (ciReason !== null) {
  if (fs.lstatSync(path.join(root, 'node_modules'), { throwIfNoEntry: false })?.isSymbolicLink()) {
    // npm ci would empty the directory it points to, which others share.
    say(`node_modules may be stale (${ciReason}), but it is a symbolic link: not replacing it; run npm ci where it points if needed`);
  } else {
    say(`node_modules needs installing: ${ciReason}`);
    run('npm', ['ci'], env);
  }
}
if (nativeReason !== null) {
  say(`the native addon needs building: ${nativeReason}`);
  run('npm', ['run', 'build:native'], env);
}
if (bundleReason !== null) {
  say(`the bundle needs building: ${bundleReason}`);
  run('npm', ['run', 'typecheck'], env);
  run('npm', ['run', 'build:bundle'], env);
}
