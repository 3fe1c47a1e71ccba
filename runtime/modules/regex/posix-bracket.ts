// Bracket expressions of POSIX patterns, in the C locale: byte ranges by byte
// value, the character classes of <ctype.h> (plus libstdc++'s "w", "s", "d"),
// equivalence classes and collating elements of one byte. A backslash is an
// ordinary byte inside brackets, as POSIX says.

import { RegexError } from './error-category';
import { foldCase } from './ast';

type Pred = (c: number) => boolean;

const isUpper: Pred = (c) => c >= 0x41 && c <= 0x5a;
const isLower: Pred = (c) => c >= 0x61 && c <= 0x7a;
const isDigit: Pred = (c) => c >= 0x30 && c <= 0x39;
const isAlpha: Pred = (c) => isUpper(c) || isLower(c);
const isAlnum: Pred = (c) => isAlpha(c) || isDigit(c);
const isSpace: Pred = (c) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
const isPrint: Pred = (c) => c >= 0x20 && c <= 0x7e;
const isGraph: Pred = (c) => c > 0x20 && c <= 0x7e;

const CLASSES: Readonly<Record<string, Pred>> = {
  alnum: isAlnum,
  alpha: isAlpha,
  blank: (c) => c === 0x20 || c === 0x09,
  cntrl: (c) => c < 0x20 || c === 0x7f,
  digit: isDigit,
  graph: isGraph,
  lower: isLower,
  print: isPrint,
  punct: (c) => isGraph(c) && !isAlnum(c),
  space: isSpace,
  upper: isUpper,
  xdigit: (c) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66),
  w: (c) => isAlnum(c) || c === 0x5f,
  s: isSpace,
  d: isDigit,
};

export interface BracketResult {
  readonly set: Uint8Array;
  /** Index just past the closing ']'. */
  readonly next: number;
}

/** Reads `[:name:]`, `[=x=]` or `[.x.]` starting at `i` (on the '['); returns the name and the index past it. */
function readDelimited(src: Uint8Array, i: number, delim: number): { name: Uint8Array; next: number } {
  const start = i + 2;
  for (let j = start; j + 1 < src.length; j++) {
    if (src[j] === delim && src[j + 1] === 0x5d) return { name: src.subarray(start, j), next: j + 2 };
  }
  throw new RegexError('error_brack');
}

/** One byte from a collating element `[.x.]` or equivalence class `[=x=]`. */
function singleByte(name: Uint8Array): number {
  if (name.length !== 1) throw new RegexError('error_collate');
  return name[0];
}

/** Parses the bracket expression whose '[' is at `open`. */
export function parseBracket(src: Uint8Array, open: number, icase: boolean): BracketResult {
  const set = new Uint8Array(256);
  let i = open + 1;
  let negate = false;
  if (src[i] === 0x5e) { // ^
    negate = true;
    i++;
  }
  let first = true;
  for (;;) {
    if (i >= src.length) throw new RegexError('error_brack');
    const c = src[i];
    if (c === 0x5d && !first) { // ]
      i++;
      break;
    }
    first = false;
    let low: number;
    if (c === 0x5b && (src[i + 1] === 0x3a || src[i + 1] === 0x3d || src[i + 1] === 0x2e)) { // [: [= [.
      const kind = src[i + 1];
      const { name, next } = readDelimited(src, i, kind);
      i = next;
      if (kind === 0x3a) {
        const pred = CLASSES[Buffer.from(name).toString('latin1')];
        if (pred === undefined) throw new RegexError('error_ctype');
        for (let b = 0; b < 256; b++) if (pred(b)) set[b] = 1;
        continue;
      }
      low = singleByte(name);
      if (kind === 0x3d) { // an equivalence class is not a range end point
        set[low] = 1;
        continue;
      }
    } else {
      low = c;
      i++;
    }
    // A range "low-high", unless the '-' is the last byte before ']'.
    if (src[i] === 0x2d && i + 1 < src.length && src[i + 1] !== 0x5d) {
      let high: number;
      if (src[i + 1] === 0x5b && src[i + 2] === 0x2e) {
        const { name, next } = readDelimited(src, i + 1, 0x2e);
        high = singleByte(name);
        i = next;
      } else if (src[i + 1] === 0x5b && (src[i + 2] === 0x3a || src[i + 2] === 0x3d)) {
        throw new RegexError('error_range');
      } else {
        high = src[i + 1];
        i += 2;
      }
      if (high < low) throw new RegexError('error_range');
      for (let b = low; b <= high; b++) set[b] = 1;
      continue;
    }
    set[low] = 1;
  }
  if (icase) foldCase(set);
  if (negate) for (let b = 0; b < 256; b++) set[b] = set[b] ? 0 : 1;
  return { set, next: i };
}
