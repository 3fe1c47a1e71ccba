// struct sockaddr as raw bytes, the form in which addresses cross the addon
// boundary (native/addon/socket.cc): sockaddr_un for UNIX sockets,
// sockaddr_in and sockaddr_in6 for IP. Multi-byte fields are in the host's
// byte order except ports (and the addresses themselves), which are in
// network order.

import { endianness } from 'node:os';
import { loadAddon } from '../native/load-addon';

let constants: Readonly<Record<string, number>> | undefined;

/** AF_*, SOCK_*, SO_*, MSG_*... (see sockConstants in runtime/native/api/socket.ts). */
export function sockConstant(name: string): number {
  constants ??= Object.freeze(loadAddon().sockConstants());
  const value = constants[name];
  if (value === undefined) throw new Error(`unknown socket constant ${name}`);
  return value;
}

const LITTLE = endianness() === 'LE';
/** sizeof(sun_path) on Linux. */
export const UNIX_PATH_MAX = 108;

function family(bytes: Uint8Array): number {
  if (bytes.length < 2) return -1;
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint16(0, LITTLE);
}

function withFamily(size: number, af: number): { bytes: Uint8Array; view: DataView } {
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, af, LITTLE);
  return { bytes, view };
}

/**
 * sockaddr_un for `path` (its raw bytes; a first byte 0 names an abstract
 * socket, taken length-delimited). undefined when it does not fit.
 */
export function unixAddress(path: Uint8Array): Uint8Array | undefined {
  const abstract = path.length > 0 && path[0] === 0;
  // A filesystem path needs its terminating NUL inside sun_path.
  if (path.length > (abstract ? UNIX_PATH_MAX : UNIX_PATH_MAX - 1)) return undefined;
  const { bytes } = withFamily(2 + path.length + (abstract ? 0 : 1), sockConstant('AF_UNIX'));
  bytes.set(path, 2);
  return bytes;
}

/** The path inside a sockaddr_un (empty for an unnamed socket). */
export function unixPathOf(address: Uint8Array): Uint8Array {
  if (address.length <= 2 || family(address) !== sockConstant('AF_UNIX')) return new Uint8Array(0);
  const path = address.subarray(2);
  if (path[0] === 0) return Uint8Array.from(path);
  const end = path.indexOf(0);
  return Uint8Array.from(end === -1 ? path : path.subarray(0, end));
}

/** An IP address: 4 or 16 bytes in network order, and the IPv6 scope. */
export interface IpAddress {
  readonly bytes: Uint8Array;
  readonly scopeId: number;
}

export function isV6(address: IpAddress): boolean {
  return address.bytes.length === 16;
}

/** sockaddr_in or sockaddr_in6 for an address and port. */
export function ipAddress(address: IpAddress, port: number): Uint8Array {
  if (!isV6(address)) {
    const { bytes, view } = withFamily(16, sockConstant('AF_INET'));
    view.setUint16(2, port, false);
    bytes.set(address.bytes, 4);
    return bytes;
  }
  const { bytes, view } = withFamily(28, sockConstant('AF_INET6'));
  view.setUint16(2, port, false);
  bytes.set(address.bytes, 8);
  view.setUint32(24, address.scopeId, LITTLE);
  return bytes;
}

/** The address and port of a sockaddr_in or sockaddr_in6, undefined for any other family. */
export function ipEndpointOf(raw: Uint8Array): { address: IpAddress; port: number } | undefined {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const af = family(raw);
  if (af === sockConstant('AF_INET') && raw.length >= 8) {
    return { address: { bytes: Uint8Array.from(raw.subarray(4, 8)), scopeId: 0 }, port: view.getUint16(2, false) };
  }
  if (af === sockConstant('AF_INET6') && raw.length >= 24) {
    const scopeId = raw.length >= 28 ? view.getUint32(24, LITTLE) : 0;
    return { address: { bytes: Uint8Array.from(raw.subarray(8, 24)), scopeId }, port: view.getUint16(2, false) };
  }
  return undefined;
}

/** sockaddr with family AF_UNSPEC: connect(2) to it dissolves an association. */
export function unspecifiedAddress(): Uint8Array {
  return withFamily(16, sockConstant('AF_UNSPEC')).bytes;
}
