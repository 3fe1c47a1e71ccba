// The byte_span data structure, free of fengari: a Go-like slice over a shared
// allocation. A span sees `length` bytes and may grow (by slicing again) up to
// its capacity, which always reaches the end of the allocation, so a span is
// just a view from its first byte to that end plus a length. Spans made from
// one another share memory; only append() past the capacity allocates anew.
// Indices taken and returned here are Emilua's (1-based).

import * as search from './byte-search';

export type SpanErrno = 'EINVAL' | 'ERANGE' | 'ENOMEM';

/** A failed operation, reported to Lua as a system error (with `arg` when set). */
export class ByteSpanError extends Error {
  constructor(readonly errno: SpanErrno, readonly arg?: number) {
    super(arg === undefined ? errno : `${errno} (arg ${arg})`);
    this.name = 'ByteSpanError';
  }
}

/** trimmed()'s default set: space, form feed, newline, carriage return, tab, vertical tab. */
export const DEFAULT_LWS = Uint8Array.of(0x20, 0x0c, 0x0a, 0x0d, 0x09, 0x0b);

const NO_MEMORY = new Uint8Array(0);

function allocateRegion(capacity: number): Uint8Array {
  if (capacity === 0) return NO_MEMORY;
  try {
    return new Uint8Array(capacity);
  } catch {
    throw new ByteSpanError('ENOMEM');
  }
}

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}

export class ByteSpan {
  /**
   * `region` runs from this span's first byte to the end of its allocation;
   * use ByteSpan.allocate/concat or the slicing methods to make spans.
   */
  private constructor(private readonly region: Uint8Array, readonly length: number) {}

  /** new(length[, capacity]); every byte starts as zero. */
  static allocate(length: number, capacity: number = length): ByteSpan {
    if (!isCount(length) || !isCount(capacity) || length > capacity) throw new ByteSpanError('EINVAL');
    return new ByteSpan(allocateRegion(capacity), length);
  }

  /** The non-member append: a fresh span holding every part, back to back. */
  static concat(parts: readonly Uint8Array[]): ByteSpan {
    let total = 0;
    for (const part of parts) total += part.length;
    const span = new ByteSpan(allocateRegion(total), total);
    let offset = 0;
    for (const part of parts) {
      span.region.set(part, offset);
      offset += part.length;
    }
    return span;
  }

  static fromBytes(bytes: Uint8Array): ByteSpan {
    return ByteSpan.concat([bytes]);
  }

  get capacity(): number {
    return this.region.length;
  }

  /** A live view of the visible bytes: writes to it are writes to the span. */
  get bytes(): Uint8Array {
    return this.region.subarray(0, this.length);
  }

  /** A copy of the visible bytes. */
  toBytes(): Uint8Array {
    return this.region.slice(0, this.length);
  }

  /** Whether both spans were cut from the same allocation. */
  sharesMemoryWith(other: ByteSpan): boolean {
    return this.region.length > 0 && other.region.length > 0 && this.region.buffer === other.region.buffer;
  }

  /** sub([start=1, end=#self]): may reach past the length, up to the capacity. */
  sub(start = 1, end: number = this.length): ByteSpan {
    if (start < 1 || start - 1 > end || end > this.capacity) throw new ByteSpanError('ERANGE');
    return this.view(start - 1, end - start + 1);
  }

  /** The first `count` bytes; like sub(), count may go up to the capacity. */
  first(count: number): ByteSpan {
    if (count < 0 || count > this.capacity) throw new ByteSpanError('ERANGE');
    return new ByteSpan(this.region, count);
  }

  /** The last `count` bytes; returns this same span when that is all of it. */
  last(count: number): ByteSpan {
    if (count < 0 || count > this.length) throw new ByteSpanError('ERANGE');
    const offset = this.length - count;
    return offset === 0 ? this : this.view(offset, count);
  }

  private view(offset: number, length: number): ByteSpan {
    const region = offset === this.region.length ? NO_MEMORY : this.region.subarray(offset);
    return new ByteSpan(region, length);
  }

  /** memmove() of min(#src, #self) bytes to the start of this span; overlap is fine. */
  copyFrom(src: Uint8Array): number {
    const count = Math.min(src.length, this.length);
    // TypedArray#set copies through a temporary when both share a buffer.
    if (count > 0) this.region.set(src.subarray(0, count), 0);
    return count;
  }

  /**
   * The member append: this span's bytes followed by `parts`. Within the
   * capacity the result shares this span's memory (bytes past this span's
   * length are overwritten); beyond it the result gets its own allocation of
   * exactly the needed size. No parts at all returns this same span.
   */
  append(parts: readonly Uint8Array[]): ByteSpan {
    if (parts.length === 0) return this;
    let total = this.length;
    for (const part of parts) total += part.length;
    if (total === 0) return ByteSpan.allocate(0);
    if (total > this.capacity) return ByteSpan.concat([this.bytes, ...parts]);
    // A part may be a view of the very bytes about to be overwritten.
    const sources = parts.map((part) => (part.buffer === this.region.buffer ? part.slice() : part));
    let offset = this.length;
    for (const source of sources) {
      this.region.set(source, offset);
      offset += source.length;
    }
    return new ByteSpan(this.region, total);
  }

  /** memset(): the low 8 bits of `byte` into every visible byte. */
  fill(byte: number): this {
    this.region.fill(byte & 0xff, 0, this.length);
    return this;
  }

  /** The byte at 1-based `index`. */
  at(index: number): number {
    if (!(index >= 1 && index <= this.length)) throw new ByteSpanError('ERANGE');
    return this.region[index - 1];
  }

  setAt(index: number, value: number): void {
    if (!(index >= 1 && index <= this.length) || !(value >= 0 && value <= 0xff)) {
      throw new ByteSpanError('ERANGE');
    }
    this.region[index - 1] = value;
  }

  equals(other: ByteSpan | Uint8Array): boolean {
    return search.sameBytes(this.bytes, other instanceof ByteSpan ? other.bytes : other);
  }

  startsWith(prefix: Uint8Array): boolean {
    return search.startsWith(this.bytes, prefix);
  }

  endsWith(suffix: Uint8Array): boolean {
    return search.endsWith(this.bytes, suffix);
  }

  /** find(tgt[, start=1]) -> index or undefined. */
  find(target: Uint8Array, start = 1): number | undefined {
    return this.forward(start, (from) => search.indexOf(this.bytes, target, from));
  }

  /** rfind(tgt[, end_=#self]): the last match starting at or before `end_`. */
  rfind(target: Uint8Array, end: number = this.length): number | undefined {
    return this.backward(end, (from) => search.lastIndexOf(this.bytes, target, from));
  }

  findFirstOf(set: Uint8Array, start = 1): number | undefined {
    return this.forward(start, (from) => search.findFirstOf(this.bytes, set, from));
  }

  findLastOf(set: Uint8Array, end: number = this.length): number | undefined {
    return this.backward(end, (from) => search.findLastOf(this.bytes, set, from));
  }

  findFirstNotOf(set: Uint8Array, start = 1): number | undefined {
    return this.forward(start, (from) => search.findFirstNotOf(this.bytes, set, from));
  }

  findLastNotOf(set: Uint8Array, end: number = this.length): number | undefined {
    return this.backward(end, (from) => search.findLastNotOf(this.bytes, set, from));
  }

  /** `start` may be one past the end (nothing is found there); further is ERANGE. */
  private forward(start: number, scan: (from: number) => number): number | undefined {
    if (start < 1 || start - 1 > this.length) throw new ByteSpanError('ERANGE');
    if (start > this.length) return undefined;
    const found = scan(start - 1);
    return found === search.NOT_FOUND ? undefined : found + 1;
  }

  /** `end` runs from 0 (nothing is found) to the length. */
  private backward(end: number, scan: (from: number) => number): number | undefined {
    if (end < 0 || end > this.length) throw new ByteSpanError('ERANGE');
    if (end === 0) return undefined;
    const found = scan(end - 1);
    return found === search.NOT_FOUND ? undefined : found + 1;
  }

  /** A slice of this span without leading or trailing octets from `lws`. */
  trimmed(lws: Uint8Array = DEFAULT_LWS): ByteSpan {
    const bytes = this.bytes;
    const first = search.findFirstNotOf(bytes, lws, 0);
    if (first === search.NOT_FOUND) return ByteSpan.allocate(0);
    const last = search.findLastNotOf(bytes, lws, bytes.length - 1);
    return this.view(first, last - first + 1);
  }

  /** ASCII A-Z to a-z, in place; every other octet is left alone. */
  lowerInPlace(): void {
    const bytes = this.bytes;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] >= 0x41 && bytes[i] <= 0x5a) bytes[i] += 0x20;
    }
  }

  /** ASCII a-z to A-Z, in place. */
  upperInPlace(): void {
    const bytes = this.bytes;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] >= 0x61 && bytes[i] <= 0x7a) bytes[i] -= 0x20;
    }
  }
}
