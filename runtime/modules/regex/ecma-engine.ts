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
    const { shape } = translateEcma(pattern, nosubs, 0, 0);
    this.markCount = shape.groups;
    this.variant(0, false, false, false); // reports the pattern's syntax errors now
  }

  private variant(flags: number, exact: boolean, sticky: boolean, notNull: boolean): RegExp {
    const key = `${flags & SOURCE_FLAGS}:${exact}:${sticky}:${notNull}`;
    let re = this.variants.get(key);
    if (re !== undefined) return re;
    const { source } = translateEcma(this.pattern, this.nosubs, notNull ? 1 : 0, flags & SOURCE_FLAGS);
    let full = `(?:${source})`;
    // The match must not end where it began: group 1 holds the rest of the
    // subject from the start, and the end may not see that same rest.
    if (notNull) full = `(?=([\\s\\S]*))${full}(?!\\1(?![\\s\\S]))`;
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

  exec(req: MatchRequest): Int32Array | null {
    const notNull = (req.flags & MATCH_FLAGS.not_null) !== 0;
    const sticky = (req.flags & MATCH_FLAGS.continuous) !== 0;
    const re = this.variant(req.flags, req.exact, sticky, notNull);
    re.lastIndex = req.exact ? 0 : req.from;
    const m = re.exec(this.text(req.subject));
    if (m === null || m.indices === undefined) return null;
    const skip = notNull ? 1 : 0;
    const caps = new Int32Array(2 * (this.markCount + 1)).fill(-1);
    for (let g = 0; g <= this.markCount; g++) {
      const span = m.indices[g === 0 ? 0 : g + skip];
      if (span === undefined) continue;
      caps[2 * g] = span[0];
      caps[2 * g + 1] = span[1];
    }
    return caps;
  }
}
