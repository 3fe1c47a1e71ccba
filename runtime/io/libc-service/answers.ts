// The outcome of one libc_service call, in the three shapes its functions
// have (an integer, stat's values, getaddrinfo's answer): from the master's
// reply, or from the host's own call when the master answered
// use_slave_credentials (real()). Filters' real_fn returns these, and the
// runtime's call sites (gate.ts) receive them.

import { loadAddon } from '../../native/load-addon';
import { errnoCodes } from '../../errors/categories';
import { local, request, type Call, type StatValues } from './calls';
import { PASS, type Answer, type LibcClient } from './client';
import * as wire from './wire';

export interface IntOutcome { result: number; errno: number; fds: number[] }
export type StatOutcome = { ok: false; errno: number } | { ok: true; stat: StatValues };
export type GaiOutcome =
  | { kind: 'error'; eai: number; errno: number }
  | { kind: 'none' }
  | { kind: 'address'; bytes: Uint8Array; scopeId: number; port: number | undefined };

const NS = 1_000_000_000n;

export function ask(client: LibcClient, call: Call): Answer {
  const [name, ints, str0, str1] = request(call);
  return client.ask(name, ints, str0, str1);
}

function closeAll(fds: number[]): void {
  for (const fd of fds) loadAddon().fdClose(fd);
}

export function statValuesOfAnswer(a: wire.StatAnswer): StatValues {
  const f = (name: string): bigint => a.fields.get(name) ?? 0n;
  const time = (name: string): bigint => {
    if (!a.fields.has(name)) return 0n;
    const ns = a.nsec.get(name) ?? 0n;
    return f(name) * NS + (ns >= 0n && ns < NS ? ns : 0n);
  };
  return {
    mode: (Number(f('mode')) & 0o7777) | a.type,
    dev: f('dev'), ino: f('ino'), nlink: f('nlink'), uid: f('uid'), gid: f('gid'), rdev: f('rdev'),
    size: f('size'), blksize: f('blksize'), blocks: f('blocks'),
    atimeNs: time('atime'), mtimeNs: time('mtime'), ctimeNs: time('ctime'),
  };
}

/** An integer call's outcome from a master's answer (not PASS). */
export function intOutcome(answer: Answer & { kind: 'result' }): IntOutcome {
  return { result: answer.result, errno: answer.result < 0 ? answer.errno : 0, fds: answer.fds };
}

/** stat's outcome from a master's answer (not PASS); a malformed answer is EPROTO. */
export function statOutcome(answer: Answer & { kind: 'result' }): StatOutcome {
  closeAll(answer.fds);
  if (answer.result < 0) return { ok: false, errno: answer.errno };
  const decoded = wire.decodeStat(answer.extra);
  return decoded === null ? { ok: false, errno: errnoCodes.EPROTO } : { ok: true, stat: statValuesOfAnswer(decoded) };
}

/** getaddrinfo's outcome from a master's answer (not PASS). */
export function gaiOutcome(answer: Answer & { kind: 'result' }): GaiOutcome {
  closeAll(answer.fds);
  const decoded = answer.result < 0 ? null : wire.decodeAddrinfo(answer.extra);
  if (decoded === null) return { kind: 'error', eai: wire.EAI_CODES.system, errno: answer.result < 0 ? answer.errno : errnoCodes.EPROTO };
  if (decoded.status === 'error') {
    const known = Object.values(wire.EAI_CODES).includes(decoded.eai);
    return { kind: 'error', eai: known ? decoded.eai : wire.EAI_CODES.fail, errno: answer.errno };
  }
  return decoded.status === 'none' ? { kind: 'none' } : { kind: 'address', bytes: decoded.bytes, scopeId: decoded.scopeId, port: decoded.port };
}

/** real_fn of an integer call: the master's answer, or the host's own call. */
export function realInt(client: LibcClient, call: Call): IntOutcome {
  const answer = ask(client, call);
  if (answer !== PASS && answer.kind === 'result') return intOutcome(answer);
  const own = local(call);
  return { result: own.result, errno: own.errno, fds: [] };
}

export function realStat(client: LibcClient, call: Call): StatOutcome {
  const answer = ask(client, call);
  if (answer.kind === 'result') return statOutcome(answer);
  const own = local(call);
  return own.stat !== undefined ? { ok: true, stat: own.stat } : { ok: false, errno: own.errno };
}

export function realGai(client: LibcClient, call: Call): GaiOutcome {
  const answer = ask(client, call);
  if (answer.kind === 'result') return gaiOutcome(answer);
  return { kind: 'error', eai: wire.EAI_CODES.system, errno: local(call).errno };
}
