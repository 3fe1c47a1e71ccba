// Primitive (de)serialisation behind byte_span's get_*/set_* methods: integers
// of 8 to 48 bits and IEEE floats, big or little endian, unaligned. Numbers are
// doubles, which hold every 48-bit integer exactly. A span of any other size
// than the format's width is EINVAL on argument 1, as in Emilua.

import { ByteSpan, ByteSpanError } from './byte-span';

export interface PrimitiveFormat {
  /** Method suffix: u16be, i8, f64le... */
  readonly name: string;
  readonly width: number;
  readonly kind: 'unsigned' | 'signed' | 'float';
  readonly littleEndian: boolean;
}

function integerFormats(): PrimitiveFormat[] {
  const formats: PrimitiveFormat[] = [];
  for (const width of [2, 3, 4, 5, 6]) {
    for (const kind of ['unsigned', 'signed'] as const) {
      for (const littleEndian of [false, true]) {
        const name = `${kind === 'unsigned' ? 'u' : 'i'}${width * 8}${littleEndian ? 'le' : 'be'}`;
        formats.push({ name, width, kind, littleEndian });
      }
    }
  }
  formats.push({ name: 'i8', width: 1, kind: 'signed', littleEndian: false });
  return formats;
}

function floatFormats(): PrimitiveFormat[] {
  return [4, 8].flatMap((width) => [false, true].map((littleEndian) => ({
    name: `f${width * 8}${littleEndian ? 'le' : 'be'}`,
    width,
    kind: 'float' as const,
    littleEndian,
  })));
}

/** Every format Emilua has: no 64-bit integers, and no u8 (index the span instead). */
export const PRIMITIVE_FORMATS: readonly PrimitiveFormat[] = [...integerFormats(), ...floatFormats()];

/** The byte order within a field: index of the k-th most significant byte. */
function byteIndex(format: PrimitiveFormat, k: number): number {
  return format.littleEndian ? format.width - 1 - k : k;
}

/** A span of the wrong size for `format` is EINVAL on argument 1 (self). */
export function requireWidth(format: PrimitiveFormat, length: number): void {
  if (length !== format.width) throw new ByteSpanError('EINVAL', 1);
}

/** Decodes exactly format.width bytes. */
export function decode(format: PrimitiveFormat, bytes: Uint8Array): number {
  requireWidth(format, bytes.length);
  if (format.kind === 'float') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    return format.width === 4 ? view.getFloat32(0, format.littleEndian) : view.getFloat64(0, format.littleEndian);
  }
  let value = 0;
  for (let k = 0; k < format.width; k++) value = value * 256 + bytes[byteIndex(format, k)];
  if (format.kind === 'signed') {
    const modulus = 2 ** (8 * format.width);
    if (value >= modulus / 2) value -= modulus;
  }
  return value;
}

/**
 * The integer C gets when it converts `n` to a `width`-byte two's-complement
 * field: truncated toward zero, then reduced modulo 2^(8*width). Signedness
 * does not change the stored bits. NaN and infinities store 0.
 */
export function wrapInteger(n: number, width: number): number {
  const whole = Math.trunc(n);
  if (!Number.isFinite(whole)) return 0;
  const modulus = 2 ** (8 * width);
  // fmod is exact on doubles, and |rest| < modulus <= 2^48 keeps the sum exact.
  const rest = whole % modulus;
  return rest < 0 ? rest + modulus : rest;
}

/** Encodes `value` into exactly format.width bytes. */
export function encode(format: PrimitiveFormat, bytes: Uint8Array, value: number): void {
  requireWidth(format, bytes.length);
  if (format.kind === 'float') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    if (format.width === 4) view.setFloat32(0, value, format.littleEndian);
    else view.setFloat64(0, value, format.littleEndian);
    return;
  }
  let rest = wrapInteger(value, format.width);
  for (let k = format.width - 1; k >= 0; k--) {
    const low = rest % 256;
    bytes[byteIndex(format, k)] = low;
    rest = (rest - low) / 256;
  }
}

export function getPrimitive(span: ByteSpan, format: PrimitiveFormat): number {
  return decode(format, span.bytes);
}

export function setPrimitive(span: ByteSpan, format: PrimitiveFormat, value: number): void {
  encode(format, span.bytes, value);
}
