// One call of libc_service in the host of a subprocess actor, described the
// same way whether the actor's runtime makes it or a filter's real_fn does
// (native/preload/call.h is the C twin): how it is asked of the master
// (request()), and how the host makes it itself when the master answers
// use_slave_credentials (local()).

import * as fs from 'node:fs';
import { loadAddon } from '../../native/load-addon';
import { errnoOf } from '../../errors/errno';
import { errnoCodes } from '../../errors/categories';
import { unixAddress, ipAddress, sockConstant } from '../socket-address';
import { endianness } from 'node:os';
import type { FunctionName } from './wire';

export type Call =
  | { readonly name: 'open'; readonly path: Uint8Array; readonly flags: number; readonly mode: number }
  | { readonly name: 'unlink' | 'rmdir' | 'stat' | 'lstat'; readonly path: Uint8Array }
  | { readonly name: 'rename'; readonly path: Uint8Array; readonly path2: Uint8Array }
  | { readonly name: 'mkdir'; readonly path: Uint8Array; readonly mode: number }
  | { readonly name: 'connect_unix' | 'bind_unix'; readonly fd: number; readonly path: Uint8Array }
  | { readonly name: 'connect_inet' | 'bind_inet' | 'connect_inet6' | 'bind_inet6'; readonly fd: number;
      readonly addr: Uint8Array; readonly port: number; readonly scopeId: number }
  | { readonly name: 'getaddrinfo'; readonly node: Uint8Array | null; readonly service: Uint8Array | null;
      readonly protocol: 'tcp' | 'udp' | null };

/** stat's values with the file type inside `mode` (st_mode), times in nanoseconds since the UNIX epoch. */
export interface StatValues {
  mode: number;
  dev: bigint; ino: bigint; nlink: bigint; uid: bigint; gid: bigint; rdev: bigint;
  size: bigint; blksize: bigint; blocks: bigint;
  atimeNs: bigint; mtimeNs: bigint; ctimeNs: bigint;
}

const EMPTY = new Uint8Array(0);

/** The wire request of a call: [function, ints, str0, str1]. */
export function request(call: Call): [FunctionName, [number, number, number], Uint8Array, Uint8Array] {
  switch (call.name) {
    case 'open': return [call.name, [call.flags, call.mode, 0], call.path, EMPTY];
    case 'mkdir': return [call.name, [call.mode, 0, 0], call.path, EMPTY];
    case 'rename': return [call.name, [0, 0, 0], call.path, call.path2];
    case 'connect_unix': case 'bind_unix': return [call.name, [0, 0, 0], call.path, EMPTY];
    case 'connect_inet': case 'bind_inet': case 'connect_inet6': case 'bind_inet6':
      return [call.name, [call.port, call.scopeId | 0, 0], call.addr, EMPTY];
    case 'getaddrinfo':
      return [call.name, [call.protocol === 'tcp' ? 1 : call.protocol === 'udp' ? 2 : 0,
        (call.node !== null ? 1 : 0) | (call.service !== null ? 2 : 0), 0], call.node ?? EMPTY, call.service ?? EMPTY];
    default: return [call.name, [0, 0, 0], call.path, EMPTY];
  }
}

/** What a call made by the host itself gives: result and errno (stat: values on success). */
export interface LocalResult {
  result: number;
  errno: number;
  stat?: StatValues;
}

function attempt(run: () => number): LocalResult {
  try {
    return { result: run(), errno: 0 };
  } catch (err) {
    return { result: -1, errno: errnoOf(err) };
  }
}

function addonResult(r: number): LocalResult {
  return r < 0 ? { result: -1, errno: -r } : { result: r, errno: 0 };
}

export function statValuesOf(st: fs.BigIntStats): StatValues {
  return {
    mode: Number(st.mode), dev: st.dev, ino: st.ino, nlink: st.nlink, uid: st.uid, gid: st.gid, rdev: st.rdev,
    size: st.size, blksize: st.blksize, blocks: st.blocks, atimeNs: st.atimeNs, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs,
  };
}

/** sockaddr bytes of a connect/bind call (undefined: the path does not fit). */
export function sockaddrOf(call: Call): Uint8Array | undefined {
  switch (call.name) {
    case 'connect_unix': case 'bind_unix': return unixAddress(call.path);
    case 'connect_inet': case 'bind_inet': case 'connect_inet6': case 'bind_inet6':
      return ipAddress({ bytes: call.addr, scopeId: call.scopeId }, call.port);
    default: return undefined;
  }
}

/** The call made by the host itself (the master said use_slave_credentials). */
export function local(call: Call): LocalResult {
  const p = 'path' in call ? Buffer.from(call.path) : Buffer.alloc(0);
  switch (call.name) {
    case 'open': return attempt(() => fs.openSync(p, call.flags, call.mode));
    case 'unlink': return attempt(() => (fs.unlinkSync(p), 0));
    case 'rmdir': return attempt(() => (fs.rmdirSync(p), 0));
    case 'rename': return attempt(() => (fs.renameSync(p, Buffer.from(call.path2)), 0));
    case 'mkdir': return attempt(() => (fs.mkdirSync(p, { mode: call.mode }), 0));
    case 'stat': case 'lstat':
      try {
        const st = call.name === 'stat' ? fs.statSync(p, { bigint: true }) : fs.lstatSync(p, { bigint: true });
        return { result: 0, errno: 0, stat: statValuesOf(st) };
      } catch (err) {
        return { result: -1, errno: errnoOf(err) };
      }
    case 'connect_unix': case 'connect_inet': case 'connect_inet6':
    case 'bind_unix': case 'bind_inet': case 'bind_inet6': {
      const address = sockaddrOf(call);
      if (address === undefined) return { result: -1, errno: errnoCodes.ENAMETOOLONG };
      return addonResult(call.name.startsWith('connect')
        ? loadAddon().sockConnect(call.fd, address) : loadAddon().sockBind(call.fd, address));
    }
    case 'getaddrinfo':
      // Only a filter gets here: the host's resolver runs on the thread pool
      // and cannot answer inside a synchronous filter (docs/compat.md).
      return { result: -1, errno: errnoCodes.ENOSYS };
  }
}

/** The calls of a family, by the address family of a sockaddr: 'unix' | 'inet' | 'inet6' | undefined. */
export function familyOf(address: Uint8Array): 'unix' | 'inet' | 'inet6' | undefined {
  if (address.length < 2) return undefined;
  const af = new DataView(address.buffer, address.byteOffset, 2).getUint16(0, endianness() === 'LE');
  if (af === sockConstant('AF_UNIX')) return 'unix';
  if (af === sockConstant('AF_INET')) return 'inet';
  if (af === sockConstant('AF_INET6')) return 'inet6';
  return undefined;
}
