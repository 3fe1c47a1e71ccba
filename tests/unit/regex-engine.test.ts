// The POSIX engine against independent answers, on random patterns: the
// overall match must be the leftmost-longest one (checked against RegExp
// deciding, for every substring, whether the pattern matches it whole), and
// the Pike VM must agree with the backtracking executor on every capture
// (both promise the first path in backtracking order among the longest).

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parsePosix } from '../../runtime/modules/regex/posix-parser';
import { compile } from '../../runtime/modules/regex/program';
import { pikeExec, PikeRun } from '../../runtime/modules/regex/pike-vm';
import { backtrackExec } from '../../runtime/modules/regex/backtrack-vm';
import { MatchRequest, MATCH_FLAGS } from '../../runtime/modules/regex/match-flags';

// A small deterministic generator (mulberry32), so failures can be replayed.
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random ERE over {a, b} using only syntax that RegExp reads the same way. */
function randomPattern(rand: () => number, depth = 0): string {
  const pick = (n: number) => Math.floor(rand() * n);
  const atom = (): string => {
    const k = pick(depth > 1 ? 3 : 5);
    if (k === 0) return 'a';
    if (k === 1) return 'b';
    if (k === 2) return '[ab]';
    if (k === 3) return `(${randomPattern(rand, depth + 1)})`;
    return `(${randomPattern(rand, depth + 1)}|${randomPattern(rand, depth + 1)})`;
  };
  let out = '';
  const pieces = 1 + pick(3);
  for (let i = 0; i < pieces; i++) {
    out += atom();
    const q = pick(8);
    if (q === 0) out += '*';
    else if (q === 1) out += '+';
    else if (q === 2) out += '?';
    else if (q === 3) out += `{${pick(2)},${1 + pick(2)}}`;
  }
  return out;
}

function randomSubject(rand: () => number): Uint8Array {
  const length = Math.floor(rand() * 9);
  return Uint8Array.from({ length }, () => (rand() < 0.5 ? 0x61 : 0x62));
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** Leftmost start, then longest end, by asking RegExp about every substring. */
function oracle(pattern: string, subject: string): [number, number] | null {
  const whole = new RegExp(`^(?:${pattern})$`);
  for (let start = 0; start <= subject.length; start++) {
    for (let end = subject.length; end >= start; end--) {
      if (whole.test(subject.slice(start, end))) return [start, end];
    }
  }
  return null;
}

test('leftmost-longest overall matches and equal captures on 1000 random cases', () => {
  const rand = rng(20261205);
  let skipped = 0;
  for (let n = 0; n < 1000; n++) {
    const pattern = randomPattern(rand);
    const program = compile(parsePosix(Buffer.from(pattern, 'latin1'), true, false, false));
    const subject = randomSubject(rand);
    for (const exact of [false, true]) {
      const req: MatchRequest = { subject, from: 0, flags: 0, exact };
      const pike = pikeExec(program, req);
      const label = `/${pattern}/ on "${text(subject)}" (exact: ${exact})`;
      let back: Int32Array | null | undefined;
      try {
        back = backtrackExec(program, false, req, 200_000);
      } catch {
        back = undefined; // the exhaustive search ran out of budget: nothing to compare
        skipped++;
      }
      if (back !== undefined) {
        assert.equal(pike === null ? null : Array.from(pike), back === null ? null : Array.from(back), label);
      }
      const expected = oracle(pattern, text(subject));
      const wanted = exact ? (expected !== null && expected[0] === 0 && expected[1] === subject.length ? expected : null) : expected;
      if (exact && wanted === null && expected !== null) {
        // A whole-subject match may exist even when a longer-from-earlier one does not start at 0.
        const whole = new RegExp(`^(?:${pattern})$`).test(text(subject));
        assert.is(pike !== null, whole, label);
        continue;
      }
      assert.equal(pike === null ? null : [pike[0], pike[1]], wanted, label);
    }
  }
  assert.ok(skipped < 20, `${skipped} of 2000 comparisons skipped`);
});

test('a search fed the data in pieces answers as a search of all the data so far', () => {
  const rand = rng(7);
  const flags = MATCH_FLAGS.not_null | MATCH_FLAGS.not_eol;
  for (let n = 0; n < 1000; n++) {
    const pattern = randomPattern(rand);
    const program = compile(parsePosix(Buffer.from(pattern, 'latin1'), true, false, false));
    const subject = randomSubject(rand);
    const run = new PikeRun(program, flags, 0, false);
    // Prefixes of random growing lengths, as reads would deliver them.
    for (let length = 0; length <= subject.length; length += 1 + Math.floor(rand() * 3)) {
      const data = subject.subarray(0, length);
      run.advance(data);
      const whole = pikeExec(program, { subject: data, from: 0, flags, exact: false });
      const label = `/${pattern}/ on "${text(data)}"`;
      assert.equal(run.result === null ? null : Array.from(run.result), whole === null ? null : Array.from(whole), label);
      if (whole !== null) break; // the scanner takes the record there
    }
  }
});

test('a pathological pattern stays linear on the Pike VM', () => {
  const program = compile(parsePosix(Buffer.from('(a*)*b', 'latin1'), true, false, false));
  const subject = new Uint8Array(20000).fill(0x61);
  assert.is(pikeExec(program, { subject, from: 0, flags: 0, exact: false }), null);
});

test.run();
