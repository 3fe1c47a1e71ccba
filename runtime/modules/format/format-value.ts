// Renders one argument under a parsed spec, following libfmt's rules for the
// C++ types Emilua hands it: bool, std::string_view, and a Lua number that
// becomes an int64_t when it is integral (else a double). Strings are byte
// strings (one JS char per byte).

import { exponential, fixed, general, hexadecimal } from './format-float';
import { FormatError, type FormatSpec } from './format-spec';
import { codePointLength, decodeCodePoint, displayWidth, takeCodePoints } from './text-width';

export type Value = boolean | number | string;

/** A spec whose dynamic width and precision have been looked up. */
export type ResolvedSpec = FormatSpec & { width: number; precision: number };

const INT_TYPES = 'dxXobBc';
const FLOAT_TYPES = 'eEfFgGaA';
const TWO_63 = 2 ** 63;
const view = new DataView(new ArrayBuffer(8));

/** Emilua's rule: an integral number in int64 range is an integer, else a double. */
export function isInteger(n: number): boolean {
  return Number.isInteger(n) && n >= -TWO_63 && n < TWO_63;
}

function describe(value: Value): string {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return isInteger(value) ? 'integer' : 'number';
}

function reject(value: Value, what: string): never {
  throw new FormatError(`${what} not allowed for ${describe(value)} argument`);
}

function pad(text: string, width: number, spec: ResolvedSpec, defaultAlign: 'left' | 'right'): string {
  const padding = spec.width - width;
  if (padding <= 0) return text;
  const align = spec.align === 'none' ? defaultAlign : spec.align;
  // libfmt right-aligns anything under the '0' flag ('numeric').
  const before = align === 'left' ? 0 : align === 'center' ? padding >> 1 : padding;
  return spec.fill.repeat(before) + text + spec.fill.repeat(padding - before);
}

// Numbers: sign and base prefix first; the '0' flag pads between them and the digits.
function padNumber(head: string, body: string, spec: ResolvedSpec): string {
  if (spec.align === 'numeric') {
    const zeros = Math.max(spec.width - head.length - body.length, 0);
    return head + '0'.repeat(zeros) + body;
  }
  return pad(head + body, head.length + body.length, spec, 'right');
}

function signOf(negative: boolean, spec: ResolvedSpec): string {
  if (negative) return '-';
  return spec.sign === '+' || spec.sign === ' ' ? spec.sign : '';
}

function formatInteger(n: bigint, spec: ResolvedSpec): string {
  const negative = n < 0n;
  const magnitude = negative ? -n : n;
  const type = spec.type;
  if (type === 'c') {
    // libfmt casts the absolute value to char.
    return pad(String.fromCharCode(Number(magnitude & 0xffn)), 1, spec, 'left');
  }
  const radix = type === 'x' || type === 'X' ? 16 : type === 'o' ? 8 : type === 'b' || type === 'B' ? 2 : 10;
  let digits = magnitude.toString(radix);
  if (type === 'X') digits = digits.toUpperCase();
  let prefix = '';
  if (spec.alt && radix !== 10) prefix = radix === 8 ? (magnitude === 0n ? '' : '0') : `0${type}`;
  return padNumber(signOf(negative, spec) + prefix, digits, spec);
}

function formatDouble(x: number, spec: ResolvedSpec): string {
  view.setFloat64(0, x);
  const negative = (view.getUint8(0) & 0x80) !== 0;
  const upper = spec.type === 'E' || spec.type === 'F' || spec.type === 'G' || spec.type === 'A';
  const sign = signOf(negative, spec);
  const magnitude = Math.abs(x);
  if (!Number.isFinite(x)) {
    // The '0' flag does not apply to inf and nan.
    const text = sign + (Number.isNaN(x) ? 'nan' : 'inf');
    const fill = spec.fill === '0' ? ' ' : spec.fill;
    return pad(upper ? text.toUpperCase() : text, text.length, { ...spec, fill }, 'right');
  }
  const p = spec.precision;
  let body: string;
  switch (spec.type) {
    case 'f': case 'F': body = fixed(magnitude, p < 0 ? 6 : p, spec.alt); break;
    case 'e': case 'E': body = exponential(magnitude, p < 0 ? 6 : p, spec.alt, upper); break;
    case 'g': case 'G': body = general(magnitude, p < 0 ? 6 : Math.max(p, 1), spec.alt, upper); break;
    case 'a': case 'A': body = hexadecimal(magnitude, p, spec.alt, upper); break;
    default: body = general(magnitude, p < 0 ? -1 : Math.max(p, 1), spec.alt, false);
  }
  return padNumber(sign, body, spec);
}

// libfmt's debug ('?') presentation: quoted, with C-style escapes; control
// characters and bytes that are not valid UTF-8 come out as \xNN.
function quote(s: string): string {
  const simple: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  let out = '"';
  for (let i = 0; i < s.length; ) {
    const length = codePointLength(s, i);
    const cp = decodeCodePoint(s, i, length);
    if (simple[s[i]]) out += simple[s[i]];
    else if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && (cp < 0xa0 || length === 1))) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else out += s.slice(i, i + length);
    i += length;
  }
  return out + '"';
}

function formatString(s: string, spec: ResolvedSpec): string {
  let text = spec.precision >= 0 ? takeCodePoints(s, spec.precision) : s;
  if (spec.type === '?') text = quote(text);
  return pad(text, displayWidth(text), spec, 'left');
}

function check(value: Value, spec: ResolvedSpec): 'int' | 'float' | 'text' {
  const { type } = spec;
  if (typeof value === 'string') {
    if (spec.sign || spec.alt || spec.zero || spec.localized) throw new FormatError('format specifier requires numeric argument');
    if (type !== '' && type !== 's' && type !== '?') reject(value, `type '${type}'`);
    return 'text';
  }
  if (typeof value === 'boolean') {
    if (spec.sign) reject(value, `sign '${spec.sign}'`);
    if (spec.precision >= 0) reject(value, 'precision');
    if (type === '' || type === 's') return 'text';
    if (type === 'c' || !INT_TYPES.includes(type)) reject(value, `type '${type}'`);
    return 'int';
  }
  if (type === 's' || type === '?' || type === 'p') reject(value, `type '${type}'`);
  if (INT_TYPES.includes(type) && type !== '') {
    if (!isInteger(value)) throw new FormatError(`type '${type}' needs an integral number, got ${value}`);
    if (spec.precision >= 0) reject(value, 'precision');
    return 'int';
  }
  // Integral numbers under a floating-point type or a precision are printed
  // as doubles (real libfmt would refuse, since Emilua passes an int64_t).
  if (isInteger(value) && type === '' && spec.precision < 0) return 'int';
  if (type !== '' && !FLOAT_TYPES.includes(type)) reject(value, `type '${type}'`);
  return 'float';
}

export function formatValue(value: Value, spec: ResolvedSpec): string {
  switch (check(value, spec)) {
    case 'text':
      return typeof value === 'string' ? formatString(value, spec) : formatString(String(value), spec);
    case 'int':
      return formatInteger(BigInt(typeof value === 'boolean' ? Number(value) : value), spec);
    case 'float':
      return formatDouble(value as number, spec);
  }
}
