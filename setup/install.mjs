// The package's `install` script (npm runs it after unpacking emilua-ts, e.g.
// `npm install -g ./emilua-ts-*.tgz`): builds what depends on this machine,
// the native addon (node-gyp) and the startup snapshot (this node binary).
// The tarball ships the bundled JavaScript, so no build tool beyond node-gyp
// and a C++ compiler is needed.
//
// In a development checkout (runtime/ sources present) it does nothing:
// `npm ci` runs it there too, and setup/ensure.mjs builds from the sources.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { missingPackages, installCommand } from './debian-packages.mjs';
import { buildEnvironment } from './node-headers.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function fail(text) {
  process.stderr.write(`\nemilua-ts: ${text}\n\n`);
  process.exit(1);
}

function run(command, args, env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    fail(`'${[command, ...args].join(' ')}' failed (${result.error?.message ?? `status ${result.status ?? result.signal}`})`);
  }
}

if (fs.existsSync(path.join(root, 'runtime'))) process.exit(0);

const missing = missingPackages();
if (missing.length > 0) {
  fail(`building the native addon needs Debian packages that are not installed: ${missing.join(' ')}\n` +
    `Install them, then install emilua-ts again:\n\n    ${installCommand(missing)}`);
}

// npm puts its own node-gyp on PATH for install scripts and names it in
// npm_config_node_gyp; the latter also works when PATH was changed.
const env = buildEnvironment();
const nodeGyp = process.env.npm_config_node_gyp;
if (nodeGyp) run(process.execPath, [nodeGyp, 'rebuild'], env);
else run('node-gyp', ['rebuild'], env);
run(process.execPath, [path.join(root, 'bundle', 'snapshot.mjs')], env);
