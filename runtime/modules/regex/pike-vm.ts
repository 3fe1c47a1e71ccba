// Runs a POSIX program over bytes as a Pike VM (a breadth-first simulation
// of the automaton): linear in the subject's length, whatever the pattern.
// It yields what libstdc++'s executor yields for POSIX grammars: the
// leftmost match, the longest one from there, and among paths of that same
// length the first in backtracking order (left alternative first, greedy
// repetition first). Threads stay sorted by priority, and a thread dropped
// because an earlier one reached the same instruction at the same position
// could not have done better.
//
// A run can also be fed a subject that grows (stream.scanner's buffered
// data): it stops at the end of what it has and resumes there, so every byte
// is examined once however the data arrives in pieces.

import { Op, Program } from './program';
import { MATCH_FLAGS, MatchRequest, bolAllowed } from './match-flags';

class ThreadList {
  readonly pcs: Int32Array;
  readonly caps: Int32Array[];
  length = 0;
  constructor(size: number) {
    this.pcs = new Int32Array(size);
    this.caps = new Array<Int32Array>(size);
  }
}

export class PikeRun {
  private readonly onList: Int32Array;
  private generation = 1;
  private readonly bolOk: boolean;
  private readonly eolOk: boolean;
  private readonly anchored: boolean;
  private readonly notNull: boolean;
  private readonly stackPc: number[] = [];
  private readonly stackCaps: Int32Array[] = [];
  private current: ThreadList;
  private next: ThreadList;
  private best: Int32Array | null = null;
  private pos: number;
  private started = false;
  private finished = false;
  /** Only Eol reads it; a growing subject is run with not_eol. */
  private end = 0;

  constructor(private readonly p: Program, flags: number, from: number, private readonly exact: boolean) {
    this.onList = new Int32Array(p.op.length);
    this.bolOk = bolAllowed(flags);
    this.eolOk = (flags & MATCH_FLAGS.not_eol) === 0;
    this.anchored = exact || (flags & MATCH_FLAGS.continuous) !== 0;
    this.notNull = (flags & MATCH_FLAGS.not_null) !== 0;
    this.current = new ThreadList(p.op.length);
    this.next = new ThreadList(p.op.length);
    this.pos = from;
  }

  /** Adds the thread at pc0 and everything it reaches without consuming, in priority order. */
  private add(list: ThreadList, pc0: number, pos: number, caps0: Int32Array): void {
    const { op, a, b } = this.p;
    const { stackPc, stackCaps, onList, generation } = this;
    stackPc.push(pc0);
    stackCaps.push(caps0);
    while (stackPc.length > 0) {
      const pc = stackPc.pop() as number;
      const caps = stackCaps.pop() as Int32Array;
      if (onList[pc] === generation) continue;
      onList[pc] = generation;
      switch (op[pc]) {
        case Op.Jmp:
          stackPc.push(a[pc]);
          stackCaps.push(caps);
          break;
        case Op.Split:
          stackPc.push(b[pc], a[pc]);
          stackCaps.push(caps, caps);
          break;
        case Op.Save: {
          const copy = caps.slice();
          copy[a[pc]] = pos;
          stackPc.push(pc + 1);
          stackCaps.push(copy);
          break;
        }
        case Op.Bol:
          if (pos === 0 && this.bolOk) {
            stackPc.push(pc + 1);
            stackCaps.push(caps);
          }
          break;
        case Op.Eol:
          if (pos === this.end && this.eolOk) {
            stackPc.push(pc + 1);
            stackCaps.push(caps);
          }
          break;
        case Op.Mark:
        case Op.Check:
          // An empty iteration meets its own loop head, already on the list.
          stackPc.push(pc + 1);
          stackCaps.push(caps);
          break;
        default: // Set, Match
          list.pcs[list.length] = pc;
          list.caps[list.length] = caps;
          list.length++;
      }
    }
  }

  /**
   * Runs over `subject` (the same bytes as before, maybe more) up to its end.
   * Returns whether the answer is final: a match was found, or none can be.
   */
  advance(subject: Uint8Array): boolean {
    if (this.finished) return true;
    const { op, a, sets } = this.p;
    const end = subject.length;
    this.end = end;
    if (!this.started) {
      // Not in the constructor: the first thread's '$' must know the end.
      this.started = true;
      this.add(this.current, 0, this.pos, new Int32Array(this.p.slots).fill(-1));
    }
    for (;;) {
      const { current, next, pos } = this;
      let best = this.best;
      for (let k = 0; k < current.length; k++) {
        const pc = current.pcs[k];
        const caps = current.caps[k];
        if (op[pc] !== Op.Match || (best !== null && caps[0] > best[0])) continue;
        if (this.exact && pos !== end) continue;
        if (this.notNull && pos === caps[0]) continue;
        if (best === null || caps[0] < best[0] || pos > best[1]) best = caps;
      }
      this.best = best;
      if (pos === end) return best !== null;
      this.generation++;
      next.length = 0;
      const byte = subject[pos];
      for (let k = 0; k < current.length; k++) {
        const pc = current.pcs[k];
        const caps = current.caps[k];
        if (op[pc] !== Op.Set || (best !== null && caps[0] > best[0])) continue; // a later start cannot win
        if (sets[a[pc]][byte] === 1) this.add(next, pc + 1, pos + 1, caps);
      }
      let at = pos + 1;
      if (best === null && !this.anchored) {
        // Nothing alive: go straight to the next byte a match can begin with.
        const first = this.p.firstBytes;
        if (next.length === 0 && first !== null) while (at < end && first[subject[at]] === 0) at++;
        this.add(next, 0, at, new Int32Array(this.p.slots).fill(-1));
      }
      this.pos = at;
      this.next = current;
      this.current = next;
      if (next.length === 0 && (best !== null || this.anchored)) {
        this.finished = true;
        return true;
      }
    }
  }

  get result(): Int32Array | null {
    return this.best;
  }
}

export function pikeExec(p: Program, req: MatchRequest): Int32Array | null {
  const run = new PikeRun(p, req.flags, req.from, req.exact);
  run.advance(req.subject);
  return run.result;
}
