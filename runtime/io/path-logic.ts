// The lexical algorithms of filesystem.path for POSIX hosts, as C++17's
// std::filesystem::path defines them (the class Emilua wraps), with no I/O.
//
// A path is held as a "byte string": a JavaScript string whose every char
// code is one byte (0-255) of the native path. Nothing is ever decoded as
// UTF-8, so any file name the kernel accepts survives unchanged, and string
// comparison orders paths by their bytes. bytesToPath/pathToBytes convert.
//
// POSIX grammar: there is no root name; one or more leading slashes form the
// root directory; file names are separated by runs of slashes; a separator
// after the last file name adds an empty last element.

export type BytePath = string;

export const SEPARATOR = '/';

export function bytesToPath(bytes: Uint8Array): BytePath {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export function pathToBytes(path: BytePath): Buffer {
  return Buffer.from(path, 'latin1');
}

/** One element of a path with where it starts in the path's text. */
interface Part {
  readonly root: boolean;
  /** '/' for the root directory, '' for the empty element after a trailing separator. */
  readonly text: string;
  readonly at: number;
}

function parts(path: BytePath): Part[] {
  const out: Part[] = [];
  const n = path.length;
  let i = 0;
  if (n > 0 && path[0] === SEPARATOR) {
    out.push({ root: true, text: SEPARATOR, at: 0 });
    while (i < n && path[i] === SEPARATOR) i++;
  }
  while (i < n) {
    const start = i;
    while (i < n && path[i] !== SEPARATOR) i++;
    out.push({ root: false, text: path.slice(start, i), at: start });
    if (i === n) break;
    while (i < n && path[i] === SEPARATOR) i++;
    if (i === n) out.push({ root: false, text: '', at: n });
  }
  return out;
}

/** The elements path iteration yields: '/', the file names, then '' after a trailing separator. */
export function elements(path: BytePath): string[] {
  return parts(path).map((p) => p.text);
}

function lastPart(path: BytePath): Part | undefined {
  const all = parts(path);
  return all[all.length - 1];
}

export const rootName = (_path: BytePath): BytePath => '';
export const rootDirectory = (path: BytePath): BytePath => (path.startsWith(SEPARATOR) ? SEPARATOR : '');
export const rootPath = (path: BytePath): BytePath => rootDirectory(path);
export const isAbsolute = (path: BytePath): boolean => path.startsWith(SEPARATOR);

export function relativePath(path: BytePath): BytePath {
  const first = parts(path).find((p) => !p.root);
  return first === undefined ? '' : path.slice(first.at);
}

export function parentPath(path: BytePath): BytePath {
  if (relativePath(path) === '') return path;
  const all = parts(path);
  if (all.length < 2) return '';
  const parent = all[all.length - 2];
  return path.slice(0, parent.at + parent.text.length);
}

export function filename(path: BytePath): BytePath {
  const last = lastPart(path);
  return last === undefined || last.root ? '' : last.text;
}

/** Splits a file name into stem and extension ('.', '..' and '.hidden' have none). */
function splitExtension(name: BytePath): [BytePath, BytePath] {
  if (name === '.' || name === '..') return [name, ''];
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? [name, ''] : [name.slice(0, dot), name.slice(dot)];
}

export const stem = (path: BytePath): BytePath => splitExtension(filename(path))[0];
export const extension = (path: BytePath): BytePath => splitExtension(filename(path))[1];

export function removeFilename(path: BytePath): BytePath {
  const last = lastPart(path);
  if (last === undefined || last.root || last.text === '') return path;
  return path.slice(0, last.at);
}

/** The / operator: an absolute right side replaces; a separator is added after a file name. */
export function join(left: BytePath, right: BytePath): BytePath {
  if (isAbsolute(right)) return right;
  return filename(left) !== '' ? left + SEPARATOR + right : left + right;
}

export function replaceFilename(path: BytePath, replacement: BytePath): BytePath {
  return join(removeFilename(path), replacement);
}

export function replaceExtension(path: BytePath, replacement: BytePath = ''): BytePath {
  let out = path;
  const last = lastPart(path);
  if (last !== undefined && !last.root) {
    const [base, ext] = splitExtension(last.text);
    if (ext !== '') out = path.slice(0, last.at + base.length);
  }
  if (replacement !== '' && replacement[0] !== '.') out += '.';
  return out + replacement;
}

export function lexicallyNormal(path: BytePath): BytePath {
  if (path === '') return '';
  const rooted = isAbsolute(path);
  const names: string[] = [];
  // Whether the result so far ends with a separator after its last name.
  let trailing = false;
  for (const part of parts(path)) {
    if (part.root) continue;
    const name = part.text;
    if (name === '' || name === '.') {
      // Dropped, but like "x/" it leaves a separator after a preceding name.
      if (names.length > 0) trailing = true;
    } else if (name === '..') {
      const top = names[names.length - 1];
      if (top === undefined) {
        // Nothing to climb out of: ".." stays in a relative path and
        // disappears right after the root directory.
        if (!rooted) names.push(name);
        trailing = false;
      } else if (top === '..') {
        names.push(name);
        trailing = false;
      } else {
        names.pop();
        trailing = names.length > 0;
      }
    } else {
      names.push(name);
      trailing = false;
    }
  }
  // A trailing separator after a final ".." is dropped.
  if (trailing && names[names.length - 1] === '..') trailing = false;
  if (!rooted && names.length === 0) return '.';
  return (rooted ? SEPARATOR : '') + names.join(SEPARATOR) + (trailing ? SEPARATOR : '');
}

export function lexicallyRelative(path: BytePath, base: BytePath): BytePath {
  if (isAbsolute(path) !== isAbsolute(base)) return '';
  const a = elements(path);
  const b = elements(base);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return '.';
  let climbs = 0;
  for (const name of b.slice(i)) {
    if (name === '..') climbs--;
    else if (name !== '' && name !== '.') climbs++;
  }
  if (climbs < 0) return '';
  if (climbs === 0 && (i === a.length || a[i] === '')) return '.';
  let out: BytePath = '';
  for (let k = 0; k < climbs; k++) out = join(out, '..');
  for (const name of a.slice(i)) out = join(out, name);
  return out;
}

export function lexicallyProximate(path: BytePath, base: BytePath): BytePath {
  const relative = lexicallyRelative(path, base);
  return relative === '' ? path : relative;
}

/** The generic format: runs of separators collapse to one. */
export function toGeneric(path: BytePath): BytePath {
  let out = '';
  let separate = false;
  for (const part of parts(path)) {
    if (part.root) {
      out += SEPARATOR;
      continue;
    }
    if (separate) out += SEPARATOR;
    out += part.text;
    separate = true;
  }
  return out;
}

/**
 * Orders paths element by element (so "a//b" equals "a/b"); a relative path
 * sorts before an absolute one. Returns <0, 0 or >0.
 */
export function compare(left: BytePath, right: BytePath): number {
  const rootedLeft = isAbsolute(left);
  if (rootedLeft !== isAbsolute(right)) return rootedLeft ? 1 : -1;
  const a = elements(left);
  const b = elements(right);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length - b.length;
}
