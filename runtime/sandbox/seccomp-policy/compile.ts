// Turns a policy (groups and syscall names, union and minus, a default
// action) into BPF bytes through libseccomp. Pure policy: the Lua module
// (runtime/modules/seccomp_policy/) reads Lua values into a PolicySpec and
// raises errors from the PolicyError thrown here.
//
// Threat model: the filter is loaded into code we do not trust. It must not
// let a syscall through by another door: other arches (i386 via int 0x80,
// x32 numbers on x86_64) take the bad-arch action unless the policy names
// them, and an unknown name is an error rather than a silently missing rule.

import { loadAddon } from '../../native/load-addon';
import type { SeccompRule } from '../../native/api/seccomp-policy';
import { GROUPS, type Condition, type GroupEntry } from './groups';

export const SCMP_ACT_ALLOW = 0x7fff0000;
export const SCMP_ACT_LOG = 0x7ffc0000;
export const SCMP_ACT_KILL_PROCESS = 0x80000000;
export const scmpActErrno = (errno: number): number => (0x00050000 | (errno & 0xffff)) >>> 0;

export class PolicyError extends Error {
  constructor(readonly field: string, readonly errno: number, message: string) { super(message); }
}

/** Allowed syscalls: name -> unconditional (null) or alternatives of conditions. */
export type Allowed = Map<string, (readonly Condition[])[] | null>;

export interface PolicySpec {
  allow: string[];           // group or syscall names
  deny?: string[];           // a deny list instead: everything else is allowed
  minus: string[];           // group or syscall names removed from the union
  defaultAction: number;     // for everything not allowed
  badArchAction?: number;    // other arches; defaults to defaultAction
  arches: string[];          // extra arches to accept (libseccomp names: "x86", "x32")
}

const EINVAL = 22;

function entriesOf(name: string): readonly GroupEntry[] {
  const group = GROUPS[name];
  if (group !== undefined) return group;
  // A syscall by name: it must exist on some arch (libseccomp knows it).
  if (!/^[a-z_][a-z0-9_]*$/.test(name) || loadAddon().seccompResolveName(name) === -1) {
    throw new PolicyError(name, EINVAL, `unknown syscall or group '${name}'`);
  }
  return [{ name }];
}

/** The union of `allow` minus every syscall named (directly or by group) in `minus`. */
export function compose(allow: readonly string[], minus: readonly string[]): Allowed {
  const out: Allowed = new Map();
  for (const item of allow) {
    for (const e of entriesOf(item)) {
      const prev = out.get(e.name);
      if (e.when === undefined || prev === null) out.set(e.name, null);
      else out.set(e.name, [...(prev ?? []), ...e.when]);
    }
  }
  for (const item of minus) for (const e of entriesOf(item)) out.delete(e.name);
  return out;
}

/** libseccomp rules for `allowed` with `action`, skipping names absent on every arch of the filter. */
export function rulesOf(allowed: Allowed, action: number, arches: readonly string[]): SeccompRule[] {
  const rules: SeccompRule[] = [];
  for (const [name, when] of allowed) {
    // < -1: a pseudo number, i.e. not a syscall of the native arch.
    if (arches.length === 0 && loadAddon().seccompResolveName(name) < 0) continue;
    if (when === null) rules.push({ name, action, args: [] });
    else for (const conds of when) rules.push({ name, action, args: conds.map((c) => [c[0], c[1], c[2], c[3]]) });
  }
  return rules;
}

export function compileRules(defaultAction: number, badArch: number, arches: readonly string[], rules: SeccompRule[]): Uint8Array {
  const out = loadAddon().seccompCompile(defaultAction, badArch, [...arches], rules);
  if (typeof out === 'number') throw new PolicyError('policy', -out, 'libseccomp refused the policy');
  return out;
}

const ENOSYS = 38;

export function compilePolicy(spec: PolicySpec): Uint8Array {
  if (spec.deny !== undefined && spec.deny.length > 0) {
    // The listed calls take the action, the rest of the native arch is
    // allowed; other arches are still refused (ENOSYS, as libc expects of
    // a missing syscall), or they would be a way around the list.
    if (spec.allow.length > 0) throw new PolicyError('deny', EINVAL, 'allow and deny cannot be combined');
    const denied = compose(spec.deny, spec.minus);
    const rules = rulesOf(denied, spec.defaultAction, spec.arches);
    return compileRules(SCMP_ACT_ALLOW, spec.badArchAction ?? scmpActErrno(ENOSYS), spec.arches, rules);
  }
  const allowed = compose(spec.allow, spec.minus);
  const rules = rulesOf(allowed, SCMP_ACT_ALLOW, spec.arches);
  return compileRules(spec.defaultAction, spec.badArchAction ?? spec.defaultAction, spec.arches, rules);
}
