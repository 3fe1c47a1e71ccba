// The byte_span data structure, its octet searches and the primitive
// (de)serialisation, without a Lua VM. Expected values follow Emilua's
// byte_span reference page (1-based indices, Go-slice sharing) and C's
// integer conversions for the set_* family.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ByteSpan, ByteSpanError } from '../../runtime/io/byte-span/byte-span';
import * as search from '../../runtime/io/byte-span/byte-search';
import {
  PRIMITIVE_FORMATS, PrimitiveFormat, decode, encode, wrapInteger,
} from '../../runtime/io/byte-span/serialization';

const enc = new TextEncoder();
const dec = new TextDecoder('latin1');
const b = (text: string) => enc.encode(text);
const span = (text: string) => ByteSpan.fromBytes(b(text));
const text = (s: ByteSpan) => dec.decode(s.bytes);

function throwsErrno(fn: () => unknown, errno: string, arg?: number): void {
  try {
    fn();
  } catch (err) {
    assert.instance(err, ByteSpanError);
    assert.is((err as ByteSpanError).errno, errno);
    assert.is((err as ByteSpanError).arg, arg);
    return;
  }
  assert.unreachable(`expected ${errno}`);
}

function format(name: string): PrimitiveFormat {
  const found = PRIMITIVE_FORMATS.find((f) => f.name === name);
  if (!found) throw new Error(`no format ${name}`);
  return found;
}

// --- construction -----------------------------------------------------------

test('allocate: length, capacity and zeroed memory', () => {
  const s = ByteSpan.allocate(3, 10);
  assert.is(s.length, 3);
  assert.is(s.capacity, 10);
  assert.equal([...s.bytes], [0, 0, 0]);
  assert.is(ByteSpan.allocate(5).capacity, 5);
  assert.is(ByteSpan.allocate(0).capacity, 0);
});

test('allocate: negative sizes and length above capacity are EINVAL', () => {
  throwsErrno(() => ByteSpan.allocate(-1), 'EINVAL');
  throwsErrno(() => ByteSpan.allocate(2, 1), 'EINVAL');
  throwsErrno(() => ByteSpan.allocate(0, -1), 'EINVAL');
  throwsErrno(() => ByteSpan.allocate(1.5), 'EINVAL');
});

test('concat: parts back to back, capacity exactly the total', () => {
  const s = ByteSpan.concat([b('ab'), new Uint8Array(0), Uint8Array.of(0, 255)]);
  assert.equal([...s.bytes], [97, 98, 0, 255]);
  assert.is(s.capacity, 4);
  assert.is(ByteSpan.concat([]).length, 0);
});

// --- slicing and sharing ------------------------------------------------------

test('sub: defaults, sharing and growth up to the capacity', () => {
  const s = ByteSpan.allocate(4, 8);
  s.fill(7);
  const whole = s.sub();
  assert.is(whole.length, 4);
  assert.is(whole.capacity, 8);
  const grown = s.sub(3, 8);
  assert.is(grown.length, 6);
  assert.is(grown.capacity, 6);
  grown.setAt(1, 42);
  assert.is(s.at(3), 42);
  assert.ok(grown.sharesMemoryWith(s));
  const empty = s.sub(9, 8);
  assert.is(empty.length, 0);
  assert.is(empty.capacity, 0);
});

test('sub: invalid ranges are ERANGE', () => {
  const s = ByteSpan.allocate(1, 3);
  throwsErrno(() => s.sub(0), 'ERANGE');
  throwsErrno(() => s.sub(-1), 'ERANGE');
  throwsErrno(() => s.sub(3), 'ERANGE'); // end defaults to #s = 1
  throwsErrno(() => s.sub(3, 1), 'ERANGE');
  throwsErrno(() => s.sub(1, 4), 'ERANGE');
  assert.is(s.sub(2, 1).length, 0);
});

test('first and last', () => {
  const s = ByteSpan.fromBytes(Uint8Array.of(1, 2, 3, 4)).first(4);
  assert.equal([...s.first(3).bytes], [1, 2, 3]);
  assert.is(s.first(3).capacity, 4);
  const wide = ByteSpan.allocate(2, 5);
  assert.is(wide.first(5).length, 5);
  throwsErrno(() => wide.first(6), 'ERANGE');
  throwsErrno(() => wide.first(-1), 'ERANGE');
  const last = s.last(3);
  assert.equal([...last.bytes], [2, 3, 4]);
  assert.is(last.capacity, 3);
  assert.is(s.last(4), s);
  assert.is(s.last(0).length, 0);
  throwsErrno(() => s.last(5), 'ERANGE');
});

test('copyFrom: min length, overlap-safe', () => {
  const s = span('abcdef');
  assert.is(s.copyFrom(b('XY')), 2);
  assert.is(text(s), 'XYcdef');
  assert.is(s.first(2).copyFrom(b('123456')), 2);
  assert.is(text(s), '12cdef');
  // Overlapping forward and backward moves inside one allocation.
  assert.is(s.sub(2).copyFrom(s.bytes), 5);
  assert.is(text(s), '112cde');
  assert.is(s.copyFrom(s.sub(3).bytes), 4);
  assert.is(text(s), '2cdede');
});

test('append: in place within the capacity, shared memory', () => {
  const base = ByteSpan.allocate(2, 6);
  base.copyFrom(b('ab'));
  const grown = base.append([b('cd'), new Uint8Array(0)]);
  assert.is(text(grown), 'abcd');
  assert.is(grown.capacity, 6);
  assert.ok(grown.sharesMemoryWith(base));
  // A second append from the short span overwrites the same bytes.
  const other = base.append([b('XY')]);
  assert.is(text(grown), 'abXY');
  assert.is(text(other), 'abXY');
  assert.is(base.append([]), base);
});

test('append: beyond the capacity allocates exactly the total', () => {
  const base = span('ab');
  const grown = base.append([b('cde')]);
  assert.is(text(grown), 'abcde');
  assert.is(grown.capacity, 5);
  assert.not.ok(grown.sharesMemoryWith(base));
  grown.setAt(1, 0x7a);
  assert.is(text(base), 'ab');
});

test('append: a part that aliases the destination is read before writing', () => {
  const base = ByteSpan.allocate(3, 9);
  base.copyFrom(b('abc'));
  const tail = base.sub(1, 6); // 'abc' plus three bytes about to be written
  const grown = base.append([tail.bytes]);
  assert.is(text(grown), 'abcabc\0\0\0');
});

test('fill keeps the low byte and stays within the length', () => {
  const s = ByteSpan.allocate(2, 4);
  assert.is(s.fill(-1), s);
  assert.equal([...s.sub(1, 4).bytes], [255, 255, 0, 0]);
  s.fill(0x141);
  assert.equal([...s.bytes], [0x41, 0x41]);
});

test('at / setAt: 1-based, byte values only', () => {
  const s = ByteSpan.fromBytes(Uint8Array.of(0, 255));
  assert.is(s.at(1), 0);
  assert.is(s.at(2), 255);
  throwsErrno(() => s.at(0), 'ERANGE');
  throwsErrno(() => s.at(3), 'ERANGE');
  throwsErrno(() => s.at(NaN), 'ERANGE');
  throwsErrno(() => s.setAt(1, 256), 'ERANGE');
  throwsErrno(() => s.setAt(1, -1), 'ERANGE');
  throwsErrno(() => s.setAt(3, 1), 'ERANGE');
  s.setAt(1, 128);
  assert.is(s.at(1), 128);
});

test('equals compares bytes, not memory', () => {
  assert.ok(span('abc').equals(span('abc')));
  assert.ok(span('abc').equals(b('abc')));
  assert.not.ok(span('abc').equals(span('abd')));
  assert.not.ok(span('abc').equals(span('ab')));
  assert.ok(ByteSpan.allocate(0).equals(ByteSpan.allocate(0, 5)));
});

// --- string algorithms ----------------------------------------------------------

test('starts_with / ends_with', () => {
  const s = span('hello world');
  assert.ok(s.startsWith(b('hello')));
  assert.ok(s.startsWith(b('')));
  assert.not.ok(s.startsWith(b('world')));
  assert.ok(s.endsWith(b('world')));
  assert.not.ok(s.endsWith(b('hello world!')));
});

test('find: 1-based, optional start, one past the end finds nothing', () => {
  const s = span('abcabc');
  assert.is(s.find(b('bc')), 2);
  assert.is(s.find(b('bc'), 3), 5);
  assert.is(s.find(b('bc'), 6), undefined);
  assert.is(s.find(b('x')), undefined);
  assert.is(s.find(b(''), 4), 4);
  assert.is(s.find(b(''), 7), undefined);
  throwsErrno(() => s.find(b('a'), 0), 'ERANGE');
  throwsErrno(() => s.find(b('a'), 8), 'ERANGE');
});

test('rfind: the last match starting at or before end_', () => {
  const s = span('abcabc');
  assert.is(s.rfind(b('abc')), 4);
  assert.is(s.rfind(b('abc'), 3), 1);
  assert.is(s.rfind(b('abc'), 4), 4);
  assert.is(s.rfind(b('c'), 2), undefined);
  assert.is(s.rfind(b(''), 5), 5);
  assert.is(s.rfind(b('a'), 0), undefined);
  assert.is(s.rfind(b('abcabcx')), undefined);
  throwsErrno(() => s.rfind(b('a'), -1), 'ERANGE');
  throwsErrno(() => s.rfind(b('a'), 7), 'ERANGE');
});

test('find_first_of / find_last_of / *_not_of', () => {
  const s = span('  key = value ;');
  assert.is(s.findFirstOf(b('=;')), 7);
  assert.is(s.findFirstOf(b('=;'), 8), 15);
  assert.is(s.findFirstOf(b('')), undefined);
  assert.is(s.findLastOf(b('ke')), 13);
  assert.is(s.findLastOf(b('k'), 2), undefined);
  assert.is(s.findFirstNotOf(b(' ')), 3);
  assert.is(s.findFirstNotOf(b(''), 5), 5);
  assert.is(s.findLastNotOf(b(' ;')), 13);
  assert.is(s.findLastNotOf(b(' '), 2), undefined);
  assert.is(span('aaa').findFirstNotOf(b('a')), undefined);
  throwsErrno(() => s.findLastOf(b('a'), 16), 'ERANGE');
  throwsErrno(() => s.findFirstNotOf(b('a'), 0), 'ERANGE');
});

test('byte-search works on binary octets', () => {
  const hay = Uint8Array.of(0, 255, 0, 255, 1);
  assert.is(search.indexOf(hay, Uint8Array.of(255, 0), 0), 1);
  assert.is(search.lastIndexOf(hay, Uint8Array.of(0, 255), 4), 2);
  assert.is(search.findFirstOf(hay, Uint8Array.of(1), 0), 4);
  assert.is(search.findLastNotOf(hay, Uint8Array.of(1, 255), 4), 2);
  assert.is(search.indexOf(hay, Uint8Array.of(1, 2), 0), search.NOT_FOUND);
});

test('trimmed: default whitespace, custom set, shared memory', () => {
  const s = span(' \t\r\n\v\fmid dle\f ');
  const t = s.trimmed();
  assert.is(text(t), 'mid dle');
  assert.ok(t.sharesMemoryWith(s));
  assert.is(t.capacity, s.capacity - 6);
  t.setAt(1, 0x4d);
  assert.is(s.at(7), 0x4d);
  assert.is(text(span('xxaxx').trimmed(b('x'))), 'a');
  const blank = span('   ').trimmed();
  assert.is(blank.length, 0);
  assert.is(blank.capacity, 0);
  assert.is(text(span('a').trimmed(b(''))), 'a');
});

test('lowerInPlace / upperInPlace: ASCII letters only', () => {
  const s = ByteSpan.concat([b('/AaZz@[`{'), Uint8Array.of(0xc0, 0xe0)]);
  s.lowerInPlace();
  assert.equal([...s.bytes], [...b('/aazz@[`{'), 0xc0, 0xe0]);
  s.upperInPlace();
  assert.equal([...s.bytes], [...b('/AAZZ@[`{'), 0xc0, 0xe0]);
  const wide = ByteSpan.allocate(1, 2);
  wide.sub(1, 2).copyFrom(b('ab'));
  wide.upperInPlace();
  assert.is(text(wide.sub(1, 2)), 'Ab');
});

// --- primitive (de)serialisation ----------------------------------------------

test('every Emilua format is there, and only those', () => {
  const names = PRIMITIVE_FORMATS.map((f) => f.name).sort();
  const expected: string[] = ['i8'];
  for (const bits of [16, 24, 32, 40, 48]) {
    for (const sign of ['u', 'i']) for (const order of ['be', 'le']) expected.push(`${sign}${bits}${order}`);
  }
  for (const bits of [32, 64]) for (const order of ['be', 'le']) expected.push(`f${bits}${order}`);
  assert.equal(names, expected.sort());
});

test('decode: byte order and sign', () => {
  assert.is(decode(format('u16be'), Uint8Array.of(1, 2)), 0x0102);
  assert.is(decode(format('u16le'), Uint8Array.of(1, 2)), 0x0201);
  assert.is(decode(format('u24be'), Uint8Array.of(0xff, 0, 1)), 0xff0001);
  assert.is(decode(format('i24be'), Uint8Array.of(0xff, 0, 1)), 0xff0001 - 2 ** 24);
  assert.is(decode(format('u32le'), Uint8Array.of(0xfe, 0xff, 0xff, 0xff)), 4294967294);
  assert.is(decode(format('i32le'), Uint8Array.of(0xfe, 0xff, 0xff, 0xff)), -2);
  assert.is(decode(format('u40be'), Uint8Array.of(0x80, 0, 0, 0, 0)), 2 ** 39);
  assert.is(decode(format('i40be'), Uint8Array.of(0x80, 0, 0, 0, 0)), -(2 ** 39));
  assert.is(decode(format('u48le'), new Uint8Array(6).fill(255)), 2 ** 48 - 1);
  assert.is(decode(format('i48le'), new Uint8Array(6).fill(255)), -1);
  assert.is(decode(format('i8'), Uint8Array.of(0x80)), -128);
  assert.is(decode(format('i8'), Uint8Array.of(0x7f)), 127);
});

test('encode/decode round trips past 2^31, in both byte orders', () => {
  const values: Array<[string, number]> = [
    ['u32be', 2 ** 32 - 1], ['u32le', 2 ** 31 + 7], ['i32be', -(2 ** 31)], ['i32le', 2 ** 31 - 1],
    ['u40be', 2 ** 40 - 2], ['i40le', -(2 ** 39) + 3], ['u48be', 2 ** 47 + 5], ['u48le', 2 ** 47 + 5],
    ['i48be', 2 ** 47 - 1], ['i48le', -(2 ** 47 + 5) + 10], ['i48be', -(2 ** 47)], ['i16le', -300],
    ['u24le', 0xabcdef], ['i8', -1],
  ];
  for (const [name, value] of values) {
    const f = format(name);
    const bytes = new Uint8Array(f.width);
    encode(f, bytes, value);
    assert.is(decode(f, bytes), value, name);
  }
});

test('encode: exact bytes for 2^47 + 5', () => {
  const bytes = new Uint8Array(6);
  encode(format('u48be'), bytes, 2 ** 47 + 5);
  assert.equal([...bytes], [0x80, 0, 0, 0, 0, 5]);
  encode(format('i48le'), bytes, 2 ** 47 + 5);
  assert.equal([...bytes], [5, 0, 0, 0, 0, 0x80]);
  assert.is(decode(format('i48le'), bytes), 2 ** 47 + 5 - 2 ** 48);
});

test('wrapInteger: C conversion to an N-byte field', () => {
  assert.is(wrapInteger(65536 + 3, 2), 3);
  assert.is(wrapInteger(-1, 2), 0xffff);
  assert.is(wrapInteger(-1, 6), 2 ** 48 - 1);
  assert.is(wrapInteger(2 ** 48 + 9, 6), 9);
  assert.is(wrapInteger(2 ** 60 + 2 ** 20, 6), 2 ** 20);
  assert.is(wrapInteger(3.9, 1), 3);
  assert.is(wrapInteger(-3.9, 1), 253);
  assert.is(wrapInteger(NaN, 4), 0);
  assert.is(wrapInteger(Infinity, 4), 0);
});

test('floats: IEEE layout, f32 rounding', () => {
  const four = new Uint8Array(4);
  encode(format('f32be'), four, 1);
  assert.equal([...four], [0x3f, 0x80, 0, 0]);
  encode(format('f32le'), four, -2.5);
  assert.equal([...four], [0, 0, 0x20, 0xc0]);
  encode(format('f32be'), four, 0.1);
  assert.is(decode(format('f32be'), four), Math.fround(0.1));
  const eight = new Uint8Array(8);
  encode(format('f64le'), eight, 0.1);
  assert.is(decode(format('f64le'), eight), 0.1);
  assert.equal([...eight], [0x9a, 0x99, 0x99, 0x99, 0x99, 0x99, 0xb9, 0x3f]);
  encode(format('f64be'), eight, -Infinity);
  assert.is(decode(format('f64be'), eight), -Infinity);
  encode(format('f32le'), four, NaN);
  assert.ok(Number.isNaN(decode(format('f32le'), four)));
});

test('size mismatch is EINVAL on argument 1', () => {
  for (const f of PRIMITIVE_FORMATS) {
    throwsErrno(() => decode(f, new Uint8Array(f.width + 1)), 'EINVAL', 1);
    throwsErrno(() => encode(f, new Uint8Array(f.width - 1), 0), 'EINVAL', 1);
  }
});

test('decode reads unaligned views inside a larger allocation', () => {
  const s = ByteSpan.fromBytes(Uint8Array.of(9, 0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18, 9));
  assert.is(decode(format('f64be'), s.sub(2, 9).bytes), Math.PI);
  assert.is(decode(format('u16be'), s.sub(2, 3).bytes), 0x4009);
});

test.run();
