// Compiles a parsed POSIX pattern into a small instruction program shared by
// both executors (pike-vm.ts, backtrack-vm.ts). Counted repetitions are
// written out, so a program is bounded like libstdc++'s automata (100000
// states; beyond, error_space).

import { Node, ParsedPattern } from './ast';
import { RegexError } from './error-category';

export const enum Op {
  Set, // consume a byte in sets[a]
  Match,
  Jmp, // goto a
  Split, // try a, then b
  Save, // caps[a] = position
  Bol,
  Eol,
  Backref, // consume the text group a matched
  Mark, // loops[a] = position (an iteration of a star begins)
  Check, // fail unless position > loops[a] (an iteration must consume)
}

export interface Program {
  readonly op: Int32Array;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly sets: readonly Uint8Array[];
  /** Capture slots: 2 per group, group 0 included. */
  readonly slots: number;
  readonly loops: number;
  readonly groups: number;
  readonly hasBackrefs: boolean;
  /**
   * Bytes a match can begin with (a superset), or null when a match may be
   * empty: a search skips positions whose byte is not in it.
   */
  readonly firstBytes: Uint8Array | null;
}

const STATE_LIMIT = 100000;

class Emitter {
  readonly op: number[] = [];
  readonly a: number[] = [];
  readonly b: number[] = [];
  readonly sets: Uint8Array[] = [];
  private readonly setIndex = new Map<Uint8Array, number>();
  loops = 0;

  emit(op: Op, a = 0, b = 0): number {
    if (this.op.length >= STATE_LIMIT) throw new RegexError('error_space');
    this.op.push(op);
    this.a.push(a);
    this.b.push(b);
    return this.op.length - 1;
  }

  node(n: Node): void {
    switch (n.t) {
      case 'empty':
        return;
      case 'set': {
        let index = this.setIndex.get(n.set);
        if (index === undefined) {
          index = this.sets.length;
          this.sets.push(n.set);
          this.setIndex.set(n.set, index);
        }
        this.emit(Op.Set, index);
        return;
      }
      case 'bol':
        this.emit(Op.Bol);
        return;
      case 'eol':
        this.emit(Op.Eol);
        return;
      case 'backref':
        this.emit(Op.Backref, n.n);
        return;
      case 'cat':
        for (const item of n.items) this.node(item);
        return;
      case 'group':
        if (n.index === null) {
          this.node(n.body);
          return;
        }
        this.emit(Op.Save, 2 * n.index);
        this.node(n.body);
        this.emit(Op.Save, 2 * n.index + 1);
        return;
      case 'alt':
        this.alternation(n.items);
        return;
      case 'rep':
        this.repetition(n.body, n.min, n.max);
        return;
    }
  }

  private alternation(items: readonly Node[]): void {
    const jumps: number[] = [];
    for (let k = 0; k < items.length - 1; k++) {
      const split = this.emit(Op.Split, 0, 0);
      this.a[split] = this.op.length;
      this.node(items[k]);
      jumps.push(this.emit(Op.Jmp));
      this.b[split] = this.op.length;
    }
    this.node(items[items.length - 1]);
    for (const j of jumps) this.a[j] = this.op.length;
  }

  private repetition(body: Node, min: number, max: number): void {
    for (let k = 0; k < min; k++) this.node(body);
    if (max === Infinity) {
      const loop = this.loops++;
      const head = this.emit(Op.Split, 0, 0);
      this.a[head] = this.op.length;
      this.emit(Op.Mark, loop);
      this.node(body);
      this.emit(Op.Check, loop);
      this.emit(Op.Jmp, head);
      this.b[head] = this.op.length;
      return;
    }
    // (e(e(e)?)?)?: every skip goes to the end.
    const skips: number[] = [];
    for (let k = min; k < max; k++) {
      const split = this.emit(Op.Split, 0, 0);
      this.a[split] = this.op.length;
      skips.push(split);
      this.node(body);
    }
    for (const s of skips) this.b[s] = this.op.length;
  }
}

/** Follows the instructions that consume nothing from pc 0 and collects what the first byte may be. */
function firstBytesOf(op: readonly number[], a: readonly number[], b: readonly number[], sets: readonly Uint8Array[]): Uint8Array | null {
  const first = new Uint8Array(256);
  const seen = new Uint8Array(op.length);
  const stack = [0];
  while (stack.length > 0) {
    const pc = stack.pop() as number;
    if (seen[pc]) continue;
    seen[pc] = 1;
    switch (op[pc]) {
      case Op.Set: {
        const set = sets[a[pc]];
        for (let c = 0; c < 256; c++) first[c] |= set[c];
        break;
      }
      case Op.Jmp: stack.push(a[pc]); break;
      case Op.Split: stack.push(a[pc], b[pc]); break;
      case Op.Match: case Op.Eol: case Op.Backref: return null;
      default: stack.push(pc + 1); // Save, Bol, Mark, Check
    }
  }
  return first;
}

export function compile(parsed: ParsedPattern): Program {
  const e = new Emitter();
  e.emit(Op.Save, 0);
  e.node(parsed.root);
  e.emit(Op.Save, 1);
  e.emit(Op.Match);
  return {
    op: Int32Array.from(e.op),
    a: Int32Array.from(e.a),
    b: Int32Array.from(e.b),
    sets: e.sets,
    slots: 2 * (parsed.groups + 1),
    loops: e.loops,
    groups: parsed.groups,
    hasBackrefs: parsed.hasBackrefs,
    firstBytes: firstBytesOf(e.op, e.a, e.b, e.sets),
  };
}
