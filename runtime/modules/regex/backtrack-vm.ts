// Runs a POSIX program that has back-references (\1..\9 in basic patterns),
// which no automaton simulation can follow. Like libstdc++'s depth-first
// executor for POSIX grammars, it tries each start in turn and explores every
// path from it, keeping the longest match (the first one found among equals).
// That exploration can be exponential, so it has a budget of steps: past it,
// the match fails with error_complexity instead of stalling the VM.

import { Op, Program } from './program';
import { MATCH_FLAGS, MatchRequest, bolAllowed } from './match-flags';
import { RegexError } from './error-category';

const STEP_BUDGET = 5_000_000;

function lower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

export function backtrackExec(p: Program, icase: boolean, req: MatchRequest, budget = STEP_BUDGET): Int32Array | null {
  const { subject: s, from, flags, exact } = req;
  const end = s.length;
  const { op, a, b, sets } = p;
  const bolOk = bolAllowed(flags);
  const eolOk = (flags & MATCH_FLAGS.not_eol) === 0;
  const anchored = exact || (flags & MATCH_FLAGS.continuous) !== 0;
  const notNull = (flags & MATCH_FLAGS.not_null) !== 0;
  let steps = 0;

  interface Choice { pc: number; pos: number; caps: Int32Array; marks: Int32Array }

  const fromStart = (start: number): Int32Array | null => {
    let best: Int32Array | null = null;
    const stack: Choice[] = [{
      pc: 0, pos: start, caps: new Int32Array(p.slots).fill(-1), marks: new Int32Array(p.loops).fill(-1),
    }];
    while (stack.length > 0) {
      let { pc, pos, caps, marks } = stack.pop() as Choice;
      for (;;) {
        if (++steps > budget) throw new RegexError('error_complexity');
        const code = op[pc];
        if (code === Op.Set) {
          if (pos < end && sets[a[pc]][s[pos]] === 1) {
            pos++;
            pc++;
            continue;
          }
          break;
        }
        if (code === Op.Match) {
          const acceptable = !(exact && pos !== end) && !(notNull && pos === start);
          if (acceptable && (best === null || pos > best[1])) best = caps;
          break;
        }
        if (code === Op.Jmp) {
          pc = a[pc];
        } else if (code === Op.Split) {
          stack.push({ pc: b[pc], pos, caps, marks });
          pc = a[pc];
        } else if (code === Op.Save) {
          caps = caps.slice();
          caps[a[pc]] = pos;
          pc++;
        } else if (code === Op.Bol) {
          if (!(pos === 0 && bolOk)) break;
          pc++;
        } else if (code === Op.Eol) {
          if (!(pos === end && eolOk)) break;
          pc++;
        } else if (code === Op.Mark) {
          marks = marks.slice();
          marks[a[pc]] = pos;
          pc++;
        } else if (code === Op.Check) {
          if (pos === marks[a[pc]]) break;
          pc++;
        } else { // Backref: a group that did not take part matches nothing
          const first = caps[2 * a[pc]];
          const last = caps[2 * a[pc] + 1];
          if (first < 0 || last < 0) break;
          const length = last - first;
          if (pos + length > end) break;
          let same = true;
          for (let k = 0; k < length && same; k++) {
            const x = s[first + k];
            const y = s[pos + k];
            same = x === y || (icase && lower(x) === lower(y));
          }
          if (!same) break;
          pos += length;
          pc++;
        }
      }
    }
    return best;
  };

  for (let start = from; start <= end; start++) {
    const found = fromStart(start);
    if (found !== null || anchored) return found;
  }
  return null;
}
