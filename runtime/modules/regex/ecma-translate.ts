// Rewrites an ecma pattern (bytes) into JavaScript RegExp source for the
// text made by byte-text.ts. The walk is lexical (escapes, brackets, groups);
// JavaScript's own parser does the rest and reports the errors. It rejects
// what std::regex's ECMAScript grammar does not have ("(?<" lookbehind and
// named groups), checks back-references as std::regex does, and applies the
// match flags that change anchors and word boundaries.

import { RegexError } from './error-category';
import { byteAsPatternText } from './byte-text';
import { MATCH_FLAGS } from './match-flags';

export interface EcmaShape {
  readonly groups: number;
  readonly maxBackref: number;
}

function hexValue(src: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let k = 0; k < count; k++) {
    const c = at + k < src.length ? src[at + k] : -1;
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
    if (d < 0) return -1;
    value = value * 16 + d;
  }
  return value;
}

/** Wordboundary assertions under not_bow/not_eow, as libstdc++ evaluates them at the subject's ends. */
function boundary(negated: boolean, flags: number): string {
  const notBow = (flags & MATCH_FLAGS.not_bow) !== 0;
  const notEow = (flags & MATCH_FLAGS.not_eow) !== 0;
  if (!notBow && !notEow) return negated ? '\\B' : '\\b';
  if (negated) {
    return `(?:${notBow ? '(?<![\\s\\S])|' : ''}${notEow ? '(?![\\s\\S])|' : ''}\\B)`;
  }
  return `(?:${notBow ? '(?<=[\\s\\S])' : ''}\\b${notEow ? '(?=[\\s\\S])' : ''})`;
}

/**
 * Translates the pattern; `flags` are match_flag bits.
 */
export function translateEcma(src: Uint8Array, nosubs: boolean, flags: number): { source: string; shape: EcmaShape } {
  const noBol = (flags & (MATCH_FLAGS.not_bol | MATCH_FLAGS.prev_avail)) !== 0;
  const noEol = (flags & MATCH_FLAGS.not_eol) !== 0;
  let out = '';
  let inClass = false;
  let groups = 0;
  let maxBackref = 0;
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === 0x5c) { // backslash
      if (i + 1 >= src.length) throw new RegexError('error_escape');
      const d = src[i + 1];
      if (d === 0x78 || d === 0x75) { // \xHH, \uHHHH
        const digits = d === 0x78 ? 2 : 4;
        const value = hexValue(src, i + 2, digits);
        if (value >= 0x80 && value <= 0xff) {
          out += byteAsPatternText(value);
          i += 2 + digits;
          continue;
        }
      } else if (!inClass && d >= 0x31 && d <= 0x39) {
        let n = 0;
        let j = i + 1;
        while (j < src.length && src[j] >= 0x30 && src[j] <= 0x39) n = n * 10 + (src[j++] - 0x30);
        maxBackref = Math.max(maxBackref, n);
        out += `\\${n}`;
        i = j;
        continue;
      } else if (!inClass && (d === 0x62 || d === 0x42)) { // \b \B
        out += boundary(d === 0x42, flags);
        i += 2;
        continue;
      }
      out += '\\' + byteAsPatternText(d);
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === 0x5d) inClass = false;
      out += byteAsPatternText(c);
    } else if (c === 0x5b) {
      inClass = true;
      out += '[';
    } else if (c === 0x28) { // (
      if (src[i + 1] === 0x3f) {
        if (src[i + 2] === 0x3c) throw new RegexError('error_paren');
        out += '(';
      } else {
        groups++;
        out += nosubs ? '(?:' : '(';
      }
    } else if (c === 0x5e && noBol) {
      out += '(?!)';
    } else if (c === 0x24 && noEol) {
      out += '(?!)';
    } else {
      out += byteAsPatternText(c);
    }
    i++;
  }
  if (maxBackref > (nosubs ? 0 : groups)) throw new RegexError('error_backref');
  return { source: out, shape: { groups: nosubs ? 0 : groups, maxBackref } };
}

// V8's messages, to std::regex's error codes.
const SYNTAX_ERRORS: ReadonlyArray<[RegExp, ConstructorParameters<typeof RegexError>[0]]> = [
  [/Unterminated character class/, 'error_brack'],
  [/Unterminated group|Unmatched '\)'|Invalid group/, 'error_paren'],
  [/Nothing to repeat/, 'error_badrepeat'],
  [/numbers out of order|Incomplete quantifier/, 'error_badbrace'],
  [/Lone quantifier brackets/, 'error_brace'],
  [/Range out of order|Invalid character class/, 'error_range'],
  [/at end of pattern|Invalid escape|Invalid Unicode escape|Invalid decimal escape/, 'error_escape'],
  [/too large|Too many captures|Stack overflow/, 'error_space'],
];

export function regexErrorFromSyntaxError(e: SyntaxError): RegexError {
  for (const [test, kind] of SYNTAX_ERRORS) if (test.test(e.message)) return new RegexError(kind);
  return new RegexError('error_paren');
}
