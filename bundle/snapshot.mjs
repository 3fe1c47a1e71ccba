// Builds the V8 startup snapshot bundle/out/emilua-ts.blob from
// bundle/out/snapshot-entry.js. Run by bundle/build.mjs after bundling, and on
// its own (`node bundle/snapshot.mjs`) by the installed package, which ships
// the bundles but not the blob: a blob only loads in the node binary that
// built it. EMILUA_TS_NO_SNAPSHOT=1 skips it (and removes a stale blob).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as fs from 'node:fs';
import * as path from 'node:path';

export async function buildSnapshot(out) {
  const blob = path.join(out, 'emilua-ts.blob');
  // bin/emilua-ts uses the blob only when the node on PATH is the binary that
  // built it: the same file as this symlink's target (`test -ef`), not modified
  // since the stamp was written (`test -nt`). The stamp's text (inode, size and
  // mtime of that binary) is for people; the shell tests need no fork.
  const builtBy = blob + '.node';
  const stamp = blob + '.stamp';

  fs.rmSync(blob, { force: true });
  fs.rmSync(stamp, { force: true });
  fs.rmSync(builtBy, { force: true });

  if (process.env.EMILUA_TS_NO_SNAPSHOT === '1') {
    console.log('bundle: startup snapshot skipped (EMILUA_TS_NO_SNAPSHOT=1); bin/emilua-ts runs bundle/out/cli.js');
    return;
  }
  // Built under a temporary name so a failed build never leaves a half-written blob.
  const partial = blob + '.partial';
  fs.rmSync(partial, { force: true });
  try {
    execFileSync(
      process.execPath,
      ['--snapshot-blob', partial, '--build-snapshot', path.join(out, 'snapshot-entry.js')],
      // A clean environment: nothing of the build's shell should matter, and
      // FENGARICONF in particular is read by fengari while it loads.
      { cwd: out, stdio: 'inherit', env: { PATH: process.env.PATH ?? '' } },
    );
    fs.renameSync(partial, blob);
    fs.symlinkSync(fs.realpathSync(process.execPath), builtBy);
    const node = fs.statSync(process.execPath, { bigint: true });
    fs.writeFileSync(stamp, `${node.ino} ${node.size} ${node.mtimeMs / 1000n}\n`);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    console.error(`bundle: building the startup snapshot failed: ${err.message}`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildSnapshot(path.join(path.dirname(fileURLToPath(import.meta.url)), 'out'));
}
