// Finds and loads the native addon (build/{Release,Debug}/emilua_ts_native.node).
//
// Loaded with process.dlopen, not require: this code also runs from a V8
// startup snapshot, where require only reaches built-in modules. Candidate
// paths are probed in order (as node-pty does) relative to:
//   - this file's directory: runtime/native/ under tsx, bundle/out/ once
//     bundled; both are two levels below the package root;
//   - the directory of the entry script (process.argv[1]), e.g. bin/.
// The addon cannot be part of a snapshot: call loadAddon() at run time, not
// while the snapshot is being built.

import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import { NATIVE_ADDON_FUNCTIONS, type NativeAddon } from './addon-api';

export type { NativeAddon } from './addon-api';

const ADDON_FILE = 'emilua_ts_native.node';
const BUILD_TYPES = ['Release', 'Debug'];

let cached: NativeAddon | undefined;

/** Candidate absolute paths of the addon, most preferred first, no duplicates. */
export function addonCandidatePaths(): string[] {
  const roots: string[] = [];
  if (typeof __dirname === 'string') roots.push(path.resolve(__dirname, '..', '..'));
  const entry = process.argv[1];
  if (typeof entry === 'string' && entry !== '') {
    roots.push(path.resolve(path.dirname(entry), '..'));
  }
  const out: string[] = [];
  for (const root of roots) {
    for (const type of BUILD_TYPES) {
      const p = path.join(root, 'build', type, ADDON_FILE);
      if (!out.includes(p)) out.push(p);
    }
  }
  return out;
}

function tryLoad(file: string): NativeAddon {
  if (!fs.existsSync(file)) throw new Error('file not found');
  const mod = { exports: {} as Record<string, unknown> };
  process.dlopen(mod, file);
  const missing = NATIVE_ADDON_FUNCTIONS.filter((name) => typeof mod.exports[name] !== 'function');
  if (missing.length > 0) {
    throw new Error(`stale build, missing export(s): ${missing.join(', ')} (run npm run build:native)`);
  }
  return mod.exports as unknown as NativeAddon;
}

/** The native addon, loaded on first call and cached. Throws listing every path tried. */
export function loadAddon(): NativeAddon {
  if (cached !== undefined) return cached;
  if (v8.startupSnapshot?.isBuildingSnapshot()) {
    throw new Error('the native addon cannot be loaded while building a startup snapshot; load it at run time');
  }
  const failures: string[] = [];
  for (const file of addonCandidatePaths()) {
    try {
      cached = tryLoad(file);
      return cached;
    } catch (err) {
      failures.push(`  ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  throw new Error(
    `cannot load the native addon ${ADDON_FILE} (build it with npm run build:native); tried:\n` +
      (failures.length > 0 ? failures.join('\n') : '  (no candidate paths)'),
  );
}
