// Starts the worker thread of an actor spawned with inherit_context=false: a
// new Node isolate that loads the same runtime from a file on disk.
//
//   bundled (bin/emilua-ts, node bundle/out/cli.js): the worker runs
//     bundle/out/cli.js, whose main() sees the worker data and runs the
//     actor instead of the command line. A process started from the startup
//     snapshot has no script file, so cli.js is found next to the blob (or
//     from process.argv[1], which the snapshot entry points at bin/);
//   from source (tsx): the worker registers tsx's CommonJS hook and loads
//     runtime/actor/worker-entry.ts.
//
// The worker gets node's options minus the snapshot ones (a worker cannot
// start from a blob), shares process.env with every thread (the environment
// is process-wide, as in Emilua), and writes to the real fds 1 and 2 itself
// (print() is a synchronous write(2)).

import { Worker, SHARE_ENV } from 'node:worker_threads';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ThreadSpawn, WorkerBoot } from './hub-protocol';
import { processStateBuffer } from './process-state';

interface WorkerEntry {
  readonly script: string;
  readonly evaluate: boolean;
}

let entry: WorkerEntry | undefined;

function snapshotBlob(): string | undefined {
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--snapshot-blob' && i + 1 < argv.length) return argv[i + 1];
    if (argv[i].startsWith('--snapshot-blob=')) return argv[i].slice('--snapshot-blob='.length);
  }
  return undefined;
}

/** node's own options for the worker: the parent's, without the snapshot ones. */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--snapshot-blob') {
      i++;
      continue;
    }
    if (arg.startsWith('--snapshot-blob=') || arg === '--build-snapshot') continue;
    out.push(arg);
  }
  return out;
}

function findEntry(): WorkerEntry {
  const here = typeof __filename === 'string' ? __filename : '';
  if (here.endsWith('.ts')) {
    // Only from source: node:module is not loaded by the bundle.
    const { createRequire } = require('node:module') as typeof import('node:module');
    const tsx = createRequire(here).resolve('tsx/cjs/api');
    const file = path.join(path.dirname(here), '..', 'cli', 'worker-entry.ts');
    return { script: `require(${JSON.stringify(tsx)}).register();\nrequire(${JSON.stringify(file)});\n`, evaluate: true };
  }
  const candidates: string[] = [];
  const blob = snapshotBlob();
  if (blob !== undefined) candidates.push(path.join(path.dirname(path.resolve(blob)), 'cli.js'));
  if (typeof __dirname === 'string') candidates.push(path.join(__dirname, 'cli.js'));
  const script = process.argv[1];
  if (typeof script === 'string' && script !== '') {
    candidates.push(path.resolve(path.dirname(script), 'cli.js'));
    candidates.push(path.resolve(path.dirname(script), '..', 'bundle', 'out', 'cli.js'));
  }
  for (const file of candidates) {
    if (fs.existsSync(file)) return { script: file, evaluate: false };
  }
  throw new Error(`cannot find the runtime to start an actor thread; looked for:\n  ${candidates.join('\n  ')}`);
}

export function startActorThread(spawn: ThreadSpawn): Worker {
  entry ??= findEntry();
  const boot: WorkerBoot = { emiluaTsActorThread: true, processState: processStateBuffer(), spawn };
  return new Worker(entry.script, {
    eval: entry.evaluate,
    workerData: boot,
    argv: [],
    execArgv: entry.evaluate ? [] : workerExecArgv(),
    env: SHARE_ENV,
    stdin: false,
  });
}
