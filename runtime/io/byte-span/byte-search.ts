// Octet searches over Uint8Array with std::string_view's rules: positions are
// 0-based and -1 means "not found". No fengari here; ByteSpan maps these to
// Emilua's 1-based indices.

export const NOT_FOUND = -1;

/** A 256-entry membership table for the find_*_of family. */
function octetSet(set: Uint8Array): Uint8Array {
  const table = new Uint8Array(256);
  for (let i = 0; i < set.length; i++) table[set[i]] = 1;
  return table;
}

function matchesAt(hay: Uint8Array, needle: Uint8Array, at: number): boolean {
  for (let j = 0; j < needle.length; j++) {
    if (hay[at + j] !== needle[j]) return false;
  }
  return true;
}

/** First occurrence of `needle` starting at or after `from` (from <= hay.length). */
export function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  if (needle.length === 0) return from <= hay.length ? from : NOT_FOUND;
  const lastStart = hay.length - needle.length;
  const head = needle[0];
  for (let i = hay.indexOf(head, from); i !== -1 && i <= lastStart; i = hay.indexOf(head, i + 1)) {
    if (matchesAt(hay, needle, i)) return i;
  }
  return NOT_FOUND;
}

/** Last occurrence of `needle` that starts at or before `from`. */
export function lastIndexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  if (needle.length > hay.length) return NOT_FOUND;
  for (let i = Math.min(from, hay.length - needle.length); i >= 0; i--) {
    if (matchesAt(hay, needle, i)) return i;
  }
  return NOT_FOUND;
}

function scanForward(hay: Uint8Array, set: Uint8Array, from: number, wanted: number): number {
  const table = octetSet(set);
  for (let i = from; i < hay.length; i++) {
    if (table[hay[i]] === wanted) return i;
  }
  return NOT_FOUND;
}

function scanBackward(hay: Uint8Array, set: Uint8Array, from: number, wanted: number): number {
  const table = octetSet(set);
  for (let i = Math.min(from, hay.length - 1); i >= 0; i--) {
    if (table[hay[i]] === wanted) return i;
  }
  return NOT_FOUND;
}

export function findFirstOf(hay: Uint8Array, set: Uint8Array, from: number): number {
  return scanForward(hay, set, from, 1);
}

export function findLastOf(hay: Uint8Array, set: Uint8Array, from: number): number {
  return scanBackward(hay, set, from, 1);
}

export function findFirstNotOf(hay: Uint8Array, set: Uint8Array, from: number): number {
  return scanForward(hay, set, from, 0);
}

export function findLastNotOf(hay: Uint8Array, set: Uint8Array, from: number): number {
  return scanBackward(hay, set, from, 0);
}

export function startsWith(hay: Uint8Array, prefix: Uint8Array): boolean {
  return prefix.length <= hay.length && matchesAt(hay, prefix, 0);
}

export function endsWith(hay: Uint8Array, suffix: Uint8Array): boolean {
  return suffix.length <= hay.length && matchesAt(hay, suffix, hay.length - suffix.length);
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && matchesAt(a, b, 0);
}
