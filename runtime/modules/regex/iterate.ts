// split() and patsplit() as ranges [start, end) of the subject. split walks
// matches the way std::regex_token_iterator with submatch -1 does (Emilua's
// split): separators must not be empty; every text before a separator is a
// field, even an empty one, and the text after the last separator only when
// it is not empty. patsplit follows Emilua's own loop (GAWK's FPAT idea):
// empty matches count, and after each match the search resumes one byte
// further on.

import { Engine, MATCH_FLAGS } from './match-flags';

export type Range = [number, number];

export function splitRanges(engine: Engine, subject: Uint8Array): Range[] {
  const ranges: Range[] = [];
  let m = engine.exec({ subject, from: 0, flags: MATCH_FLAGS.not_null, exact: false });
  if (m === null) {
    ranges.push([0, subject.length]);
    return ranges;
  }
  let fieldStart = 0;
  while (m !== null) {
    ranges.push([fieldStart, m[0]]);
    fieldStart = m[1];
    m = engine.exec({ subject, from: m[1], flags: MATCH_FLAGS.not_null | MATCH_FLAGS.prev_avail, exact: false });
  }
  if (fieldStart < subject.length) ranges.push([fieldStart, subject.length]);
  return ranges;
}

export function patsplitRanges(engine: Engine, subject: Uint8Array): Range[] {
  const ranges: Range[] = [];
  const end = subject.length;
  let flags = 0;
  let m = engine.exec({ subject, from: 0, flags, exact: false });
  while (m !== null) {
    ranges.push([m[0], m[1]]);
    let at = m[1];
    if (at === end) break;
    if (m[0] === m[1]) {
      const more = engine.exec({
        subject, from: at, flags: flags | MATCH_FLAGS.not_null | MATCH_FLAGS.continuous, exact: false,
      });
      if (more !== null) {
        m = more;
        continue;
      }
    }
    at++;
    flags |= MATCH_FLAGS.prev_avail;
    m = engine.exec({ subject, from: at, flags, exact: false });
  }
  return ranges;
}
