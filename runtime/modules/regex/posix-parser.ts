// Parses POSIX basic (BRE) and extended (ERE) patterns the way libstdc++'s
// std::regex reads them (Emilua compiles patterns with std::regex), built
// with strict ISO C++: escaping an ordinary character is an error. Where
// libstdc++ leaves a corner to the implementation, POSIX's rule is taken:
// in BRE, '^' is an anchor only first in the pattern or in a group, '$' only
// last, and a '*' in first position is literal.

import { Node, ParsedPattern, byteSet } from './ast';
import { parseBracket } from './posix-bracket';
import { RegexError } from './error-category';

const BS = 0x5c; // backslash
const MAX_NESTING = 1000;

// Bytes that a backslash may quote (anything else after one is an error).
const ERE_SPECIAL = new Set(Array.from('^$\\.*+?()[]{}|', (c) => c.charCodeAt(0)));
const BRE_SPECIAL = new Set(Array.from('.[\\*^$', (c) => c.charCodeAt(0)));

// '.' matches every byte but NUL, as libstdc++'s POSIX grammars do.
const ANY = (() => {
  const set = new Uint8Array(256).fill(1);
  set[0] = 0;
  return set;
})();

class Parser {
  private i = 0;
  private groups = 0;
  private readonly closed = new Set<number>();
  private hasBackrefs = false;

  constructor(
    private readonly src: Uint8Array,
    private readonly extended: boolean,
    private readonly icase: boolean,
    private readonly nosubs: boolean,
  ) {}

  parse(): ParsedPattern {
    const root = this.alternation(0);
    if (this.i < this.src.length) throw new RegexError('error_paren');
    return { root, groups: this.groups, hasBackrefs: this.hasBackrefs };
  }

  private peek(offset = 0): number {
    return this.i + offset < this.src.length ? this.src[this.i + offset] : -1;
  }

  /** Whether the group closer (')' or '\)') is next. */
  private atGroupEnd(depth: number): boolean {
    if (depth === 0) return false;
    return this.extended ? this.peek() === 0x29 : this.peek() === BS && this.peek(1) === 0x29;
  }

  private alternation(depth: number): Node {
    const items: Node[] = [this.branch(depth)];
    while (this.extended && this.peek() === 0x7c) { // |
      this.i++;
      items.push(this.branch(depth));
    }
    return items.length === 1 ? items[0] : { t: 'alt', items };
  }

  private branch(depth: number): Node {
    const items: Node[] = [];
    const branchStart = this.i;
    while (this.i < this.src.length && !this.atGroupEnd(depth)) {
      if (this.extended && this.peek() === 0x7c) break;
      if (this.extended && this.peek() === 0x29 && depth === 0) throw new RegexError('error_paren');
      const atom = this.atom(depth, this.i === branchStart, items);
      items.push(this.quantified(atom));
    }
    if (items.length === 0) return { t: 'empty' };
    return items.length === 1 ? items[0] : { t: 'cat', items };
  }

  private atom(depth: number, first: boolean, before: readonly Node[]): Node {
    const c = this.src[this.i];
    const afterAnchor = before.length === 1 && before[0].t === 'bol';
    if (c === 0x5e && (this.extended || first)) { // ^
      this.i++;
      return { t: 'bol' };
    }
    if (c === 0x24) { // $
      this.i++;
      if (this.extended || this.i === this.src.length || this.atGroupEnd(depth)) return { t: 'eol' };
      return { t: 'set', set: byteSet(c, this.icase) };
    }
    if (c === 0x2a && !this.extended && (first || afterAnchor)) { // a leading '*' is literal in BRE
      this.i++;
      return { t: 'set', set: byteSet(c, this.icase) };
    }
    if (this.extended && (c === 0x2a || c === 0x2b || c === 0x3f || c === 0x7b)) throw new RegexError('error_badrepeat');
    if (!this.extended && c === 0x2a) throw new RegexError('error_badrepeat');
    if (c === 0x2e) { // .
      this.i++;
      return { t: 'set', set: ANY };
    }
    if (c === 0x5b) { // [
      const { set, next } = parseBracket(this.src, this.i, this.icase);
      this.i = next;
      return { t: 'set', set };
    }
    if (this.extended && c === 0x28) { // (
      this.i++;
      return this.group(depth);
    }
    if (c === BS) return this.escape(depth);
    this.i++;
    return { t: 'set', set: byteSet(c, this.icase) };
  }

  private group(depth: number): Node {
    // Parsing and compiling recurse per level; a bound keeps a hostile
    // pattern from exhausting the JavaScript stack.
    if (depth >= MAX_NESTING) throw new RegexError('error_space');
    const index = this.nosubs ? null : ++this.groups;
    const body = this.alternation(depth + 1);
    if (!this.atGroupEnd(depth + 1)) throw new RegexError('error_paren');
    this.i += this.extended ? 1 : 2;
    if (index !== null) this.closed.add(index);
    return { t: 'group', index, body };
  }

  private escape(depth: number): Node {
    if (this.i + 1 >= this.src.length) throw new RegexError('error_escape');
    const c = this.src[this.i + 1];
    this.i += 2;
    if (this.extended) {
      if (!ERE_SPECIAL.has(c)) throw new RegexError('error_escape');
      return { t: 'set', set: byteSet(c, this.icase) };
    }
    if (c === 0x28) return this.group(depth); // \(
    if (c === 0x29) throw new RegexError('error_paren'); // \) without \(
    if (c === 0x7b) throw new RegexError('error_badrepeat'); // \{ with nothing before
    if (c === 0x7d) throw new RegexError('error_brace');
    if (c >= 0x31 && c <= 0x39) {
      const n = c - 0x30;
      if (!this.closed.has(n)) throw new RegexError('error_backref');
      this.hasBackrefs = true;
      return { t: 'backref', n };
    }
    if (!BRE_SPECIAL.has(c)) throw new RegexError('error_escape');
    return { t: 'set', set: byteSet(c, this.icase) };
  }

  private quantified(atom: Node): Node {
    // In BRE a '*' right after the leading '^' is a literal (atom() reads it).
    if (!this.extended && atom.t === 'bol') return atom;
    let node = atom;
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === 0x2a) {
        this.i++;
        [min, max] = [0, Infinity];
      } else if (this.extended && c === 0x2b) {
        this.i++;
        [min, max] = [1, Infinity];
      } else if (this.extended && c === 0x3f) {
        this.i++;
        [min, max] = [0, 1];
      } else if (this.extended && c === 0x7b) {
        this.i++;
        [min, max] = this.interval();
      } else if (!this.extended && c === BS && this.peek(1) === 0x7b) {
        this.i += 2;
        [min, max] = this.interval();
      } else {
        return node;
      }
      if (node.t === 'bol' || node.t === 'eol') throw new RegexError('error_badrepeat');
      node = { t: 'rep', body: node, min, max };
    }
  }

  private number(): number | undefined {
    let value: number | undefined;
    while (this.peek() >= 0x30 && this.peek() <= 0x39) {
      value = (value ?? 0) * 10 + (this.peek() - 0x30);
      if (value > 0x7fffffff) throw new RegexError('error_badbrace');
      this.i++;
    }
    return value;
  }

  /** After '{' (or '\{'): "m}", "m,}" or "m,n}". */
  private interval(): [number, number] {
    if (this.i >= this.src.length) throw new RegexError('error_brace');
    const min = this.number();
    if (min === undefined) throw new RegexError('error_badbrace');
    let max = min;
    if (this.peek() === 0x2c) {
      this.i++;
      max = this.number() ?? Infinity;
    }
    if (this.extended) {
      if (this.i >= this.src.length) throw new RegexError('error_brace');
      if (this.peek() !== 0x7d) throw new RegexError('error_badbrace');
      this.i++;
    } else {
      if (this.i >= this.src.length || (this.peek() === BS && this.i + 1 >= this.src.length)) throw new RegexError('error_brace');
      if (this.peek() !== BS || this.peek(1) !== 0x7d) throw new RegexError('error_badbrace');
      this.i += 2;
    }
    if (max < min) throw new RegexError('error_badbrace');
    return [min, max];
  }
}

export function parsePosix(src: Uint8Array, extended: boolean, icase: boolean, nosubs: boolean): ParsedPattern {
  return new Parser(src, extended, icase, nosubs).parse();
}
