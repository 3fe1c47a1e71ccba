// docs/lua-functions.md says where each Lua function lives. It stays true:
// every file path it names exists, and every native function it names is one
// the addon declares (runtime/native/addon-api.ts).

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NATIVE_ADDON_FUNCTIONS } from '../../runtime/native/addon-api';

const root = path.join(__dirname, '..', '..');
const doc = fs.readFileSync(path.join(root, 'docs', 'lua-functions.md'), 'utf8');
const codeSpans = [...doc.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

test('every path in docs/lua-functions.md exists', () => {
  const paths = codeSpans.filter((s) => /^(runtime|lua-stdlib|native|tests)\//.test(s) && !s.includes('*'));
  assert.ok(paths.length > 40, 'the map names files');
  const missing = paths.filter((p) => !fs.existsSync(path.join(root, p)));
  assert.equal(missing, []);
});

test('every native function in docs/lua-functions.md is declared by the addon', () => {
  const declared = new Set<string>(NATIVE_ADDON_FUNCTIONS);
  const rows = doc.split('\n').filter((line) => line.startsWith('|'));
  const natives = rows.flatMap((row) => {
    const cells = row.split('|');
    const last = cells[cells.length - 2] ?? '';
    return [...last.matchAll(/`([A-Za-z0-9]+)`/g)].map((m) => m[1]);
  });
  assert.ok(natives.length > 40, 'the map names native functions');
  assert.equal(natives.filter((n) => !declared.has(n)), []);
});

test('every core module has a row', () => {
  const registry = fs.readFileSync(path.join(root, 'runtime', 'modules', 'builtin-modules.ts'), 'utf8');
  const modules = [...registry.matchAll(/^\s+\['(\w+)', open\w+\]/gm)].map((m) => m[1]);
  assert.ok(modules.length > 10, 'the module list was read');
  const rows = new Set(doc.split('\n').filter((l) => l.startsWith('| `')).map((l) => l.split('|')[1].trim()));
  const listed = (name: string) => [...rows].some((cell) => cell.split(/,\s*/).includes('`' + name + '`'));
  assert.equal(modules.filter((m) => !listed(m)), []);
});

test.run();
