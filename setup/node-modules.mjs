// Whether node_modules matches package-lock.json, without running npm: npm
// writes node_modules/.package-lock.json (its "hidden lockfile") after each
// install; the packages it lists must be those the lockfile asks for, at the
// same versions. Optional packages for other platforms (esbuild's binaries)
// are in the lockfile but never installed, so a lockfile entry may be absent
// when it is optional.
import * as fs from 'node:fs';
import * as path from 'node:path';

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Why `npm ci` is needed, or null when node_modules is up to date. */
export function nodeModulesStaleReason(root) {
  const lock = readJson(path.join(root, 'package-lock.json'));
  if (lock === null) return 'package-lock.json is missing or unreadable';
  const installed = readJson(path.join(root, 'node_modules', '.package-lock.json'));
  if (installed === null) return 'node_modules is missing';
  const wanted = lock.packages ?? {};
  const have = installed.packages ?? {};
  for (const [key, entry] of Object.entries(wanted)) {
    if (key === '') continue;
    const got = have[key];
    if (got === undefined) {
      if (entry.optional) continue;
      return `${key} is not installed`;
    }
    if (got.version !== entry.version) return `${key} is ${got.version}, the lockfile wants ${entry.version}`;
  }
  for (const key of Object.keys(have)) {
    if (!(key in wanted)) return `${key} is installed but not in package-lock.json`;
  }
  return null;
}
