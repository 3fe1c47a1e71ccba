// Starts the built init helper (build/Release/emilua-ts-init) the way the
// runtime will: its config on fd 3, an IPC socket on fd 4, the status fd on
// fd 5, init.arg on fd 6. Collects stdout, stderr, the decoded status record
// and the exit status.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn, StdioOptions } from 'node:child_process';
import { loadAddon } from '../../../runtime/native/load-addon';
import { sockConstant } from '../../../runtime/io/socket-address';
import { encodeInitConfig, InitConfig } from '../../../runtime/sandbox/init-config';
import { decodeInitStatus, InitFailure } from '../../../runtime/sandbox/init-status';

export const HELPER = path.resolve(__dirname, '../../../build/Release/emilua-ts-init');

export interface HelperRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The raw bytes read from the status fd until EOF. */
  statusBytes: Uint8Array;
  status: InitFailure | null;
}

export interface HelperOptions {
  /** Encoded config, or the raw bytes to write on fd 3. */
  config: Partial<InitConfig> | Uint8Array;
  /** fd for the helper's fd 4; default: one end of a fresh seqpacket pair. */
  ipc?: number;
  /** fd for the helper's fd 6 (init.arg). */
  arg?: number;
  /** More fds after fd 6 (to test that a leak is refused). */
  extra?: number[];
  /** Runs the helper under this command (e.g. unshare ...); the helper path is appended. */
  wrapper?: string[];
  /** Called with the child's pid once started. */
  started?: (pid: number) => void;
  timeoutMs?: number;
}

const CLOSE_ABOVE = 'keep=$1; shift; for f in /proc/$$/fd/*; do n=${f##*/}; if [ "$n" -gt "$keep" ]; then eval "exec $n>&-"; fi; done; exec "$@"';

export function seqpacketPair(): [number, number] {
  const fds = loadAddon().sockPair(sockConstant('SOCK_SEQPACKET'));
  if (typeof fds === 'number') throw new Error(`socketpair: ${fds}`);
  return fds;
}

export function configOf(c: Partial<InitConfig>): Uint8Array {
  return encodeInitConfig({
    pid1: false,
    hasArg: false,
    script: '',
    path: '/bin/true',
    argv: ['true'],
    env: [],
    ...c,
  });
}

export function runHelper(opts: HelperOptions): Promise<HelperRun> {
  const config = opts.config instanceof Uint8Array ? opts.config : configOf(opts.config);
  let ownIpc: [number, number] | null = null;
  let ipc = opts.ipc;
  if (ipc === undefined) {
    ownIpc = seqpacketPair();
    ipc = ownIpc[1];
  }
  const stdio: StdioOptions = ['ignore', 'pipe', 'pipe', 'pipe', ipc, 'pipe'];
  if (opts.arg !== undefined || opts.extra) stdio.push(opts.arg ?? 'ignore');
  for (const fd of opts.extra ?? []) stdio.push(fd);
  // Stands in for the spawner's close_range: the test process may hold
  // inherited fds without close-on-exec (the helper would rightly refuse
  // them), so bash closes every fd above the last one handed over.
  const lastFd = stdio.length - 1;
  const [cmd, ...args] = ['/bin/bash', '-c', CLOSE_ABOVE, 'close-above', String(lastFd), ...(opts.wrapper ?? []), HELPER];
  // A leaked parent variable would show up in the tests that print the
  // environment of the exec'd program.
  // detached: a process group of its own, so a timeout kills the whole tree
  // (unshare, the helper, PID1's child) and no test hangs on an open pipe.
  const child = spawn(cmd, args, { stdio, detached: true, env: { LEAKED_FROM_PARENT: 'yes' } });
  if (ownIpc) fs.closeSync(ownIpc[1]);
  if (child.pid !== undefined) opts.started?.(child.pid);

  const chunks = (stream: NodeJS.ReadableStream | null): Promise<Buffer> =>
    new Promise((resolve) => {
      const parts: Buffer[] = [];
      if (!stream) return resolve(Buffer.alloc(0));
      stream.on('data', (b: Buffer) => parts.push(b));
      stream.on('error', () => resolve(Buffer.concat(parts)));
      stream.on('end', () => resolve(Buffer.concat(parts)));
    });
  const pipes = child.stdio as unknown as (NodeJS.ReadableStream & NodeJS.WritableStream)[];
  const configStream = pipes[3];
  // The helper may refuse the config before reading all of it (EPIPE).
  configStream.on('error', () => {});
  configStream.end(Buffer.from(config));
  const out = chunks(child.stdout);
  const err = chunks(child.stderr);
  const status = chunks(pipes[5]);
  const timer = setTimeout(() => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, opts.timeoutMs ?? 10000);
  return new Promise((resolve) => {
    child.on('close', async (code, signal) => {
      clearTimeout(timer);
      if (ownIpc) fs.closeSync(ownIpc[0]);
      const statusBytes = new Uint8Array(await status);
      resolve({
        code,
        signal,
        stdout: (await out).toString(),
        stderr: (await err).toString(),
        statusBytes,
        status: decodeInitStatus(statusBytes),
      });
    });
  });
}
