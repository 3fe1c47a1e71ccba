// Module id resolution (runtime/modules/loader/resolver.ts): pure functions
// over paths, checked against the rules of Emilua's module tutorial and the
// error cases Emilua raises.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  ImportingModule, Resolution, resolveModuleId, importerFor, packageCandidates, searchPathFromEnv,
} from '../../runtime/lua/module-resolver';

const ROOT_DIR = '/app/src';
const root: ImportingModule = { kind: 'root', dir: ROOT_DIR, rootDir: ROOT_DIR };
// src/my_module/init.lua
const directory: ImportingModule = { kind: 'directory', dir: '/app/src/my_module', rootDir: ROOT_DIR };
// src/my_module/worker.lua
const leaf: ImportingModule = { kind: 'leaf', dir: '/app/src/my_module', rootDir: ROOT_DIR };
// src/util.lua (a leaf directly under the root)
const topLeaf: ImportingModule = { kind: 'leaf', dir: ROOT_DIR, rootDir: ROOT_DIR };
// src/a/b/c/deep.lua
const deepLeaf: ImportingModule = { kind: 'leaf', dir: '/app/src/a/b/c', rootDir: ROOT_DIR };

function files(base: string): Resolution {
  return { type: 'file', candidates: [`${base}.lua`, `${base}/init.lua`] };
}

const error = (kind: 'invalid_module_name' | 'leaf_cannot_import_child' | 'root_cannot_import_parent'): Resolution =>
  ({ type: 'error', error: kind });

test("'./x' from the root module names a file beside it or a directory module", () => {
  assert.equal(resolveModuleId(root, './util'), files('/app/src/util'));
  assert.equal(resolveModuleId(root, './my_module'), files('/app/src/my_module'));
});

test("'./x' from a directory module looks inside its directory", () => {
  assert.equal(resolveModuleId(directory, './worker'), files('/app/src/my_module/worker'));
});

test("'./x' from a leaf module is an error", () => {
  assert.equal(resolveModuleId(leaf, './error'), error('leaf_cannot_import_child'));
  assert.equal(resolveModuleId(topLeaf, './x'), error('leaf_cannot_import_child'));
});

test("'../x' from a leaf names its siblings; more '../' go up", () => {
  assert.equal(resolveModuleId(leaf, '../error'), files('/app/src/my_module/error'));
  assert.equal(resolveModuleId(leaf, '../../util'), files('/app/src/util'));
  assert.equal(resolveModuleId(deepLeaf, '../x'), files('/app/src/a/b/c/x'));
  assert.equal(resolveModuleId(deepLeaf, '../../x'), files('/app/src/a/b/x'));
  assert.equal(resolveModuleId(deepLeaf, '../../../../x'), files('/app/src/x'));
});

test("'../x' from a directory module names the modules beside its directory", () => {
  assert.equal(resolveModuleId(directory, '../util'), files('/app/src/util'));
});

test("'../x' never leaves the import tree", () => {
  assert.equal(resolveModuleId(root, '../x'), error('root_cannot_import_parent'));
  assert.equal(resolveModuleId(directory, '../../x'), error('root_cannot_import_parent'));
  assert.equal(resolveModuleId(topLeaf, '../x'), files('/app/src/x'));
  assert.equal(resolveModuleId(topLeaf, '../../x'), error('root_cannot_import_parent'));
  assert.equal(resolveModuleId(leaf, '../../../x'), error('root_cannot_import_parent'));
  assert.equal(resolveModuleId(deepLeaf, '../../../../../x'), error('root_cannot_import_parent'));
});

test("'/x/y' starts at the root of the import tree, from any module", () => {
  for (const importer of [root, directory, leaf, deepLeaf]) {
    assert.equal(resolveModuleId(importer, '/util'), files('/app/src/util'));
    assert.equal(resolveModuleId(importer, '/my_module/worker'), files('/app/src/my_module/worker'));
  }
});

test('bad ids: "Cannot have a module with this name"', () => {
  const bad = ['.//aaa', 'aaa-', '', './', '../', '/', '//x', './a/b', '../a/b', '.x', '..', 'a/b', 'a b', '/a//b', '/a/'];
  for (const id of bad) {
    assert.equal(resolveModuleId(root, id), error('invalid_module_name'), `id ${JSON.stringify(id)}`);
  }
  // The name is checked before the importer's kind.
  assert.equal(resolveModuleId(leaf, './a/b'), error('invalid_module_name'));
  assert.equal(resolveModuleId(root, '../a-'), error('invalid_module_name'));
});

test('other ids are core modules or external packages', () => {
  assert.equal(resolveModuleId(root, 'inbox'), { type: 'package', name: 'inbox' });
  assert.equal(resolveModuleId(leaf, 'my_package2'), { type: 'package', name: 'my_package2' });
});

test('importerFor: init.lua makes a directory module, other files are leaves', () => {
  assert.equal(importerFor('/app/src/my_module/init.lua', ROOT_DIR), directory);
  assert.equal(importerFor('/app/src/my_module/worker.lua', ROOT_DIR), leaf);
});

test('EMILUA_PATH is split on ":" and empty entries are dropped', () => {
  assert.equal(searchPathFromEnv(undefined), []);
  assert.equal(searchPathFromEnv(''), []);
  assert.equal(searchPathFromEnv('/opt/lua'), ['/opt/lua']);
  assert.equal(searchPathFromEnv('/a:/b::/c:'), ['/a', '/b', '/c']);
  assert.equal(searchPathFromEnv(':/only'), ['/only']);
});

test('package candidates: each search directory in order, file before directory module', () => {
  assert.equal(packageCandidates('pkg', ['/a', '/b']), [
    { file: '/a/pkg.lua', importRoot: '/a' },
    { file: '/a/pkg/init.lua', importRoot: '/a' },
    { file: '/b/pkg.lua', importRoot: '/b' },
    { file: '/b/pkg/init.lua', importRoot: '/b' },
  ]);
  assert.equal(packageCandidates('pkg', []), []);
});

test('a package is the root of its own import tree (its search directory)', () => {
  const [, dirCandidate] = packageCandidates('pkg', ['/lib/emilua']);
  const pkg = importerFor(dirCandidate.file, dirCandidate.importRoot);
  assert.equal(pkg, { kind: 'directory', dir: '/lib/emilua/pkg', rootDir: '/lib/emilua' });
  assert.equal(resolveModuleId(pkg, './part'), files('/lib/emilua/pkg/part'));
  assert.equal(resolveModuleId(pkg, '/pkg/part'), files('/lib/emilua/pkg/part'));
  assert.equal(resolveModuleId(pkg, '../other'), files('/lib/emilua/other'));
  assert.equal(resolveModuleId(pkg, '../../x'), error('root_cannot_import_parent'));
});

// End to end: EMILUA_PATH through the CLI, run from source.
const repo = path.join(__dirname, '..', '..');
const tsx = path.join(repo, 'node_modules', '.bin', 'tsx');
const cli = path.join(repo, 'runtime', 'cli', 'run-from-source.ts');

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function runScript(cwd: string, env: NodeJS.ProcessEnv): { stdout: string; stderr: string; status: number | null } {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, EMILUA_COLORS: '0', ...env };
  if (env.EMILUA_PATH === undefined) delete childEnv.EMILUA_PATH;
  const result = spawnSync(tsx, [cli, 'main.lua'], { cwd, env: childEnv, encoding: 'utf8', timeout: 30_000 });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

test('EMILUA_PATH: packages are found in order, with their own import tree', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-resolver-'));
  try {
    const first = path.join(dir, 'first');
    const second = path.join(dir, 'second');
    // 'shadowed' exists in both directories: the first one wins.
    write(path.join(first, 'shadowed.lua'), "where = 'first'\n");
    write(path.join(second, 'shadowed.lua'), "where = 'second'\n");
    // A directory package whose parts use './', '../' and '/' ids.
    write(path.join(second, 'pkg', 'init.lua'), [
      "part = require './part'",
      "helper = require '../helper'",
      "rooted = require '/pkg/part'",
      'context = _CONTEXT',
      '',
    ].join('\n'));
    write(path.join(second, 'pkg', 'part.lua'), "name = 'part'\n");
    write(path.join(second, 'helper.lua'), "name = 'helper'\n");
    write(path.join(dir, 'app', 'main.lua'), [
      "print(require('shadowed').where)",
      "local pkg = require 'pkg'",
      "print(pkg.part.name, pkg.helper.name, pkg.rooted == pkg.part, pkg.context == '')",
      "print(pcall(require, 'missing'))",
      '',
    ].join('\n'));

    const result = runScript(path.join(dir, 'app'), { EMILUA_PATH: `${first}::${second}` });
    assert.is(result.stderr, '');
    assert.is(result.stdout, 'first\npart\thelper\ttrue\ttrue\nfalse\tModule not found\n');
    assert.is(result.status, 0);

    // Without EMILUA_PATH no package is found.
    const bare = runScript(path.join(dir, 'app'), {});
    assert.match(bare.stderr, /panicked: 'Module not found'/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
