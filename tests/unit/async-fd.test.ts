// runtime/io/async-fd.ts without a VM: the two ways operations run (readiness
// for pipes, the thread pool for regular files), their order, cancellation,
// and that a descriptor it does not own keeps its flags.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { AsyncFd } from '../../runtime/io/async-fd';
import { loadAddon } from '../../runtime/native/load-addon';
import { ioConstant } from '../../runtime/io/native';
import { errnoCodes } from '../../runtime/errors/categories';

const enc = new TextEncoder();
const dec = new TextDecoder();

function run(start: (done: (r: number) => void) => void): Promise<number> {
  return new Promise((resolve) => start(resolve));
}

test('a pipe it owns: non-blocking reads and writes after readiness, in order', async () => {
  const [r, w] = loadAddon().fdPipe(false) as [number, number];
  const reader = new AsyncFd(r, { owned: true });
  const writer = new AsyncFd(w, { owned: true });
  const first = new Uint8Array(3);
  const second = new Uint8Array(3);
  const reads = [run((d) => reader.read(first, d)), run((d) => reader.read(second, d))];
  assert.is(await run((d) => writer.write(enc.encode('abcdef'), d)), 6);
  assert.equal(await Promise.all(reads), [3, 3]);
  assert.is(dec.decode(first) + dec.decode(second), 'abcdef');
  assert.ok((loadAddon().fdGetStatusFlags(r) & ioConstant('O_NONBLOCK')) !== 0, 'owned: switched to O_NONBLOCK');
  assert.ok(reader.setNonBlockingOnOpen);
  reader.dispose(errnoCodes.ECANCELED, () => loadAddon().fdClose(r));
  writer.dispose(errnoCodes.ECANCELED, () => loadAddon().fdClose(w));
});

test('a queued read can be cancelled; one that ran cannot', async () => {
  const [r, w] = loadAddon().fdPipe(false) as [number, number];
  const reader = new AsyncFd(r, { owned: true });
  let completed = false;
  const request = reader.read(new Uint8Array(4), () => (completed = true));
  assert.ok(request.cancel(), 'nothing was read: cancelled');
  loadAddon().fdWrite(w, enc.encode('data'));
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.not.ok(completed);
  const buf = new Uint8Array(4);
  let second!: ReturnType<AsyncFd['read']>;
  const n = await run((d) => (second = reader.read(buf, d)));
  assert.is(n, 4, 'the data is still there for the next read');
  assert.not.ok(second.cancel(), 'a completed read cannot be cancelled');
  reader.dispose(errnoCodes.ECANCELED, () => loadAddon().fdClose(r));
  loadAddon().fdClose(w);
});

test('abortAll and dispose complete queued operations with the error', async () => {
  const [r, w] = loadAddon().fdPipe(false) as [number, number];
  const reader = new AsyncFd(r, { owned: true });
  const aborted = run((d) => reader.read(new Uint8Array(1), d));
  reader.abortAll(errnoCodes.ECANCELED);
  assert.is(await aborted, -errnoCodes.ECANCELED);
  const disposed = run((d) => reader.read(new Uint8Array(1), d));
  let closed = false;
  reader.dispose(errnoCodes.EBADF, () => {
    closed = true;
    loadAddon().fdClose(r);
  });
  assert.is(await disposed, -errnoCodes.EBADF);
  assert.ok(closed);
  assert.is(await run((d) => reader.read(new Uint8Array(1), d)), -errnoCodes.EBADF);
  loadAddon().fdClose(w);
});

test('a blocking pipe it does not own keeps its flags and is never waited on (RWF_NOWAIT)', async () => {
  const [r, w] = loadAddon().fdPipe(false) as [number, number];
  const writer = new AsyncFd(w, { owned: false });
  const reader = new AsyncFd(r, { owned: false });
  // More than the pipe holds (64 KiB by default): the write stops where the
  // pipe is full instead of blocking the event loop.
  const written = await run((d) => writer.write(new Uint8Array(100000), d));
  assert.ok(written > 0 && written < 100000, `wrote ${written} of 100000 bytes`);
  const more = run((d) => writer.write(enc.encode('tail'), d));
  const got = await run((d) => reader.read(new Uint8Array(100000), d));
  assert.is(got, written);
  assert.is(await more, 4, 'the write that found the pipe full went through once there was room');
  assert.is(await run((d) => reader.read(new Uint8Array(10), d)), 4);
  assert.is(loadAddon().fdGetStatusFlags(w) & ioConstant('O_NONBLOCK'), 0);
  assert.is(loadAddon().fdGetStatusFlags(r) & ioConstant('O_NONBLOCK'), 0);
  loadAddon().fdClose(w);
  assert.is(await run((d) => reader.read(new Uint8Array(1), d)), 0, 'end of file');
  reader.dispose(0, () => loadAddon().fdClose(r));
  writer.dispose(0, () => undefined);
});

test('a blocking terminal (no RWF_NOWAIT) keeps its flags; writes go at most PIPE_BUF at a time', async () => {
  const master = fs.openSync('/dev/ptmx', 'r+');
  assert.is(loadAddon().fdWriteNoWait(master, new Uint8Array(1)), -errnoCodes.EOPNOTSUPP, 'terminals refuse RWF_NOWAIT');
  const writer = new AsyncFd(master, { owned: false });
  const written = await run((d) => writer.write(new Uint8Array(3 * ioConstant('PIPE_BUF')), d));
  assert.is(written, ioConstant('PIPE_BUF'));
  assert.is(loadAddon().fdGetStatusFlags(master) & ioConstant('O_NONBLOCK'), 0);
  writer.dispose(0, () => fs.closeSync(master));
});

test('regular files run on the thread pool, in request order', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-asyncfd-'));
  const file = path.join(dir, 'f');
  const fd = fs.openSync(file, 'w+');
  const async = new AsyncFd(fd, { owned: true });
  const writes = ['one ', 'two ', 'three'].map((word) => run((d) => async.write(enc.encode(word), d)));
  assert.equal(await Promise.all(writes), [4, 4, 5]);
  assert.is(fs.readFileSync(file, 'utf8'), 'one two three');
  assert.is(loadAddon().fdGetStatusFlags(fd) & ioConstant('O_NONBLOCK'), 0, 'files are not switched');
  let closed = false;
  const pending = run((d) => async.read(new Uint8Array(4), d));
  async.dispose(errnoCodes.ECANCELED, () => {
    closed = true;
    fs.closeSync(fd);
  });
  assert.not.ok(closed, 'closing waits for the read on the thread pool');
  assert.is(await pending, 0);
  assert.ok(closed);
  fs.rmSync(dir, { recursive: true, force: true });
});


test('a peer clearing O_NONBLOCK on a shared pipe does not make a read block the event loop', () => {
  // In a child: if read(2) blocked there, the process would wait forever.
  const helper = path.join(__dirname, 'helpers', 'peer-clears-nonblock.ts');
  const child = spawnSync(process.execPath, ['--import', 'tsx', helper], { encoding: 'utf8', timeout: 10_000 });
  assert.is(child.signal, null, 'the child was not stuck in read(2)');
  assert.is(child.stdout, '1 1\n');
});

test.run();
