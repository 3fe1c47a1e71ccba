// The file object io hands out: a descriptor and the read-ahead buffer that
// seek() and write() account for. Reads and writes block the thread, as in
// LuaJIT; files dropped without close() are closed when JavaScript collects
// them. No Lua here: file-userdata.ts is how Lua functions take one.

import * as fs from 'node:fs';
import * as os from 'node:os';
import { writeAllSync, sleepOneMillisecond } from '../../lua/print';
import { loadAddon } from '../../native/load-addon';
// Node's fs errors as errno values (it rethrows anything else, and maps a NUL in a path to EINVAL).
import { errnoOf } from '../../errors/errno';

const READ_CHUNK = 65536;
export const SEEK = { set: 0, cur: 1, end: 2 } as const;
const { EAGAIN, EINTR } = os.constants.errno;

export class LuaFile {
  closed = false;
  private buffer: Buffer | null = null;
  private start = 0;
  private end = 0;

  constructor(readonly fd: number, readonly standard: boolean) {}

  /** Bytes read from the descriptor and not handed out yet. */
  get pending(): number {
    return this.end - this.start;
  }

  /** Makes sure some bytes are buffered; false at end of file. Throws Node's errors. */
  fill(): boolean {
    if (this.start < this.end) return true;
    this.buffer ??= Buffer.allocUnsafe(READ_CHUNK);
    this.start = 0;
    this.end = readBlocking(this.fd, this.buffer);
    return this.end > 0;
  }

  /** The next buffered byte (call fill() first). */
  peek(): number {
    return (this.buffer as Buffer)[this.start];
  }

  /** Position of `byte` among the buffered bytes, -1 if absent. */
  find(byte: number): number {
    const at = (this.buffer as Buffer).subarray(this.start, this.end).indexOf(byte);
    return at;
  }

  /** A copy of the next `count` buffered bytes, which are consumed. */
  take(count: number): Buffer {
    const bytes = Buffer.from((this.buffer as Buffer).subarray(this.start, this.start + count));
    this.start += count;
    return bytes;
  }

  /** Forgets the buffered bytes (after the descriptor's offset was set). */
  discard(): void {
    this.start = this.end = 0;
  }

  /**
   * Before a write: moves the descriptor's offset back over the bytes read
   * ahead, so the write lands where the script's reading stopped.
   */
  unreadAhead(): void {
    const ahead = this.pending;
    this.discard();
    if (ahead > 0) loadAddon().fileSeek(this.fd, -ahead, SEEK.cur);
  }
}

/** read(2), waiting (the whole thread, as LuaJIT does) when the descriptor is non-blocking. */
function readBlocking(fd: number, buffer: Buffer): number {
  for (;;) {
    try {
      return fs.readSync(fd, buffer, 0, buffer.length, null);
    } catch (err) {
      const code = errnoOf(err);
      if (code === EAGAIN) sleepOneMillisecond();
      else if (code !== EINTR) throw err;
    }
  }
}

export function writeAll(fd: number, bytes: Uint8Array): void {
  if (fd === 1 || fd === 2) {
    writeAllSync(fd, bytes);
    return;
  }
  let offset = 0;
  while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
}

/** Files the script dropped without closing are closed when JavaScript collects them. */
export const unclosed = new FinalizationRegistry<number>((fd) => {
  try {
    fs.closeSync(fd);
  } catch {
    // Nothing to report to.
  }
});
