// The wire format of messages between subprocess actors (version 1; the
// layout is in README.md). Pure: no Lua, no addon; descriptors are numbers
// and closing one is the caller's closer.
//
// Threat model: the decoder's input comes from another process, possibly a
// sandboxed one under an attacker's control, and may be any bytes with any
// descriptors attached. It reads only inside the datagram, trusts no count
// (each is checked against the limits and the bytes left), allocates at most
// the limits allow, and owns the descriptors it was given: on success each
// one is inside the returned value exactly once, on any failure each one has
// been handed to the closer exactly once and nothing is returned. It never
// throws for bad input.

import {
  MAX_MEMBERS, MAX_STRING_BYTES, MAX_FDS,
  type IpcInput, type IpcInputItem, type IpcLeaf, type IpcRuleFailure, type IpcValue,
} from './value';

export const WIRE_VERSION = 1;

/** Leaf tags. */
const TAG_FALSE = 0;
const TAG_TRUE = 1;
const TAG_NUMBER = 2;
const TAG_STRING = 3;
const TAG_FD = 4;
const TAG_ADDRESS = 5;

/** Byte 1: 0 = one leaf follows; 1..MAX_MEMBERS = that many members follow. */
const SHAPE_LEAF = 0;

/** The largest leaf: a string (tag, length, 255 bytes). */
const MAX_LEAF_BYTES = 1 + 1 + MAX_STRING_BYTES;
/** The largest member: its key (length, 255 bytes) and the largest leaf. */
const MAX_MEMBER_BYTES = 1 + MAX_STRING_BYTES + MAX_LEAF_BYTES;
/** Version, shape, and 20 of the largest members: 10 262 bytes. */
export const MAX_MESSAGE_BYTES = 2 + MAX_MEMBERS * MAX_MEMBER_BYTES;

// ---------------------------------------------------------------- sending

function fail(errno: IpcRuleFailure['errno'], rule: IpcRuleFailure['rule'], detail: string): IpcRuleFailure {
  return { errno, rule, detail };
}

/** Why `item` cannot be a leaf (null when it can). */
function leafFailure(item: IpcInputItem, where: string): IpcRuleFailure | null {
  if (typeof item === 'number' || typeof item === 'boolean') return null;
  if (item instanceof Uint8Array) {
    return item.length > MAX_STRING_BYTES
      ? fail('EINVAL', 'string_too_long', `${where}: string of ${item.length} bytes (max ${MAX_STRING_BYTES})`)
      : null;
  }
  switch (item.kind) {
    case 'fd':
      return item.fd < 0 ? fail('EBUSY', 'closed_fd', `${where}: closed file descriptor`) : null;
    case 'address':
      return null;
    case 'foreign':
      if (item.type === 'closed fd') return fail('EBUSY', 'closed_fd', `${where}: closed file descriptor`);
      return item.type === 'nil'
        ? fail('EINVAL', 'nil', `${where}: nil`)
        : fail('EINVAL', 'unsupported_type', `${where}: a ${item.type} cannot cross a process boundary`);
    case 'table':
    case 'object':
      return fail('EINVAL', 'nested_table', `${where}: nested table`);
  }
}

/**
 * Checks `value` against Emilua's rules for subprocess actors; null when it
 * can be sent. Address descriptors are not looked at (the sender makes their
 * socketpairs after this check).
 */
export function validate(value: IpcInput): IpcRuleFailure | null {
  if (typeof value !== 'object' || value instanceof Uint8Array || (value.kind !== 'table' && value.kind !== 'object')) {
    return leafFailure(value, 'message');
  }
  if (value.kind === 'table' && value.hasMetatable) {
    return fail('EINVAL', 'table_with_metatable', 'message: table with a metatable');
  }
  const count = value.kind === 'table' ? value.entries.length : value.keys.length;
  if (count === 0) return fail('EINVAL', 'empty_table', 'message: empty table');
  if (count > MAX_MEMBERS) return fail('EINVAL', 'too_many_members', `message: more than ${MAX_MEMBERS} members`);
  for (let i = 0; i < count; i++) {
    const key = value.kind === 'table' ? value.entries[i][0] : value.keys[i];
    const item = value.kind === 'table' ? value.entries[i][1] : value.values[i];
    if (!(key instanceof Uint8Array)) return fail('EINVAL', 'non_string_key', 'message: a key that is not a string');
    if (key.length > MAX_STRING_BYTES) {
      return fail('EINVAL', 'key_too_long', `message: key of ${key.length} bytes (max ${MAX_STRING_BYTES})`);
    }
    const failure = leafFailure(item, 'member');
    if (failure !== null) return failure;
  }
  return null;
}

export type EncodeResult =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly fds: number[] }
  | { readonly ok: false; readonly failure: IpcRuleFailure };

class Writer {
  readonly bytes = new Uint8Array(MAX_MESSAGE_BYTES);
  readonly view = new DataView(this.bytes.buffer);
  readonly fds: number[] = [];
  at = 0;

  byte(b: number): void {
    this.bytes[this.at++] = b;
  }

  string(s: Uint8Array): void {
    this.byte(s.length);
    this.bytes.set(s, this.at);
    this.at += s.length;
  }

  leaf(value: IpcLeaf): void {
    if (typeof value === 'boolean') {
      this.byte(value ? TAG_TRUE : TAG_FALSE);
    } else if (typeof value === 'number') {
      this.byte(TAG_NUMBER);
      // One NaN on the wire, the positive quiet one, as Emilua sends it
      // (0/0 is -nan on x86; the receiver prints "nan").
      if (Number.isNaN(value)) {
        this.view.setUint32(this.at, 0, true);
        this.view.setUint32(this.at + 4, 0x7ff80000, true);
      } else {
        this.view.setFloat64(this.at, value, true);
      }
      this.at += 8;
    } else if (value instanceof Uint8Array) {
      this.byte(TAG_STRING);
      this.string(value);
    } else {
      // validate() has turned away closed fds; an address without its
      // socketpair end is the sender's bug, not bad input.
      if (value.fd < 0) throw new Error(`encode: ${value.kind} without a descriptor`);
      this.byte(value.kind === 'fd' ? TAG_FD : TAG_ADDRESS);
      this.fds.push(value.fd);
    }
  }
}

/**
 * The datagram for `value` and the descriptors to attach to it, in the order
 * the tags name them; or the rule `value` breaks. The caller keeps ownership
 * of every descriptor (sendmsg copies them).
 */
export function encode(value: IpcInput): EncodeResult {
  const failure = validate(value);
  if (failure !== null) return { ok: false, failure };
  const w = new Writer();
  w.byte(WIRE_VERSION);
  if (typeof value !== 'object' || value instanceof Uint8Array || value.kind === 'fd' || value.kind === 'address') {
    w.byte(SHAPE_LEAF);
    w.leaf(value);
  } else if (value.kind === 'table') {
    w.byte(value.entries.length);
    for (const [key, item] of value.entries) {
      w.string(key as Uint8Array);
      w.leaf(item as IpcLeaf);
    }
  } else if (value.kind === 'object') {
    w.byte(value.keys.length);
    for (let i = 0; i < value.keys.length; i++) {
      w.string(value.keys[i]);
      w.leaf(value.values[i]);
    }
  }
  return { ok: true, bytes: w.bytes.slice(0, w.at), fds: w.fds };
}

// -------------------------------------------------------------- receiving

export type DecodeErrorReason =
  | 'version'
  | 'oversized'
  | 'truncated'
  | 'trailing_bytes'
  | 'member_count'
  | 'unknown_tag'
  | 'duplicate_key'
  | 'fd_count';

export interface DecodeError {
  readonly reason: DecodeErrorReason;
  readonly detail: string;
}

export type DecodeResult =
  /** A message; its descriptors are in `value`, owned by the caller now. */
  | { readonly type: 'message'; readonly value: IpcValue }
  /** A zero-length datagram: the peer closed this capability (any descriptor that came with it is closed). */
  | { readonly type: 'closed' }
  /** Malformed: every descriptor has been closed. */
  | { readonly type: 'error'; readonly error: DecodeError };

/** Closes one descriptor; must not throw. */
export type FdCloser = (fd: number) => void;

/** Internal: thrown inside decode() only, caught there. */
class Malformed {
  constructor(readonly reason: DecodeErrorReason, readonly detail: string) {}
}

class Reader {
  at = 0;
  fdsUsed = 0;
  private view: DataView | undefined;

  constructor(readonly bytes: Uint8Array, readonly fds: readonly number[]) {}

  byte(what: string): number {
    if (this.at >= this.bytes.length) throw new Malformed('truncated', `ends before ${what}`);
    return this.bytes[this.at++];
  }

  string(what: string): Uint8Array {
    const length = this.byte(`the length of ${what}`);
    const end = this.at + length;
    if (end > this.bytes.length) throw new Malformed('truncated', `${what} of ${length} bytes is cut short`);
    // A copy: the receive buffer is reused for the next datagram.
    const s = this.bytes.slice(this.at, end);
    this.at = end;
    return s;
  }

  fd(what: string): number {
    if (this.fdsUsed >= this.fds.length) {
      throw new Malformed('fd_count', `${what} names descriptor ${this.fdsUsed + 1} of ${this.fds.length} received`);
    }
    return this.fds[this.fdsUsed++];
  }

  leaf(what: string): IpcLeaf {
    const tag = this.byte(`the tag of ${what}`);
    switch (tag) {
      case TAG_FALSE:
        return false;
      case TAG_TRUE:
        return true;
      case TAG_NUMBER: {
        if (this.at + 8 > this.bytes.length) throw new Malformed('truncated', `the number of ${what} is cut short`);
        this.view ??= new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
        const n = this.view.getFloat64(this.at, true);
        this.at += 8;
        // Whatever NaN payload a peer sent, the receiver sees the one NaN.
        return Number.isNaN(n) ? NaN : n;
      }
      case TAG_STRING:
        return this.string(what);
      case TAG_FD:
        return { kind: 'fd', fd: this.fd(what) };
      case TAG_ADDRESS:
        return { kind: 'address', fd: this.fd(what) };
      default:
        throw new Malformed('unknown_tag', `${what} has tag ${tag}`);
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function parse(r: Reader): IpcValue {
  const version = r.byte('the version');
  if (version !== WIRE_VERSION) throw new Malformed('version', `version ${version} (this side speaks ${WIRE_VERSION})`);
  const shape = r.byte('the shape');
  if (shape > MAX_MEMBERS) throw new Malformed('member_count', `${shape} members (max ${MAX_MEMBERS})`);
  let value: IpcValue;
  if (shape === SHAPE_LEAF) {
    value = r.leaf('the value');
  } else {
    const keys: Uint8Array[] = [];
    const values: IpcLeaf[] = [];
    for (let i = 0; i < shape; i++) {
      const key = r.string(`key ${i + 1}`);
      for (const seen of keys) {
        if (sameBytes(seen, key)) throw new Malformed('duplicate_key', `key ${i + 1} repeats an earlier key`);
      }
      keys.push(key);
      values.push(r.leaf(`member ${i + 1}`));
    }
    value = { kind: 'object', keys, values };
  }
  if (r.at !== r.bytes.length) throw new Malformed('trailing_bytes', `${r.bytes.length - r.at} bytes after the message`);
  if (r.fdsUsed !== r.fds.length) {
    throw new Malformed('fd_count', `${r.fds.length} descriptors received, the message names ${r.fdsUsed}`);
  }
  return value;
}

function closeEach(fds: readonly number[], close: FdCloser): void {
  for (const fd of fds) {
    try {
      close(fd);
    } catch {
      // A closer that throws must not keep the others open.
    }
  }
}

/**
 * Decodes one datagram with the descriptors that came with it. Takes
 * ownership of `fds` (see the threat model above). Never throws.
 */
export function decode(bytes: Uint8Array, fds: readonly number[], close: FdCloser): DecodeResult {
  if (bytes.length === 0) {
    closeEach(fds, close);
    return { type: 'closed' };
  }
  let error: DecodeError;
  if (bytes.length > MAX_MESSAGE_BYTES) {
    error = { reason: 'oversized', detail: `${bytes.length} bytes (max ${MAX_MESSAGE_BYTES})` };
  } else if (fds.length > MAX_FDS) {
    error = { reason: 'fd_count', detail: `${fds.length} descriptors (max ${MAX_FDS})` };
  } else {
    try {
      return { type: 'message', value: parse(new Reader(bytes, fds)) };
    } catch (err) {
      if (!(err instanceof Malformed)) {
        // A bug here must not leak what arrived either.
        closeEach(fds, close);
        throw err;
      }
      error = { reason: err.reason, detail: err.detail };
    }
  }
  closeEach(fds, close);
  return { type: 'error', error };
}
