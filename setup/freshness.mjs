// Whether the build outputs are older than their sources: a scan of
// modification times (stat calls only, a few milliseconds for the whole tree).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The newest file under each path (files or directories): { mtime (ms), file }. */
export function newestFile(root, paths) {
  let newest = 0;
  let newestName = '';
  const visit = (file) => {
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(file)) visit(path.join(file, name));
    } else if (stat.mtimeMs > newest) {
      newest = stat.mtimeMs;
      newestName = file;
    }
  };
  for (const p of paths) visit(path.join(root, p));
  return { mtime: newest, file: path.relative(root, newestName) };
}

/** Oldest mtime (ms) of the given files; 0 when one is missing. */
export function oldestMtime(root, files) {
  let oldest = Infinity;
  for (const file of files) {
    try {
      oldest = Math.min(oldest, fs.statSync(path.join(root, file)).mtimeMs);
    } catch {
      return 0;
    }
  }
  return oldest;
}

/** Why `outputs` must be rebuilt from `inputs`, or null. */
export function staleReason(root, { inputs, outputs }) {
  const oldest = oldestMtime(root, outputs);
  if (oldest === 0) return `${outputs.find((f) => !fs.existsSync(path.join(root, f)))} is missing`;
  const newest = newestFile(root, inputs);
  if (newest.mtime > oldest) return `${newest.file} (and maybe more) changed since the last build`;
  return null;
}
