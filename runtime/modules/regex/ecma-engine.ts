// The ecma grammar on JavaScript's RegExp (V8, without the "u" flag). A
// RegExp is built per combination of match flags that changes the source,
// and kept. Offsets come from the "d" flag's indices.
//
// Differences from std::regex's ECMAScript grammar are listed in
// docs/compat.md: V8 accepts Annex B forms (a lone '{' or ']', octal escapes)
// that std::regex rejects, and, like std::regex, it backtracks: a pattern
// with nested unbounded repetitions can take exponential time.

import { Engine, MatchRequest, MATCH_FLAGS } from './match-flags';
import { translateEcma, regexErrorFromSyntaxError } from './ecma-translate';
import { bytesToText } from './byte-text';

// Flags that change the translated source.
const SOURCE_FLAGS = MATCH_FLAGS.not_bol | MATCH_FLAGS.not_eol | MATCH_FLAGS.prev_avail |
  MATCH_FLAGS.not_bow | MATCH_FLAGS.not_eow;

export class EcmaEngine implements Engine {
  readonly markCount: number;
  private readonly variants = new Map<string, RegExp>();
  // The last subject's text: split and patsplit search the same subject many times.
  private lastBytes: Uint8Array | null = null;
  private lastText = '';

  constructor(private readonly pattern: Uint8Array, private readonly icase: boolean, private readonly nosubs: boolean) {
    const { shape } = translateEcma(pattern, nosubs, 0);
    this.markCount = shape.groups;
    this.variant(0, false, false, 0); // reports the pattern's syntax errors now
  }

  /**
   * `nonEmptyAfter` > 0 asks for a match that ends at least that many code
   * units into the text (not_null on a text that starts one unit before the
   * match, or at it): a one- or two-unit lookbehind, so the check costs O(1).
   */
  private variant(flags: number, exact: boolean, sticky: boolean, nonEmptyAfter: number): RegExp {
    const key = `${flags & SOURCE_FLAGS}:${exact}:${sticky}:${nonEmptyAfter}`;
    let re = this.variants.get(key);
    if (re !== undefined) return re;
    const { source } = translateEcma(this.pattern, this.nosubs, flags & SOURCE_FLAGS);
    let full = `(?:${source})`;
    if (nonEmptyAfter > 0) full += `(?<=[\\s\\S]{${nonEmptyAfter}})`;
    if (exact) full += '(?![\\s\\S])';
    try {
      re = new RegExp(full, `d${this.icase ? 'i' : ''}${sticky || exact ? 'y' : 'g'}`);
    } catch (e) {
      if (e instanceof SyntaxError) throw regexErrorFromSyntaxError(e);
      throw e;
    }
    this.variants.set(key, re);
    return re;
  }

  private text(bytes: Uint8Array): string {
    if (bytes !== this.lastBytes) {
      this.lastText = bytesToText(bytes);
      this.lastBytes = bytes;
    }
    return this.lastText;
  }

  private capsOf(m: RegExpExecArray, base: number): Int32Array {
    const caps = new Int32Array(2 * (this.markCount + 1)).fill(-1);
    for (let g = 0; g <= this.markCount; g++) {
      const span = m.indices?.[g];
      if (span === undefined) continue;
      caps[2 * g] = span[0] + base;
      caps[2 * g + 1] = span[1] + base;
    }
    return caps;
  }

  /** The first non-empty path from `start` (std::regex with not_null|continuous there). */
  private nonEmptyAt(text: string, start: number, flags: number): Int32Array | null {
    // Keep the byte before `start` so that \b sees it; '^' cannot match there.
    const base = start > 0 ? start - 1 : 0;
    const lead = start - base;
    const re = this.variant(lead > 0 ? flags | MATCH_FLAGS.prev_avail : flags, false, true, lead + 1);
    re.lastIndex = lead;
    const m = re.exec(base === 0 ? text : text.slice(base));
    return m === null ? null : this.capsOf(m, base);
  }

  exec(req: MatchRequest): Int32Array | null {
    const { flags } = req;
    const notNull = (flags & MATCH_FLAGS.not_null) !== 0;
    const continuous = (flags & MATCH_FLAGS.continuous) !== 0;
    const text = this.text(req.subject);
    if (req.exact) {
      // A whole-subject match is empty only on an empty subject.
      if (notNull && text.length === 0) return null;
      const re = this.variant(flags, true, true, 0);
      re.lastIndex = 0;
      const m = re.exec(text);
      return m === null ? null : this.capsOf(m, 0);
    }
    const re = this.variant(flags, false, continuous, 0);
    let from = req.from;
    for (;;) {
      re.lastIndex = from;
      const m = re.exec(text);
      if (m === null) return null;
      const caps = this.capsOf(m, 0);
      if (!notNull || caps[1] > caps[0]) return caps;
      // The first path from there is empty: look for a longer one, else move on.
      const longer = this.nonEmptyAt(text, caps[0], flags);
      if (longer !== null || continuous || caps[0] >= text.length) return longer;
      from = caps[0] + 1;
    }
  }
}
