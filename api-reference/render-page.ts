// A ModuleReference as a reference page (docs/reference/<name>.md), in the
// shape of Emilua's reference pages: synopsis, then each entry with its
// parameters, results, errors and differences from Emilua.

import type { Entry, ModuleReference } from './model';
import { GENERATED_NOTE } from './render-luals';

function qualified(reference: ModuleReference, entry: Entry): string {
  return reference.name === 'globals' ? entry.path : `${reference.name}.${entry.path}`;
}

function signature(reference: ModuleReference, entry: Entry): string {
  const name = qualified(reference, entry);
  if (entry.kind === 'function') {
    if (entry.params[0]?.name === 'self') {
      const method = name.replace(/\.(\w+)$/, ':$1');
      const rest = entry.params.slice(1).map((p) => (p.optional ? `[${p.name}: ${p.type}]` : `${p.name}: ${p.type}`)).join(', ');
      return `${method}(${rest})${entry.returns.length > 0 ? ' -> ' + entry.returns.join(', ') : ''}`;
    }
    const params = entry.params.map((p) => (p.optional ? `[${p.name}: ${p.type}]` : `${p.name}: ${p.type}`)).join(', ');
    return `${name}(${params})${entry.returns.length > 0 ? ' -> ' + entry.returns.join(', ') : ''}`;
  }
  if (entry.kind === 'table') return `${name}: table`;
  return `${name}: ${entry.type}`;
}

function renderEntry(reference: ModuleReference, entry: Entry): string[] {
  const out = [`## ${qualified(reference, entry)}`, '', '```lua', signature(reference, entry), '```', '', entry.summary, ''];
  if (entry.suspends) out.push('Suspends the calling fiber (a cancellation point).', '');
  if (entry.masterOnly) out.push('Only the master VM may call it.', '');
  if (entry.params.some((p) => p.name !== 'self')) {
    out.push('Parameters:', '');
    for (const p of entry.params.filter((p) => p.name !== 'self')) out.push(`- \`${p.name}\`: \`${p.type}\`${p.optional ? ' (optional)' : ''}`);
    out.push('');
  }
  if (entry.returns.length > 0) out.push(`Returns: ${entry.returns.map((r) => `\`${r}\``).join(', ')}.`, '');
  if (entry.errors.length > 0) {
    out.push('Errors:', '');
    for (const e of entry.errors) out.push(`- ${e}`);
    out.push('');
  }
  if (entry.differs !== '') out.push(`Differences from Emilua: ${entry.differs}`, '');
  return out;
}

export function renderPage(reference: ModuleReference): string {
  const isGlobals = reference.name === 'globals';
  const out = [
    `# ${isGlobals ? 'Globals' : reference.name}`,
    '',
    `<!-- ${GENERATED_NOTE}${reference.name}.ts; edit that file, then run npx tsx api-reference/generate.ts. -->`,
    '',
    reference.summary,
    '',
    '## Synopsis',
    '',
    '```lua',
    ...(isGlobals ? [] : [`local ${reference.name} = require '${reference.name}'`]),
    ...reference.entries.map((e) => signature(reference, e)),
    '```',
    '',
  ];
  for (const paragraph of reference.description) out.push(paragraph, '');
  if (reference.differences.length > 0) {
    out.push('## Differences from Emilua', '');
    for (const d of reference.differences) out.push(`- ${d}`);
    out.push('');
  }
  for (const entry of reference.entries) out.push(...renderEntry(reference, entry));
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

export function renderIndex(references: readonly ModuleReference[]): string {
  const out = [
    '# Reference',
    '',
    `<!-- ${GENERATED_NOTE}; run npx tsx api-reference/generate.ts. -->`,
    '',
    'One page per core module of emilua-ts, and one for the globals every module sees.',
    'Each page lists what emilua-ts provides today and how it differs from Emilua;',
    '[../compat.md](../compat.md) lists what is not built yet. The same source gives the',
    'LuaLS stubs in `types/` (see types/README.md).',
    '',
    '| page | what |',
    '| --- | --- |',
  ];
  for (const r of references) {
    out.push(`| [${r.name === 'globals' ? 'globals' : r.name}](${r.name}.md) | ${r.summary.split('\n')[0]} |`);
  }
  return out.join('\n') + '\n';
}
