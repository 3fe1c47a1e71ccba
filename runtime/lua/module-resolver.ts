// Emilua's module id rules, as pure functions over paths (no file access).
//
//   './x'   a child of a directory module (or of the root module's directory);
//           leaf modules have no children.
//   '../x'  a sibling of the importing module; each further '../' goes up a level.
//           The root module has no parent.
//   '/x/y'  relative to the root of the import tree (any number of components).
//   'x'     a core module or an external package (EMILUA_PATH).
// Relative ids and package names name exactly one module: './a/b' and
// '../a/b' are invalid, as in Emilua.

import * as path from 'node:path';

export type ModuleKind = 'root' | 'directory' | 'leaf';

export interface ImportingModule {
  readonly kind: ModuleKind;
  /** Directory that './x' names for root and directory modules; the file's directory for leaves. */
  readonly dir: string;
  /** Directory of the root module of this import tree. */
  readonly rootDir: string;
}

export type ResolveError = 'invalid_module_name' | 'leaf_cannot_import_child' | 'root_cannot_import_parent';

export type Resolution =
  | { readonly type: 'file'; readonly candidates: readonly string[] }
  | { readonly type: 'package'; readonly name: string }
  | { readonly type: 'error'; readonly error: ResolveError };

const COMPONENT = /^[A-Za-z0-9_]+$/;

function validComponents(rest: string): boolean {
  if (rest === '') return false;
  return rest.split('/').every((c) => COMPONENT.test(c));
}

function fileCandidates(base: string, rest: string): Resolution {
  if (!validComponents(rest)) return { type: 'error', error: 'invalid_module_name' };
  const target = path.join(base, ...rest.split('/'));
  return { type: 'file', candidates: [target + '.lua', path.join(target, 'init.lua')] };
}

export function resolveModuleId(importer: ImportingModule, id: string): Resolution {
  if (id.startsWith('./') || id.startsWith('../')) {
    let rest = id.startsWith('./') ? id.slice(2) : id;
    let ups = 0;
    while (rest.startsWith('../')) {
      rest = rest.slice(3);
      ups++;
    }
    if (!COMPONENT.test(rest)) return { type: 'error', error: 'invalid_module_name' };
    if (ups === 0) {
      if (importer.kind === 'leaf') return { type: 'error', error: 'leaf_cannot_import_child' };
      return fileCandidates(importer.dir, rest);
    }
    if (importer.kind === 'root') return { type: 'error', error: 'root_cannot_import_parent' };
    // A leaf's siblings live in its own directory; a directory module's in its parent.
    let base = importer.dir;
    const levelsUp = importer.kind === 'leaf' ? ups - 1 : ups;
    for (let i = 0; i < levelsUp; i++) {
      if (path.resolve(base) === path.resolve(importer.rootDir)) {
        return { type: 'error', error: 'root_cannot_import_parent' };
      }
      base = path.dirname(base);
    }
    return fileCandidates(base, rest);
  }
  if (id.startsWith('/')) return fileCandidates(importer.rootDir, id.slice(1));
  if (!COMPONENT.test(id)) return { type: 'error', error: 'invalid_module_name' };
  return { type: 'package', name: id };
}

/** The kind and directory a resolved module file gets as an importer. */
export function importerFor(file: string, rootDir: string): ImportingModule {
  const dir = path.dirname(file);
  return { kind: path.basename(file) === 'init.lua' ? 'directory' : 'leaf', dir, rootDir };
}

export interface PackageCandidate {
  readonly file: string;
  /** The search directory: the package's import root ('/x' ids start there). */
  readonly importRoot: string;
}

/** Candidate files of an external package in each search directory, in order. */
export function packageCandidates(name: string, searchDirs: readonly string[]): PackageCandidate[] {
  return searchDirs.flatMap((dir) => {
    const target = path.join(dir, name);
    return [
      { file: target + '.lua', importRoot: dir },
      { file: path.join(target, 'init.lua'), importRoot: dir },
    ];
  });
}

/** EMILUA_PATH is ':'-separated; empty entries are ignored. */
export function searchPathFromEnv(value: string | undefined): string[] {
  return (value ?? '').split(':').filter((dir) => dir !== '');
}
