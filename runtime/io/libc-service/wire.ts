// The wire format of native/preload/wire.h in TypeScript: the master's half
// (requests decoded with bounds, replies encoded) and the client's half used
// by the host of a subprocess actor (requests encoded, replies decoded with
// bounds). Pure functions (unit-tested).
//
// Threat model: requests come from a foreign, possibly hostile program.
// decodeRequest() rejects anything that is not exactly one well-formed
// request (magic, known function, lengths within LSVC_MAX_STR and equal to
// what arrived, no NUL inside a path); the caller closes the descriptors
// of a rejected request.

export const MAGIC = 0x4c535643;
export const MAX_STR = 4096;
export const REQUEST_HEADER = 28;
export const MAX_REQUEST = REQUEST_HEADER + 2 * MAX_STR;
export const MAX_REPLY_FDS = 16;
/** The filter config datagram's limit (LSVC_MAX_CONFIG). */
export const MAX_CONFIG = 64 * 1024;

export const FUNCTIONS = [
  '', 'open', 'openat', 'unlink', 'rename', 'stat', 'lstat', 'access', 'eaccess', 'mkdir', 'rmdir',
  'connect_unix', 'connect_inet', 'connect_inet6', 'bind_unix', 'bind_inet', 'bind_inet6', 'getaddrinfo',
] as const;
export type FunctionName = Exclude<(typeof FUNCTIONS)[number], ''>;

export interface Request {
  readonly function: FunctionName;
  readonly ints: readonly [number, number, number];
  readonly str0: Uint8Array;
  readonly str1: Uint8Array;
  readonly hasFd: boolean;
}

export type Decoded = { ok: true; request: Request } | { ok: false; reason: string };

const ADDRESS_BYTES: Readonly<Record<string, number>> = { connect_inet: 4, bind_inet: 4, connect_inet6: 16, bind_inet6: 16 };
/** sizeof(sockaddr_un.sun_path). */
const UNIX_PATH_MAX = 108;
const PATH_FUNCTIONS = new Set<string>(['open', 'openat', 'unlink', 'rename', 'stat', 'lstat', 'access', 'eaccess', 'mkdir', 'rmdir']);

export function decodeRequest(bytes: Uint8Array, fdCount: number): Decoded {
  if (bytes.length < REQUEST_HEADER) return { ok: false, reason: `request of ${bytes.length} bytes is shorter than its header` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) return { ok: false, reason: 'request without the protocol magic' };
  const id = view.getUint16(4, true);
  if (id === 0 || id >= FUNCTIONS.length) return { ok: false, reason: `unknown function ${id}` };
  const name = FUNCTIONS[id] as FunctionName;
  const hasFd = view.getUint16(6, true);
  if (hasFd > 1 || fdCount !== hasFd || (hasFd === 1 && name !== 'openat')) {
    return { ok: false, reason: `request carries ${fdCount} descriptors` };
  }
  const len0 = view.getUint32(20, true);
  const len1 = view.getUint32(24, true);
  if (len0 > MAX_STR || len1 > MAX_STR || REQUEST_HEADER + len0 + len1 !== bytes.length) {
    return { ok: false, reason: 'request lengths do not match its size' };
  }
  const str0 = bytes.slice(REQUEST_HEADER, REQUEST_HEADER + len0);
  const str1 = bytes.slice(REQUEST_HEADER + len0);
  if (PATH_FUNCTIONS.has(name) && (len0 === 0 || str0.includes(0) || str1.includes(0))) {
    return { ok: false, reason: 'request path is empty or holds a NUL byte' };
  }
  if (name === 'rename' && len1 === 0) return { ok: false, reason: 'rename without a second path' };
  const want = ADDRESS_BYTES[name];
  if (want !== undefined && len0 !== want) return { ok: false, reason: `${name} with an address of ${len0} bytes` };
  if ((name === 'connect_unix' || name === 'bind_unix') && len0 > UNIX_PATH_MAX) {
    return { ok: false, reason: `${name} with a path of ${len0} bytes` };
  }
  const ints: [number, number, number] = [view.getInt32(8, true), view.getInt32(12, true), view.getInt32(16, true)];
  return { ok: true, request: { function: name, ints, str0, str1, hasFd: hasFd === 1 } };
}

export const REPLY_RESULT = 0;
export const REPLY_USE_SLAVE = 1;

export function encodeReply(kind: number, result: number, errno: number, extra?: Uint8Array): Uint8Array {
  const out = new Uint8Array(24 + (extra?.length ?? 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setInt32(4, kind, true);
  view.setBigInt64(8, BigInt(result), true);
  view.setInt32(16, errno, true);
  view.setUint32(20, extra?.length ?? 0, true);
  if (extra !== undefined) out.set(extra, 24);
  return out;
}

/** stat's fields in wire order; `type` is S_IFMT bits. */
export const STAT_FIELDS = ['dev', 'ino', 'mode', 'nlink', 'uid', 'gid', 'rdev', 'size', 'atime', 'mtime', 'ctime', 'blksize', 'blocks'] as const;
/** The nanoseconds of atime, mtime, ctime follow the 13 fields (struct lsvc_stat). */
export const STAT_BYTES = 8 + 8 * STAT_FIELDS.length + 8 * 3;
const TIME_FIELDS = ['atime', 'mtime', 'ctime'] as const;

/** fields: seconds for the times; nsec: their nanoseconds (0 when absent). */
export function encodeStat(fields: ReadonlyMap<string, bigint>, type: number, nsec?: ReadonlyMap<string, bigint>): Uint8Array {
  const out = new Uint8Array(STAT_BYTES);
  const view = new DataView(out.buffer);
  let present = 0;
  STAT_FIELDS.forEach((name, i) => {
    const value = fields.get(name);
    if (value === undefined) return;
    present |= 1 << i;
    view.setBigInt64(8 + 8 * i, value, true);
  });
  TIME_FIELDS.forEach((name, i) => view.setBigInt64(8 + 8 * STAT_FIELDS.length + 8 * i, nsec?.get(name) ?? 0n, true));
  view.setUint32(0, present, true);
  view.setUint32(4, type, true);
  return out;
}

/** A stat answer: present fields (times in seconds), S_IFMT type bits, time nanoseconds. */
export interface StatAnswer {
  readonly fields: Map<string, bigint>;
  readonly type: number;
  readonly nsec: Map<string, bigint>;
}

export function decodeStat(bytes: Uint8Array): StatAnswer | null {
  if (bytes.length !== STAT_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const present = view.getUint32(0, true);
  const fields = new Map<string, bigint>();
  STAT_FIELDS.forEach((name, i) => {
    if (present & (1 << i)) fields.set(name, view.getBigInt64(8 + 8 * i, true));
  });
  const nsec = new Map<string, bigint>();
  TIME_FIELDS.forEach((name, i) => nsec.set(name, view.getBigInt64(8 + 8 * STAT_FIELDS.length + 8 * i, true)));
  return { fields, type: view.getUint32(4, true) & 0o170000, nsec };
}

/** Linux open(2) flags as the names of libc_service.master's arguments(). */
const OPEN_FLAGS: ReadonlyArray<[string, number]> = [
  ['append', 0o2000], ['create', 0o100], ['directory', 0o200000], ['exclusive', 0o200],
  ['no_follow', 0o400000], ['sync_all_on_write', 0o4010000], ['truncate', 0o1000],
];
const O_PATH = 0o10000000;
const O_TMPFILE = 0o20200000;
const RESOLVE_FLAGS: ReadonlyArray<[string, number]> = [
  ['resolve_no_xdev', 1], ['resolve_no_magiclinks', 2], ['resolve_no_symlinks', 4],
  ['resolve_beneath', 8], ['resolve_in_root', 0x10], ['resolve_cached', 0x20],
];

export function openFlagNames(flags: number, resolve: number): string[] {
  const names: string[] = [];
  if ((flags & O_TMPFILE) === O_TMPFILE) names.push('temporary');
  if (flags & O_PATH) names.push('path');
  const access = flags & 3;
  names.push(access === 0 ? 'read_only' : access === 1 ? 'write_only' : 'read_write');
  for (const [name, bit] of OPEN_FLAGS) {
    if (name === 'directory' && (flags & O_TMPFILE) === O_TMPFILE) continue;
    if ((flags & bit) === bit) names.push(name);
  }
  for (const [name, bit] of RESOLVE_FLAGS) if (resolve & bit) names.push(name);
  return names.sort();
}

export function openHasMode(flags: number): boolean {
  return (flags & 0o100) !== 0 || (flags & O_TMPFILE) === O_TMPFILE;
}

/** The filter config datagram: { u8 id; u32 length; source }*. */
export function encodeConfig(filters: ReadonlyMap<FunctionName, Uint8Array>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [name, source] of filters) {
    const head = new Uint8Array(5);
    head[0] = FUNCTIONS.indexOf(name);
    new DataView(head.buffer).setUint32(1, source.length, true);
    parts.push(head, source);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** getaddrinfo's EAI_* codes (glibc, Linux) by the names of Emilua's replies. */
export const EAI_CODES: Readonly<Record<string, number>> = {
  again: -3, badflags: -1, fail: -4, family: -6, memory: -10, noname: -2, service: -8, socktype: -7, system: -11,
};

/** struct lsvc_addrinfo: status 0 one address, 1 none, 2 an EAI error. */
export function encodeAddrinfo(status: number, eai: number, address?: { bytes: Uint8Array; scopeId: number }, port?: number): Uint8Array {
  const out = new Uint8Array(36);
  const view = new DataView(out.buffer);
  view.setInt32(0, status, true);
  view.setInt32(4, eai, true);
  if (address !== undefined) {
    view.setInt32(8, address.bytes.length === 4 ? 4 : 6, true);
    view.setUint32(12, address.scopeId, true);
    out.set(address.bytes, 20);
  }
  view.setInt32(16, port ?? -1, true);
  return out;
}

export const ADDRINFO_BYTES = 36;

/** One getaddrinfo answer, decoded (struct lsvc_addrinfo). */
export type AddrinfoAnswer =
  | { status: 'address'; bytes: Uint8Array; scopeId: number; port: number | undefined }
  | { status: 'none' }
  | { status: 'error'; eai: number };

export function decodeAddrinfo(bytes: Uint8Array): AddrinfoAnswer | null {
  if (bytes.length !== ADDRINFO_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const status = view.getInt32(0, true);
  if (status === 1) return { status: 'none' };
  if (status === 2) return { status: 'error', eai: view.getInt32(4, true) };
  if (status !== 0) return null;
  const family = view.getInt32(8, true);
  if (family !== 4 && family !== 6) return null;
  const port = view.getInt32(16, true);
  if (port < -1 || port > 65535) return null;
  return {
    status: 'address',
    bytes: bytes.slice(20, family === 4 ? 24 : 36),
    scopeId: family === 6 ? view.getUint32(12, true) : 0,
    port: port === -1 ? undefined : port,
  };
}

/** A request of the client (what the preload library sends). */
export function encodeRequest(name: FunctionName, ints: readonly [number, number, number], str0: Uint8Array, str1: Uint8Array, hasFd: boolean): Uint8Array {
  const out = new Uint8Array(REQUEST_HEADER + str0.length + str1.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint16(4, FUNCTIONS.indexOf(name), true);
  view.setUint16(6, hasFd ? 1 : 0, true);
  ints.forEach((v, i) => view.setInt32(8 + 4 * i, v, true));
  view.setUint32(20, str0.length, true);
  view.setUint32(24, str1.length, true);
  out.set(str0, REQUEST_HEADER);
  out.set(str1, REQUEST_HEADER + str0.length);
  return out;
}

export const REPLY_HEADER = 24;
/** The largest reply: the header and a stat answer. */
export const MAX_REPLY = REPLY_HEADER + STAT_BYTES;

export interface Reply {
  readonly kind: number;
  readonly result: number;
  readonly errno: number;
  readonly extra: Uint8Array;
}

/** A reply of the master, checked like conn.c's receive_answer. */
export function decodeReply(bytes: Uint8Array): Reply | null {
  if (bytes.length < REPLY_HEADER) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) return null;
  const kind = view.getInt32(4, true);
  if (kind !== REPLY_RESULT && kind !== REPLY_USE_SLAVE) return null;
  const extraLength = view.getUint32(20, true);
  if (extraLength !== bytes.length - REPLY_HEADER || extraLength > STAT_BYTES) return null;
  const result = view.getBigInt64(8, true);
  if (result < BigInt(Number.MIN_SAFE_INTEGER) || result > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return { kind, result: Number(result), errno: view.getInt32(16, true), extra: bytes.slice(REPLY_HEADER) };
}

/** The filter config datagram, decoded (the preload's read_config). */
export function decodeConfig(bytes: Uint8Array): Map<FunctionName, Uint8Array> | null {
  const out = new Map<FunctionName, Uint8Array>();
  let at = 0;
  while (at < bytes.length) {
    if (bytes.length - at < 5) return null;
    const id = bytes[at];
    const length = new DataView(bytes.buffer, bytes.byteOffset + at + 1, 4).getUint32(0, true);
    at += 5;
    if (id === 0 || id >= FUNCTIONS.length || length > bytes.length - at) return null;
    const name = FUNCTIONS[id] as FunctionName;
    if (out.has(name)) return null;
    out.set(name, bytes.slice(at, at + length));
    at += length;
  }
  return out;
}
