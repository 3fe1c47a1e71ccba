// The filesystem operations behind the Lua functions, in plain TypeScript:
// each returns its result or a SysFailure carrying the errno. They follow
// the semantics of the std::filesystem functions Emilua wraps (as libstdc++
// implements them on Linux). Every call is synchronous: in Emilua too these
// functions block the calling thread.

import * as fs from 'node:fs';
import { loadAddon } from '../../native/load-addon';
import { errnoCodes } from '../../errors/categories';
import { sys, native, served, SysFailure } from './failures';
import { servedUnlink, servedRmdir, servedMkdir } from '../../io/libc-service/gate';
import { pathBuffer } from '../../io/path-object';
import { stat, lstat, fileTypeOf, isNotFound } from './stat';
import * as P from '../../io/path-logic';
import type { BytePath } from '../../io/path-logic';

const E = errnoCodes;
const fail = (errno: number): SysFailure => new SysFailure(errno);
export const failed = (value: unknown): value is SysFailure => value instanceof SysFailure;

export function currentPath(): BytePath | SysFailure {
  const cwd = loadAddon().fsGetcwd();
  return typeof cwd === 'number' ? fail(-cwd) : P.bytesToPath(cwd);
}

/**
 * After the addon changed the working directory behind Node's back: Node
 * caches process.cwd() and only a process.chdir() call refreshes it.
 */
export function forgetCachedWorkingDirectory(): void {
  try {
    process.chdir('.');
  } catch {
    // The new directory may be unreachable by name; Node re-reads it later.
  }
}

export function absolute(path: BytePath): BytePath | SysFailure {
  if (path === '') return fail(E.EINVAL);
  if (P.isAbsolute(path)) return path;
  const cwd = currentPath();
  return failed(cwd) ? cwd : P.join(cwd, path);
}

export function canonical(path: BytePath): BytePath | SysFailure {
  const real = sys(() => fs.realpathSync.native(pathBuffer(path), { encoding: 'buffer' }));
  return failed(real) ? real : P.bytesToPath(real);
}

/** Whether something is at `path` (following symlinks); other failures are failures. */
function existsAt(path: BytePath): boolean | SysFailure {
  const st = stat(path);
  if (!failed(st)) return true;
  return isNotFound(st) ? false : st;
}

export function weaklyCanonical(path: BytePath): BytePath | SysFailure {
  const whole = existsAt(path);
  if (failed(whole)) return whole;
  if (whole) return canonical(path);
  const items = P.elements(path);
  let head = '';
  let i = 0;
  for (; i < items.length; i++) {
    const candidate = P.join(head, items[i]);
    const there = existsAt(candidate);
    if (failed(there)) return there;
    if (!there) break;
    head = candidate;
  }
  let result = head;
  if (result !== '') {
    const real = canonical(result);
    if (failed(real)) return real;
    result = real;
  }
  for (; i < items.length; i++) result = P.join(result, items[i]);
  return P.lexicallyNormal(result);
}

export function relative(path: BytePath, base: BytePath): BytePath | SysFailure {
  const a = weaklyCanonical(path);
  if (failed(a)) return a;
  const b = weaklyCanonical(base);
  if (failed(b)) return b;
  return P.lexicallyRelative(a, b);
}

export function proximate(path: BytePath, base: BytePath): BytePath | SysFailure {
  const a = weaklyCanonical(path);
  if (failed(a)) return a;
  const b = weaklyCanonical(base);
  if (failed(b)) return b;
  return P.lexicallyProximate(a, b);
}

export function exists(path: BytePath): boolean | SysFailure {
  return existsAt(path);
}

export function fileSize(path: BytePath): number | SysFailure {
  const st = stat(path);
  if (failed(st)) return st;
  const type = fileTypeOf(st.mode);
  if (type === 'regular') return Number(st.size);
  return fail(type === 'directory' ? E.EISDIR : E.EOPNOTSUPP);
}

export function isEmpty(path: BytePath): boolean | SysFailure {
  const st = stat(path);
  if (failed(st)) return st;
  if (fileTypeOf(st.mode) === 'directory') {
    const names = sys(() => fs.readdirSync(pathBuffer(path), { encoding: 'buffer' }));
    return failed(names) ? names : names.length === 0;
  }
  const size = fileSize(path);
  return failed(size) ? size : size === 0;
}

export function equivalent(a: BytePath, b: BytePath): boolean | SysFailure {
  const sa = stat(a);
  const sb = stat(b);
  const missingA = failed(sa) && isNotFound(sa);
  const missingB = failed(sb) && isNotFound(sb);
  if (!failed(sa) && !failed(sb)) {
    const otherA = isOther(fileTypeOf(sa.mode));
    const otherB = isOther(fileTypeOf(sb.mode));
    if (otherA && otherB) return fail(E.EOPNOTSUPP);
    if (otherA || otherB) return false;
    return sa.dev === sb.dev && sa.ino === sb.ino;
  }
  if (missingA && missingB) return fail(E.ENOENT);
  if (failed(sb) && !missingB) return sb;
  if (failed(sa) && !missingA) return sa;
  return false;
}

export function isOther(type: string): boolean {
  return type !== 'regular' && type !== 'directory' && type !== 'symlink';
}

export function remove(path: BytePath): boolean | SysFailure {
  const buf = pathBuffer(path);
  let result = served(servedUnlink(buf)) ?? sys(() => fs.unlinkSync(buf));
  if (failed(result) && result.errno === E.EISDIR) result = served(servedRmdir(buf)) ?? sys(() => fs.rmdirSync(buf));
  if (!failed(result)) return true;
  return result.errno === E.ENOENT ? false : result;
}

/** Removes path and, for a directory, everything below it; returns how many entries went. */
export function removeAll(path: BytePath): number | SysFailure {
  const st = lstat(path);
  if (failed(st)) return isNotFound(st) ? 0 : st;
  let count = 0;
  if (fileTypeOf(st.mode) === 'directory') {
    const names = sys(() => fs.readdirSync(pathBuffer(path), { encoding: 'buffer' }));
    if (failed(names)) return names;
    for (const name of names) {
      const removed = removeAll(P.join(path, P.bytesToPath(name)));
      if (failed(removed)) return removed;
      count += removed;
    }
  }
  const removed = remove(path);
  if (failed(removed)) return removed;
  return removed ? count + 1 : count;
}

/** mkdir with the given mode; an existing directory is not an error (returns false). */
function makeDirectory(path: BytePath, mode: number): boolean | SysFailure {
  const made = served(servedMkdir(pathBuffer(path), mode)) ?? sys(() => fs.mkdirSync(pathBuffer(path), { mode }));
  if (!failed(made)) return true;
  if (made.errno === E.EEXIST) {
    const st = stat(path);
    if (!failed(st) && fileTypeOf(st.mode) === 'directory') return false;
  }
  return made;
}

export function createDirectory(path: BytePath, attributesFrom?: BytePath): boolean | SysFailure {
  if (attributesFrom === undefined) return makeDirectory(path, 0o777);
  const st = stat(attributesFrom);
  if (failed(st)) return st;
  return makeDirectory(path, Number(st.mode) & 0o7777);
}

export function createDirectories(path: BytePath): boolean | SysFailure {
  if (path === '') return fail(E.EINVAL);
  const st = stat(path);
  if (!failed(st)) return fileTypeOf(st.mode) === 'directory' ? false : fail(E.ENOTDIR);
  if (!isNotFound(st)) return st;

  // Collect the missing ancestors, deepest first, skipping "." and "..".
  const missing: BytePath[] = [];
  let cursor = P.filename(path) === '' && P.relativePath(path) !== '' ? P.parentPath(path) : path;
  for (;;) {
    const name = P.filename(cursor);
    if (name === '.' || name === '..') {
      cursor = P.parentPath(cursor);
    } else {
      missing.push(cursor);
      // Each missing directory takes at least one byte of the path, so only
      // a parentPath() that made no progress could pass this bound; a count
      // of components would refuse valid paths of many short names.
      if (missing.length > path.length) return fail(E.ENAMETOOLONG);
      cursor = P.parentPath(cursor);
    }
    if (cursor === '') break;
    const there = stat(cursor);
    if (!failed(there)) {
      if (fileTypeOf(there.mode) !== 'directory') return fail(E.ENOTDIR);
      break;
    }
    if (!isNotFound(there)) return there;
  }
  let created: boolean | SysFailure = false;
  for (let i = missing.length - 1; i >= 0; i--) {
    created = createDirectory(missing[i]);
    if (failed(created)) return created;
  }
  return created;
}

export type OnExisting = 'error' | 'skip' | 'overwrite' | 'update';

export function copyFile(from: BytePath, to: BytePath, onExisting: OnExisting): boolean | SysFailure {
  const dst = stat(to);
  if (failed(dst) && !isNotFound(dst)) return dst;
  const src = stat(from);
  if (failed(src)) return src;
  if (fileTypeOf(src.mode) !== 'regular') return fail(E.EOPNOTSUPP);
  if (!failed(dst)) {
    if (fileTypeOf(dst.mode) !== 'regular') return fail(E.EOPNOTSUPP);
    if (dst.dev === src.dev && dst.ino === src.ino) return fail(E.EEXIST);
    switch (onExisting) {
      case 'skip':
        return false;
      case 'update':
        if (src.mtimeNs <= dst.mtimeNs) return false;
        break;
      case 'error':
        return fail(E.EEXIST);
      case 'overwrite':
        break;
    }
  }
  // Node (libuv) gives the copy the source's permission bits, truncates an
  // existing destination and copies the data with copy_file_range/sendfile.
  const flags = failed(dst) ? fs.constants.COPYFILE_EXCL : 0;
  const copied = sys(() => fs.copyFileSync(pathBuffer(from), pathBuffer(to), flags));
  return failed(copied) ? copied : true;
}

export function readSymlink(path: BytePath): BytePath | SysFailure {
  const target = sys(() => fs.readlinkSync(pathBuffer(path), { encoding: 'buffer' }));
  return failed(target) ? target : P.bytesToPath(target);
}

export function copySymlink(from: BytePath, to: BytePath): void | SysFailure {
  const target = readSymlink(from);
  if (failed(target)) return target;
  return sys(() => fs.symlinkSync(pathBuffer(target), pathBuffer(to)));
}

export interface CopyOptions {
  existing: OnExisting;
  recursive: boolean;
  symlinks: 'follow' | 'copy' | 'skip';
  copy: 'contents' | 'directories_only' | 'create_symlinks' | 'create_hardlinks';
}

/** std::filesystem::copy(); `nested` marks the calls a directory copy makes for its entries. */
export function copy(from: BytePath, to: BytePath, options: CopyOptions, nested = false): void | SysFailure {
  const noFollow = options.copy === 'create_symlinks' || options.symlinks === 'skip';
  const fromStat = noFollow || options.symlinks === 'copy' ? lstat(from) : stat(from);
  if (failed(fromStat)) return fromStat;
  const toStat = noFollow ? lstat(to) : stat(to);
  if (failed(toStat) && !isNotFound(toStat)) return toStat;
  const f = fileTypeOf(fromStat.mode);
  const t = failed(toStat) ? 'not_found' : fileTypeOf(toStat.mode);

  if (!failed(toStat) && fromStat.dev === toStat.dev && fromStat.ino === toStat.ino) return fail(E.EEXIST);
  if (isOther(f) || (t !== 'not_found' && isOther(t))) return fail(E.EOPNOTSUPP);
  if (f === 'directory' && t === 'regular') return fail(E.EISDIR);

  if (f === 'symlink') {
    if (options.symlinks === 'skip') return;
    if (t === 'not_found' && options.symlinks === 'copy') return copySymlink(from, to);
    return fail(E.EINVAL);
  }
  if (f === 'regular') {
    switch (options.copy) {
      case 'directories_only':
        return;
      case 'create_symlinks':
        return sys(() => fs.symlinkSync(pathBuffer(from), pathBuffer(to)));
      case 'create_hardlinks':
        return sys(() => fs.linkSync(pathBuffer(from), pathBuffer(to)));
      case 'contents': {
        const target = t === 'directory' ? P.join(to, P.filename(from)) : to;
        const copied = copyFile(from, target, options.existing);
        return failed(copied) ? copied : undefined;
      }
    }
  }
  if (f === 'directory' && options.copy === 'create_symlinks') return fail(E.EISDIR);
  const plain = !options.recursive && options.existing === 'error' && options.symlinks === 'follow' &&
    options.copy === 'contents';
  if (f === 'directory' && (options.recursive || (plain && !nested))) {
    if (t === 'not_found') {
      const made = createDirectory(to, from);
      if (failed(made)) return made;
    }
    const entries = sys(() => fs.readdirSync(pathBuffer(from), { encoding: 'buffer' }));
    if (failed(entries)) return entries;
    for (const name of entries) {
      const entry = P.bytesToPath(name);
      const copied = copy(P.join(from, entry), P.join(to, entry), options, true);
      if (failed(copied)) return copied;
    }
  }
}

export function temporaryDirectory(): BytePath | SysFailure {
  const env = process.env;
  const chosen = env.TMPDIR ?? env.TMP ?? env.TEMP ?? env.TEMPDIR ?? '/tmp';
  const path = P.bytesToPath(Buffer.from(chosen));
  const st = stat(path);
  if (failed(st)) return st;
  return fileTypeOf(st.mode) === 'directory' ? path : fail(E.ENOTDIR);
}

export function setModificationTime(path: BytePath, unixNs: bigint): void | SysFailure {
  const ns = 1_000_000_000n;
  let sec = unixNs / ns;
  let nsec = unixNs % ns;
  if (nsec < 0n) {
    nsec += ns;
    sec -= 1n;
  }
  const done = native(loadAddon().fsSetModificationTime(pathBuffer(path), Number(sec), Number(nsec)));
  return failed(done) ? done : undefined;
}
