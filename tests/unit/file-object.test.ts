// The descriptor bookkeeping of file objects (runtime/modules/file/file-object.ts):
// a descriptor still used by a thread-pool operation is closed only after
// that operation, release() hands out a duplicate in that case,
// cancelAll()/close() abort what was registered as abortable, and reads are
// done at once only when nothing else uses the descriptor.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileObject } from '../../runtime/modules/file/file-object';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-file-object-'));
const file = path.join(dir, 'data');
fs.writeFileSync(file, 'x');

function isOpenFd(fd: number): boolean {
  try {
    fs.fstatSync(fd);
    return true;
  } catch {
    return false;
  }
}

test('close() without operations closes at once', () => {
  const f = new FileObject('stream');
  const fd = fs.openSync(file, 'r');
  f.adopt(fd);
  assert.ok(f.isOpen);
  assert.is(f.fd, fd);
  f.close();
  assert.not.ok(f.isOpen);
  assert.is(f.fd, -1);
  assert.not.ok(isOpenFd(fd));
  f.close();
});

test('close() waits for the operations still using the descriptor', () => {
  const f = new FileObject('random_access');
  const fd = fs.openSync(file, 'r');
  f.adopt(fd);
  const done1 = f.use();
  const done2 = f.use();
  f.close();
  assert.not.ok(f.isOpen);
  assert.ok(isOpenFd(fd), 'still in use');
  done1();
  done1();
  assert.ok(isOpenFd(fd), 'one user left (a second call of done1 counts once)');
  done2();
  assert.not.ok(isOpenFd(fd));
});

test('release() gives the descriptor, or a duplicate while it is in use', () => {
  const f = new FileObject('stream');
  const fd = fs.openSync(file, 'r');
  f.adopt(fd);
  assert.is(f.release(), fd);
  assert.ok(isOpenFd(fd), 'the caller owns it now');
  fs.closeSync(fd);

  const g = new FileObject('stream');
  const fd2 = fs.openSync(file, 'r');
  g.adopt(fd2);
  const done = g.use();
  const handed = g.release();
  assert.ok(handed >= 0 && handed !== fd2, 'a duplicate');
  assert.not.ok(g.isOpen);
  done();
  assert.not.ok(isOpenFd(fd2), 'the original closes after its last use');
  assert.ok(isOpenFd(handed));
  fs.closeSync(handed);
  assert.is(new FileObject('stream').release(), -9, 'EBADF when closed');
});

test('cancelAll() and close() abort the registered operations once', () => {
  const f = new FileObject('stream');
  f.adopt(fs.openSync(file, 'r'));
  const aborted: string[] = [];
  const a = { abort: () => aborted.push('a') };
  const b = { abort: () => aborted.push('b') };
  f.track(a);
  f.track(b);
  f.untrack(b);
  f.cancelAll();
  f.cancelAll();
  assert.equal(aborted, ['a']);
  f.track(b);
  f.close();
  assert.equal(aborted, ['a', 'b']);
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('readAtOnce() reads from the page cache only while nothing else uses the descriptor', () => {
  const f = new FileObject('stream');
  fs.writeFileSync(file, 'abcdef');
  f.adopt(fs.openSync(file, 'r'));
  const bytes = new Uint8Array(4);
  assert.is(f.readAtOnce(bytes, null), 4);
  assert.is(Buffer.from(bytes).toString(), 'abcd', 'read at the file offset');
  assert.is(f.readAtOnce(bytes, 1), 4);
  assert.is(Buffer.from(bytes).toString(), 'bcde', 'read at a position');
  const done = f.use();
  assert.is(f.readAtOnce(bytes, null), undefined, 'a thread-pool operation is using the descriptor');
  done();
  assert.is(f.readAtOnce(bytes, null), 2, 'the offset moved by the first read only');
  assert.is(f.readAtOnce(bytes, null), 0, 'end of file');
  f.close();
  assert.is(f.readAtOnce(bytes, null), undefined, 'closed');
  fs.writeFileSync(file, 'x');
});

test.run();
