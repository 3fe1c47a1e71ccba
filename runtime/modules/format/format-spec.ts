// Parser for libfmt's replacement fields and format-spec mini-language:
//   {[arg_id][:[[fill]align][sign][#][0][width][.precision][L][type]]}
// It only checks syntax; whether a spec suits its argument is decided by the
// formatter, which knows the argument's type. Text is a byte string.

import { codePointLength } from './text-width';

/** Errors raised by format(); the message is what the Lua caller sees. */
export class FormatError extends Error {
  constructor(message: string) {
    super(`format: ${message}`);
    this.name = 'FormatError';
  }
}

export type ArgRef =
  | { kind: 'auto' }
  | { kind: 'index'; index: number }
  | { kind: 'name'; name: string };

export type Align = 'none' | 'left' | 'right' | 'center' | 'numeric';

export interface FormatSpec {
  fill: string;
  align: Align;
  sign: '' | '+' | '-' | ' ';
  alt: boolean;
  zero: boolean;
  /** 0 when absent. */
  width: number | ArgRef;
  /** -1 when absent. */
  precision: number | ArgRef;
  localized: boolean;
  /** '' when absent. */
  type: string;
}

const ALIGNS: Record<string, Align> = { '<': 'left', '>': 'right', '^': 'center' };
const TYPES = 'aAbBcdeEfFgGopsxX?';
const INT_MAX = 2147483647;

const isDigit = (c: string) => c >= '0' && c <= '9';
const isNameStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';

function parseInteger(text: string, pos: number): [number, number] {
  let value = 0;
  while (pos < text.length && isDigit(text[pos])) {
    value = value * 10 + (text.charCodeAt(pos) - 48);
    if (value > INT_MAX) throw new FormatError('number is too big');
    pos++;
  }
  return [value, pos];
}

/** Parses an arg_id at `pos`; an empty id (next char '}' or ':') means automatic. */
export function parseArgId(text: string, pos: number): [ArgRef, number] {
  const c = text[pos] ?? '';
  if (c === '}' || c === ':') return [{ kind: 'auto' }, pos];
  if (isDigit(c)) {
    // libfmt rejects leading zeros such as {01}.
    const [index, end] = c === '0' ? [0, pos + 1] : parseInteger(text, pos);
    const next = text[end];
    if (next !== '}' && next !== ':') throw new FormatError('invalid format string');
    return [{ kind: 'index', index }, end];
  }
  if (!isNameStart(c)) throw new FormatError('invalid format string');
  let end = pos + 1;
  while (end < text.length && (isNameStart(text[end]) || isDigit(text[end]))) end++;
  return [{ kind: 'name', name: text.slice(pos, end) }, end];
}

// A nested field such as the `{}` in `{:{}}`: only an arg_id is allowed.
function parseNested(text: string, pos: number): [ArgRef, number] {
  const [ref, end] = parseArgId(text, pos + 1);
  if (text[end] !== '}') throw new FormatError('invalid format string');
  return [ref, end + 1];
}

/** The spec of a field without one, such as `{}`. */
export function emptySpec(): FormatSpec {
  return {
    fill: ' ', align: 'none', sign: '', alt: false, zero: false,
    width: 0, precision: -1, localized: false, type: '',
  };
}

/**
 * Parses the spec that starts at `pos` (just after ':') and returns it with
 * the index of the closing '}'.
 */
export function parseSpec(text: string, pos: number): [FormatSpec, number] {
  const spec = emptySpec();
  let i = pos;
  const fillLength = i < text.length ? codePointLength(text, i) : 1;
  if (i < text.length && text[i] !== '}' && ALIGNS[text[i + fillLength]]) {
    if (text[i] === '{') throw new FormatError("invalid fill character '{'");
    spec.fill = text.slice(i, i + fillLength);
    spec.align = ALIGNS[text[i + fillLength]];
    i += fillLength + 1;
  } else if (ALIGNS[text[i]]) {
    spec.align = ALIGNS[text[i++]];
  }
  if (text[i] === '+' || text[i] === '-' || text[i] === ' ') spec.sign = text[i++] as '+' | '-' | ' ';
  if (text[i] === '#') {
    spec.alt = true;
    i++;
  }
  if (text[i] === '0') {
    spec.zero = true;
    i++;
    // Sign-aware zero padding, unless an explicit alignment was given.
    if (spec.align === 'none') {
      spec.align = 'numeric';
      spec.fill = '0';
    }
  }
  if (i < text.length && text[i] >= '1' && text[i] <= '9') [spec.width, i] = parseInteger(text, i);
  else if (text[i] === '{') [spec.width, i] = parseNested(text, i);
  if (text[i] === '.') {
    i++;
    if (i < text.length && isDigit(text[i])) [spec.precision, i] = parseInteger(text, i);
    else if (text[i] === '{') [spec.precision, i] = parseNested(text, i);
    else throw new FormatError('missing precision specifier');
  }
  if (text[i] === 'L') {
    spec.localized = true;
    i++;
  }
  if (i < text.length && TYPES.includes(text[i])) spec.type = text[i++];
  if (i >= text.length) throw new FormatError("missing '}' in format string");
  if (text[i] !== '}') throw new FormatError('invalid format specifier');
  return [spec, i];
}
