// The import graph of runtime/**/*.ts, checked against the layer order of
// runtime/README.md: no cycle between files (type imports count: a type cycle
// is a design loop even when nothing loops at load time), no folder importing a
// folder above it unless listed in ALLOWED_UPWARD, and fengari only through
// runtime/lua/fengari (and lua/dialect, which patches its internals). `node tests/tools/import-graph.mjs` prints the findings;
// tests/unit/import-graph.test.ts fails on any.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ts = require('typescript');

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUNTIME = path.join(ROOT, 'runtime');

/** Bottom to top: a folder may import only folders before it (runtime/README.md). */
export const LAYERS = ['native', 'sandbox', 'lua', 'errors', 'fiber', 'io', 'process', 'actor', 'modules', 'vm', 'cli'];

/**
 * Upward imports that are allowed, as 'from-file -> to-file' (paths under
 * runtime/), each with its reason in runtime/README.md.
 */
export const ALLOWED_UPWARD = new Map([
]);

function walk(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

function resolveImport(fromFile, spec) {
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const candidate of [base + '.ts', path.join(base, 'index.ts'), base]) {
    if (candidate.endsWith('.ts') && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

const rel = (file) => path.relative(RUNTIME, file).split(path.sep).join('/');
const folderOf = (relFile) => (relFile.includes('/') ? relFile.slice(0, relFile.indexOf('/')) : '');

/** Every import of every runtime file: { from, to, spec } with paths under runtime/. */
export function importEdges() {
  const edges = [];
  const problems = [];
  for (const file of walk(RUNTIME, [])) {
    const text = fs.readFileSync(file, 'utf8');
    for (const { fileName: spec } of ts.preProcessFile(text, true, true).importedFiles) {
      if (spec.startsWith('.')) {
        const target = resolveImport(file, spec);
        if (target === null) problems.push(`${rel(file)}: cannot resolve '${spec}'`);
        else edges.push({ from: rel(file), to: rel(target), spec });
      } else if (spec.startsWith('fengari')) {
        // lua/fengari loads it; lua/dialect patches its internals before anything runs.
        if (!rel(file).startsWith('lua/fengari/') && !rel(file).startsWith('lua/dialect/')) {
          problems.push(`${rel(file)}: imports '${spec}'; fengari is imported only through lua/fengari`);
        }
      }
    }
  }
  return { edges, problems };
}

/** Strongly connected components with more than one file (or a file importing itself). */
export function cycles(edges) {
  const next = new Map();
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, new Set());
    next.get(from).add(to);
  }
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  let counter = 0;
  const visit = (v) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || next.get(v)?.has(v)) found.push(component.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** Imports from a folder to a folder above it, minus ALLOWED_UPWARD; and folders not in LAYERS. */
export function upwardImports(edges) {
  const upward = [];
  const unknown = new Set();
  for (const { from, to } of edges) {
    const a = LAYERS.indexOf(folderOf(from));
    const b = LAYERS.indexOf(folderOf(to));
    if (a < 0) unknown.add(folderOf(from) || from);
    if (b < 0) unknown.add(folderOf(to) || to);
    if (a >= 0 && b > a && !ALLOWED_UPWARD.has(`${from} -> ${to}`)) upward.push(`${from} -> ${to}`);
  }
  return { upward, unknown: [...unknown] };
}

/** Entries of ALLOWED_UPWARD that no import uses any more (the list must stay exact). */
export function staleAllowances(edges) {
  const used = new Set(edges.map(({ from, to }) => `${from} -> ${to}`));
  return [...ALLOWED_UPWARD.keys()].filter((key) => !used.has(key));
}

export function report() {
  const { edges, problems } = importEdges();
  const { upward, unknown } = upwardImports(edges);
  return { edges, problems, cycles: cycles(edges), upward, unknown, stale: staleAllowances(edges) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = report();
  console.log(`${r.edges.length} imports between runtime files`);
  for (const p of r.problems) console.log(`problem: ${p}`);
  for (const c of r.cycles) console.log(`cycle of ${c.length} files: ${c.join(' ')}`);
  const pairs = new Map();
  for (const u of r.upward) {
    const [a, b] = u.split(' -> ');
    const key = `${folderOf(a)} -> ${folderOf(b)}`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  for (const u of r.upward) console.log(`upward: ${u}`);
  for (const [k, n] of pairs) console.log(`upward pair: ${k} (${n})`);
  for (const f of r.unknown) console.log(`folder not in the layer order: ${f}`);
  for (const s of r.stale) console.log(`allowed but unused: ${s}`);
  const bad = r.problems.length + r.cycles.length + r.upward.length + r.unknown.length + r.stale.length;
  process.exit(bad === 0 ? 0 : 1);
}
