// The startup snapshot only loads in the node binary that built it
// (bundle/README.md): rebuild it when `node` is another binary or was
// replaced since. bin/emilua-ts would fall back to the slower cli.js.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Why the snapshot must be rebuilt for this node, or null. */
export function snapshotStaleReason(root) {
  const out = path.join(root, 'bundle', 'out');
  try {
    const builtBy = fs.statSync(path.join(out, 'emilua-ts.blob.node'));
    const node = fs.statSync(process.execPath);
    const stamp = fs.statSync(path.join(out, 'emilua-ts.blob.stamp'));
    if (builtBy.ino !== node.ino || builtBy.dev !== node.dev) return 'the snapshot was built by another node binary';
    if (node.mtimeMs > stamp.mtimeMs) return 'node was replaced since the snapshot was built';
    return null;
  } catch {
    return 'the snapshot stamp is missing';
  }
}
