// regex.match_flag: libstdc++'s std::regex_constants::match_flag_type bits,
// which Emilua exports as they are. A match request is the subject, where the
// search starts, these flags, and whether the whole subject must match.

export const MATCH_FLAGS = {
  not_bol: 1,
  not_eol: 2,
  not_bow: 4,
  not_eow: 8,
  any: 16,
  not_null: 32,
  continuous: 64,
  prev_avail: 128,
} as const;

export const ALL_MATCH_FLAGS = 255;

export interface MatchRequest {
  readonly subject: Uint8Array;
  /** Offset where the search begins (0 for user calls). */
  readonly from: number;
  readonly flags: number;
  /** regex_match: the match must span the whole subject. */
  readonly exact: boolean;
}

/**
 * An engine answers with capture offsets (two per group, group 0 first; -1
 * for a group that did not take part), or null when nothing matched.
 */
export interface Engine {
  readonly markCount: number;
  exec(request: MatchRequest): Int32Array | null;
  /**
   * A search over data that grows at its end, each byte examined once; absent
   * when the engine can only search the whole data again.
   */
  startStream?(flags: number): StreamSearch;
}

export interface StreamSearch {
  /** `data` holds the bytes fed before plus new ones; null: no match yet. */
  feed(data: Uint8Array): Int32Array | null;
}

/** Where '^' may match: only at the subject's first byte, unless the flags say otherwise. */
export function bolAllowed(flags: number): boolean {
  return (flags & (MATCH_FLAGS.not_bol | MATCH_FLAGS.prev_avail)) === 0;
}
