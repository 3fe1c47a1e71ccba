// The cc flags binding.gyp gives a Release C target (target_defaults),
// for the tests that build C programs (tests/native, tests/escape): a
// program that warns does not build there either.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

interface GypDefaults {
  cflags?: string[];
  cflags_c?: string[];
  ldflags?: string[];
  conditions?: [string, { cflags?: string[] }][];
  configurations?: { Release?: { cflags?: string[] } };
}

/** binding.gyp's target_defaults, read with Python's literal parser (gyp files are Python literals). */
function gypDefaults(): GypDefaults {
  const json = execFileSync(
    'python3',
    ['-c', 'import ast, json, sys; print(json.dumps(ast.literal_eval(open(sys.argv[1]).read())["target_defaults"]))',
      path.join(root, 'binding.gyp')],
    { encoding: 'utf8' },
  );
  return JSON.parse(json) as GypDefaults;
}

/** cc arguments of a Release C target; only target_arch conditions are understood (gyp and Node name architectures alike). */
export function releaseCFlags(): string[] {
  const d = gypDefaults();
  const conditional = (d.conditions ?? []).flatMap(([cond, settings]) => {
    const m = /^target_arch=="(\w+)"$/.exec(cond);
    if (m === null) throw new Error(`tests/native: unsupported binding.gyp condition ${cond}`);
    return m[1] === process.arch ? (settings.cflags ?? []) : [];
  });
  // -O2: Release optimises (node's common.gypi says -O3), which _FORTIFY_SOURCE needs.
  return [...(d.cflags ?? []), ...conditional, ...(d.cflags_c ?? []), '-O2',
    ...(d.configurations?.Release?.cflags ?? []), ...(d.ldflags ?? []), '-pie'];
}

