// The layers of runtime/ do not loop: no import cycle between files (type
// imports included) and no folder importing a folder above it, in the order
// runtime/README.md states (tests/tools/import-graph.mjs reads the imports).

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
// @ts-expect-error: a plain .mjs script without type declarations
import * as graph from '../tools/import-graph.mjs';

const result = graph.report();

test('every relative import of runtime/ resolves, and fengari is reached only through lua/', () => {
  assert.ok(result.edges.length > 100, 'the import statements were read');
  assert.equal(result.problems, []);
});

test('no import cycle between runtime files', () => {
  assert.equal(result.cycles, []);
});

test('no folder imports a folder above it (beyond the listed exceptions)', () => {
  assert.equal(result.unknown, [], 'every folder has a place in the layer order');
  assert.equal(result.upward, []);
  assert.equal(result.stale, [], 'every listed exception is still used');
});

test('the checker finds a cycle and an upward import', () => {
  const edges = [
    { from: 'actor/a.ts', to: 'actor/b.ts' },
    { from: 'actor/b.ts', to: 'actor/a.ts' },
    { from: 'io/x.ts', to: 'modules/y/index.ts' },
  ];
  assert.equal(graph.cycles(edges), [['actor/a.ts', 'actor/b.ts']]);
  assert.equal(graph.upwardImports(edges).upward, ['io/x.ts -> modules/y/index.ts']);
});

test('runtime/README.md states the same layer order', () => {
  const readme = fs.readFileSync(path.join(graph.ROOT, 'runtime', 'README.md'), 'utf8');
  assert.ok(readme.includes(graph.LAYERS.map((f: string) => `\`${f}/\``).join(' < ')), 'layer order line');
});

test.run();
