// libfmt measures widths and string precisions in UTF-8 code points (East
// Asian wide characters count as two columns) but never rejects bad UTF-8: a
// byte that does not start a well-formed sequence counts as one column. The
// formatter works on byte strings (one JS char per byte, 0-255), so these
// helpers decode UTF-8 by hand instead of trusting TextDecoder.

function isContinuation(s: string, i: number, low = 0x80, high = 0xbf): boolean {
  const b = s.charCodeAt(i);
  return b >= low && b <= high;
}

/** Length in bytes of the well-formed UTF-8 sequence at `i`, or 1 if there is none. */
export function codePointLength(s: string, i: number): number {
  const b = s.charCodeAt(i);
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return isContinuation(s, i + 1) ? 2 : 1;
  if (b >= 0xe0 && b <= 0xef) {
    // E0 must not be overlong, ED must not encode a surrogate.
    const low = b === 0xe0 ? 0xa0 : 0x80;
    const high = b === 0xed ? 0x9f : 0xbf;
    return isContinuation(s, i + 1, low, high) && isContinuation(s, i + 2) ? 3 : 1;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const low = b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xf4 ? 0x8f : 0xbf;
    const ok = isContinuation(s, i + 1, low, high) && isContinuation(s, i + 2) && isContinuation(s, i + 3);
    return ok ? 4 : 1;
  }
  return 1;
}

/** The code point of a well-formed sequence of `length` bytes at `i`. */
export function decodeCodePoint(s: string, i: number, length: number): number {
  const b = s.charCodeAt(i);
  if (length === 1) return b;
  let cp = b & (0xff >> (length + 1));
  for (let k = 1; k < length; k++) cp = (cp << 6) | (s.charCodeAt(i + k) & 0x3f);
  return cp;
}

// Ranges printed two columns wide (the same East Asian wide blocks libfmt uses).
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], [0x2329, 0x232a], [0x2e80, 0x303e], [0x3040, 0xa4cf],
  [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f],
  [0xff00, 0xff60], [0xffe0, 0xffe6], [0x1f300, 0x1f64f], [0x1f900, 0x1f9ff],
  [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

function columns(cp: number): number {
  for (const [low, high] of WIDE_RANGES) if (cp >= low && cp <= high) return 2;
  return 1;
}

/** Display width of a byte string. */
export function displayWidth(s: string): number {
  let width = 0;
  for (let i = 0; i < s.length; ) {
    const length = codePointLength(s, i);
    width += length === 1 ? 1 : columns(decodeCodePoint(s, i, length));
    i += length;
  }
  return width;
}

/** The first `count` code points of a byte string. */
export function takeCodePoints(s: string, count: number): string {
  let i = 0;
  for (let n = 0; n < count && i < s.length; n++) i += codePointLength(s, i);
  return s.slice(0, i);
}
