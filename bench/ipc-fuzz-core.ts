// The IPC decoder's fuzzer (runtime/actor/ipc/codec.ts), shared by
// bench/ipc-fuzz.ts (a million messages, timed) and tests/unit/ipc-fuzz.test.ts
// (a bounded run in `npm test`).
//
// Inputs: random bytes, and valid encodings of random values mutated by bit
// flips, byte overwrites, truncation, insertion and deletion, and splices of
// two encodings; descriptor lists are either as many as the original's tags
// or a random count (0..25). Checks, per message:
//   crash   decode() threw (it must never throw), or returned something that
//           is neither a message, "closed", nor a codec error;
//   leak    a descriptor given to decode() is neither inside the returned
//           value nor handed to the closer;
//   double  a descriptor is both returned and closed, returned twice,
//           closed twice, or a descriptor decode() was not given is closed;
//   wrong   an unmutated encoding did not decode back to its value.

import { encode, decode, MAX_MESSAGE_BYTES, type DecodeResult, type FdCloser } from '../runtime/actor/ipc/codec';
import type { IpcLeaf, IpcValue } from '../runtime/actor/ipc/value';

/** xorshift32: fast, seedable, good enough to pick mutations. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  below(n: number): number {
    return this.next() % n;
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.next() & 255;
    return out;
  }
}

function randomLeaf(r: Random): IpcLeaf {
  switch (r.below(7)) {
    case 0: return r.below(2) === 0;
    case 1: return [0, -0, NaN, Infinity, -Infinity, 1e300, -5e-324][r.below(7)];
    case 2: return (r.next() - 2 ** 31) / (1 + r.below(1000));
    case 3: return r.bytes(r.below(4) === 0 ? 255 : r.below(16));
    case 4: return { kind: 'fd', fd: 0 };
    case 5: return { kind: 'address', fd: 0 };
    default: return r.bytes(r.below(256));
  }
}

/** A random valid value (descriptor numbers are placeholders). */
export function randomValue(r: Random): IpcValue {
  if (r.below(4) === 0) return randomLeaf(r);
  const count = 1 + r.below(20);
  const keys: Uint8Array[] = [];
  const values: IpcLeaf[] = [];
  for (let i = 0; i < count; i++) {
    // Unique by construction: the index leads the key.
    const key = r.bytes(1 + r.below(r.below(8) === 0 ? 254 : 12));
    key[0] = i;
    keys.push(key);
    values.push(randomLeaf(r));
  }
  return { kind: 'object', keys, values };
}

export interface Sample {
  readonly bytes: Uint8Array;
  readonly fdCount: number;
  /** Set for unmutated encodings: what decode() must give back. */
  readonly expected?: IpcValue;
}

export function corpus(r: Random, size: number): Sample[] {
  const out: Sample[] = [];
  while (out.length < size) {
    const value = randomValue(r);
    const encoded = encode(value);
    if (!encoded.ok) throw new Error(`corpus: ${encoded.failure.detail}`);
    out.push({ bytes: encoded.bytes, fdCount: encoded.fds.length, expected: value });
  }
  return out;
}

/** One fuzz input: bytes and how many descriptors go with them. */
export function mutate(r: Random, samples: readonly Sample[]): Sample {
  const base = samples[r.below(samples.length)];
  const fdCount = () => (r.below(3) === 0 ? r.below(26) : base.fdCount);
  switch (r.below(8)) {
    case 0: {
      // Random bytes, sometimes past the size limit.
      const n = r.below(16) === 0 ? MAX_MESSAGE_BYTES - 8 + r.below(16) : r.below(300);
      const bytes = r.bytes(n);
      if (n > 0 && r.below(2) === 0) bytes[0] = 1;
      return { bytes, fdCount: r.below(26) };
    }
    case 1: {
      const bytes = base.bytes.slice();
      for (let k = 1 + r.below(8); k > 0; k--) {
        const i = r.below(bytes.length);
        bytes[i] ^= 1 << r.below(8);
      }
      return { bytes, fdCount: fdCount() };
    }
    case 2:
      return { bytes: base.bytes.slice(0, r.below(base.bytes.length)), fdCount: fdCount() };
    case 3: {
      const other = samples[r.below(samples.length)].bytes;
      const a = r.below(base.bytes.length + 1);
      const b = r.below(other.length + 1);
      const bytes = new Uint8Array(a + other.length - b);
      bytes.set(base.bytes.subarray(0, a));
      bytes.set(other.subarray(b), a);
      return { bytes, fdCount: r.below(26) };
    }
    case 4: {
      const bytes = base.bytes.slice();
      for (let k = 1 + r.below(4); k > 0; k--) bytes[r.below(bytes.length)] = r.next() & 255;
      return { bytes, fdCount: fdCount() };
    }
    case 5: {
      // Insert or delete a run of bytes.
      const at = r.below(base.bytes.length + 1);
      const run = 1 + r.below(8);
      if (r.below(2) === 0) {
        const bytes = new Uint8Array(base.bytes.length + run);
        bytes.set(base.bytes.subarray(0, at));
        bytes.set(r.bytes(run), at);
        bytes.set(base.bytes.subarray(at), at + run);
        return { bytes, fdCount: fdCount() };
      }
      const bytes = new Uint8Array(Math.max(0, base.bytes.length - run));
      bytes.set(base.bytes.subarray(0, at).subarray(0, bytes.length));
      if (at < bytes.length) bytes.set(base.bytes.subarray(at + run, at + run + bytes.length - at), at);
      return { bytes, fdCount: fdCount() };
    }
    default:
      return base;
  }
}

export interface Tally {
  messages: number;
  decoded: number;
  closedCapability: number;
  errors: Record<string, number>;
  crashes: number;
  leaks: number;
  doubles: number;
  wrong: number;
  /** The first few problems, for the report. */
  problems: string[];
}

export function newTally(): Tally {
  return { messages: 0, decoded: 0, closedCapability: 0, errors: {}, crashes: 0, leaks: 0, doubles: 0, wrong: 0, problems: [] };
}

function descriptorsOf(value: IpcValue): number[] {
  const out: number[] = [];
  const visit = (v: IpcLeaf) => {
    if (typeof v === 'object' && !(v instanceof Uint8Array)) out.push(v.fd);
  };
  if (typeof value === 'object' && !(value instanceof Uint8Array) && value.kind === 'object') value.values.forEach(visit);
  else visit(value as IpcLeaf);
  return out;
}

function sameValue(a: IpcValue, b: IpcValue): boolean {
  const same = (x: unknown, y: unknown): boolean => {
    if (typeof x === 'number' && typeof y === 'number') return Object.is(x, y);
    if (x instanceof Uint8Array && y instanceof Uint8Array) return x.length === y.length && x.every((c, i) => c === y[i]);
    if (typeof x === 'object' && typeof y === 'object' && x !== null && y !== null) {
      return (x as { kind: string }).kind === (y as { kind: string }).kind;
    }
    return x === y;
  };
  if (typeof a === 'object' && !(a instanceof Uint8Array) && a.kind === 'object') {
    if (typeof b !== 'object' || b instanceof Uint8Array || b.kind !== 'object' || a.keys.length !== b.keys.length) return false;
    return a.keys.every((k, i) => same(k, b.keys[i]) && same(a.values[i], b.values[i]));
  }
  return same(a, b);
}

function problem(t: Tally, text: string): void {
  if (t.problems.length < 10) t.problems.push(text);
}

/**
 * Checks one decode() outcome: `given` are the descriptors passed in,
 * `closed` what the closer received, in order.
 */
export function check(t: Tally, sample: Sample, given: readonly number[], closed: readonly number[], result: DecodeResult | Error): void {
  t.messages++;
  if (result instanceof Error) {
    t.crashes++;
    problem(t, `threw ${result.message} on ${Buffer.from(sample.bytes).toString('hex').slice(0, 80)}`);
    return;
  }
  let returned: number[] = [];
  if (result.type === 'message') {
    t.decoded++;
    returned = descriptorsOf(result.value);
    if (sample.expected !== undefined && sample.fdCount === given.length && !sameValue(sample.expected, result.value)) {
      t.wrong++;
      problem(t, `round trip changed ${Buffer.from(sample.bytes).toString('hex').slice(0, 80)}`);
    }
  } else if (result.type === 'closed') {
    t.closedCapability++;
  } else if (result.type === 'error') {
    t.errors[result.error.reason] = (t.errors[result.error.reason] ?? 0) + 1;
  } else {
    t.crashes++;
    problem(t, `unknown result ${JSON.stringify(result)}`);
    return;
  }
  const seen = new Map<number, number>();
  for (const fd of [...returned, ...closed]) seen.set(fd, (seen.get(fd) ?? 0) + 1);
  for (const fd of given) {
    const n = seen.get(fd) ?? 0;
    if (n === 0) {
      t.leaks++;
      problem(t, `descriptor ${fd} leaked (${result.type})`);
    } else if (n > 1) {
      t.doubles++;
      problem(t, `descriptor ${fd} owned ${n} times (${result.type})`);
    }
    seen.delete(fd);
  }
  if (seen.size > 0) {
    t.doubles++;
    problem(t, `closed or returned descriptors never given: ${[...seen.keys()].join(',')}`);
  }
}

/** Decodes `sample` with `fds` and the closer; catches what decode() should never throw. */
export function runOne(sample: Sample, fds: readonly number[], close: FdCloser): DecodeResult | Error {
  try {
    return decode(sample.bytes, fds, close);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

/**
 * The fake-descriptor run: `count` messages, descriptor numbers never
 * reused. Returns the tally and the seconds spent inside decode() alone.
 */
export function fuzzFake(seed: number, count: number): { tally: Tally; decodeSeconds: number } {
  const r = new Random(seed);
  const samples = corpus(r, 512);
  const tally = newTally();
  let nextFd = 1000;
  let decodeNs = 0n;
  const BATCH = 256;
  const inputs: Sample[] = [];
  const fdLists: number[][] = [];
  const closedLists: number[][] = [];
  const results: Array<DecodeResult | Error> = [];
  for (let done = 0; done < count; done += BATCH) {
    const n = Math.min(BATCH, count - done);
    inputs.length = fdLists.length = closedLists.length = results.length = 0;
    for (let i = 0; i < n; i++) {
      const sample = mutate(r, samples);
      inputs.push(sample);
      fdLists.push(Array.from({ length: sample.fdCount }, () => nextFd++));
      closedLists.push([]);
    }
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      const closed = closedLists[i];
      results.push(runOne(inputs[i], fdLists[i], (fd) => void closed.push(fd)));
    }
    decodeNs += process.hrtime.bigint() - start;
    for (let i = 0; i < n; i++) check(tally, inputs[i], fdLists[i], closedLists[i], results[i]);
  }
  return { tally, decodeSeconds: Number(decodeNs) / 1e9 };
}

/**
 * The real-descriptor run: each message gets `sample.fdCount` real
 * descriptors from `openFds`; the closer records and really closes, and the
 * descriptors a message returns are closed after the check. The caller
 * compares /proc/self/fd before and after.
 */
export function fuzzReal(
  seed: number, count: number, openFds: (n: number) => number[], closeFd: (fd: number) => void,
): Tally {
  const r = new Random(seed);
  const samples = corpus(r, 256);
  const tally = newTally();
  for (let i = 0; i < count; i++) {
    const sample = mutate(r, samples);
    const fds = openFds(sample.fdCount);
    const closed: number[] = [];
    const result = runOne(sample, fds, (fd) => {
      closed.push(fd);
      closeFd(fd);
    });
    check(tally, sample, fds, closed, result);
    if (!(result instanceof Error) && result.type === 'message') descriptorsOf(result.value).forEach(closeFd);
  }
  return tally;
}
