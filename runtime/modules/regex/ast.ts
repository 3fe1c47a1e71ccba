// The parsed form of a POSIX (basic or extended) pattern. Byte sets are
// 256-entry tables, already folded for ignore_case.

export type Node =
  | { readonly t: 'set'; readonly set: Uint8Array }
  | { readonly t: 'cat'; readonly items: readonly Node[] }
  | { readonly t: 'alt'; readonly items: readonly Node[] }
  | { readonly t: 'group'; readonly index: number | null; readonly body: Node }
  | { readonly t: 'rep'; readonly body: Node; readonly min: number; readonly max: number }
  | { readonly t: 'bol' }
  | { readonly t: 'eol' }
  | { readonly t: 'backref'; readonly n: number }
  | { readonly t: 'empty' };

export interface ParsedPattern {
  readonly root: Node;
  /** Number of capturing groups (mark_count). */
  readonly groups: number;
  readonly hasBackrefs: boolean;
}

/** Adds the other ASCII case of every letter in the set (C locale folding). */
export function foldCase(set: Uint8Array): void {
  for (let c = 0x41; c <= 0x5a; c++) {
    if (set[c] || set[c + 0x20]) set[c] = set[c + 0x20] = 1;
  }
}

export function byteSet(byte: number, icase: boolean): Uint8Array {
  const set = new Uint8Array(256);
  set[byte] = 1;
  if (icase) foldCase(set);
  return set;
}
