// Runs a POSIX program over bytes as a Pike VM (a breadth-first simulation
// of the automaton): linear in the subject's length, whatever the pattern.
// It yields what libstdc++'s executor yields for POSIX grammars: the
// leftmost match, the longest one from there, and among paths of that same
// length the first in backtracking order (left alternative first, greedy
// repetition first). Threads stay sorted by priority, and a thread dropped
// because an earlier one reached the same instruction at the same position
// could not have done better.

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

export function pikeExec(p: Program, req: MatchRequest): Int32Array | null {
  const { subject: s, from, flags, exact } = req;
  const end = s.length;
  const size = p.op.length;
  const { op, a, b, sets } = p;
  const onList = new Int32Array(size);
  let generation = 0;
  const bolOk = bolAllowed(flags);
  const eolOk = (flags & MATCH_FLAGS.not_eol) === 0;
  const anchored = exact || (flags & MATCH_FLAGS.continuous) !== 0;
  const notNull = (flags & MATCH_FLAGS.not_null) !== 0;
  const stackPc: number[] = [];
  const stackCaps: Int32Array[] = [];

  const add = (list: ThreadList, pc0: number, pos: number, caps0: Int32Array): void => {
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
          if (pos === 0 && bolOk) {
            stackPc.push(pc + 1);
            stackCaps.push(caps);
          }
          break;
        case Op.Eol:
          if (pos === end && eolOk) {
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
  };

  const fresh = (): Int32Array => new Int32Array(p.slots).fill(-1);
  let current = new ThreadList(size);
  let next = new ThreadList(size);
  let best: Int32Array | null = null;
  generation++;
  add(current, 0, from, fresh());
  for (let pos = from; ; pos++) {
    generation++;
    next.length = 0;
    const byte = pos < end ? s[pos] : -1;
    for (let k = 0; k < current.length; k++) {
      const pc = current.pcs[k];
      const caps = current.caps[k];
      if (best !== null && caps[0] > best[0]) continue; // a later start cannot win
      if (op[pc] === Op.Match) {
        if (exact && pos !== end) continue;
        if (notNull && pos === caps[0]) continue;
        if (best === null || caps[0] < best[0] || pos > best[1]) best = caps;
        continue;
      }
      if (byte >= 0 && sets[a[pc]][byte] === 1) add(next, pc + 1, pos + 1, caps);
    }
    if (pos === end) break;
    if (best === null && !anchored) add(next, 0, pos + 1, fresh());
    if (next.length === 0 && (best !== null || anchored)) break;
    [current, next] = [next, current];
  }
  return best;
}
