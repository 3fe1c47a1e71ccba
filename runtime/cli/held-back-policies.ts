// The actor host's side of init.script's held-back Landlock and seccomp
// requests (init-script/deferred.h): applied on every thread of this process,
// in the script's order, after Node has started and before the actor's first
// line; only then does the parent's spawn_vm return.
//
// Threat model: nothing untrusted has run yet (the helper wrote the list
// before exec; the IPC peer is the parent). What must hold: the actor never
// runs with less than the script asked for, so any failure ends this process
// before the VM starts and is reported to spawn_vm as the script's call
// failing; the status fd and the rulesets are closed either way, so the
// actor cannot reach them.

import type { NativeAddon } from '../native/load-addon';
import { POLICY_FD_ENV_NAME, STATUS_FD_ENV_NAME } from '../sandbox/init-config';
import { decodePolicyHandover, POLICY_HANDOVER_MAX_BYTES } from '../sandbox/deferred-policies';
import { encodeInitStatus } from '../sandbox/init-status';

export interface HeldBack {
  readonly policyFd: number;
  readonly statusFd: number;
}

function fdFromEnv(name: string): number | null {
  const text = process.env[name];
  delete process.env[name];
  if (text === undefined) return null;
  const fd = Number(text);
  return Number.isInteger(fd) && fd >= 3 ? fd : -1;
}

/** The two descriptors named by the helper, removed from the environment; null when nothing was held back. */
export function takeHeldBack(): HeldBack | null | 'malformed' {
  const policyFd = fdFromEnv(POLICY_FD_ENV_NAME);
  const statusFd = fdFromEnv(STATUS_FD_ENV_NAME);
  if (policyFd === null && statusFd === null) return null;
  if (policyFd === null || statusFd === null || policyFd < 0 || statusFd < 0) return 'malformed';
  return { policyFd, statusFd };
}

function readAll(addon: NativeAddon, fd: number): Uint8Array | number {
  const buffer = new Uint8Array(POLICY_HANDOVER_MAX_BYTES + 1);
  let length = 0;
  for (;;) {
    const n = addon.fdRead(fd, buffer.subarray(length));
    if (n < 0) return n;
    if (n === 0) return buffer.subarray(0, length);
    length += n;
    if (length > POLICY_HANDOVER_MAX_BYTES) return -7; // E2BIG
  }
}

/**
 * Applies the list and reports to the parent. true: the actor may start;
 * false: this process must end (the parent was told why).
 */
export function applyHeldBack(addon: NativeAddon, held: HeldBack): boolean {
  const report = (errno: number, message: string): false => {
    addon.fdWrite(held.statusFd, encodeInitStatus({ stage: 'script-call', errno, message }));
    addon.fdClose(held.statusFd);
    return false;
  };
  const bytes = readAll(addon, held.policyFd);
  addon.fdClose(held.policyFd);
  if (typeof bytes === 'number') return report(-bytes, 'reading the policy hand-over of the init helper');
  let policies;
  try {
    policies = decodePolicyHandover(bytes);
  } catch (err) {
    return report(0, (err as Error).message);
  }
  let failure: false | null = null;
  for (const policy of policies) {
    if (failure !== null) {
      if (policy.kind === 'landlock') addon.fdClose(policy.rulesetFd);
      continue;
    }
    if (policy.kind === 'landlock') {
      const r = addon.landlockRestrictAllThreads(policy.rulesetFd);
      addon.fdClose(policy.rulesetFd);
      if (r < 0) failure = report(-r, 'C.landlock_restrict_self (applied on every thread of the actor host)');
    } else {
      const r = addon.seccompSetModeFilterAllThreads(policy.program);
      if (r < 0) failure = report(-r, 'C.seccomp_set_mode_filter (applied on every thread of the actor host)');
    }
  }
  if (failure !== null) return false;
  addon.fdClose(held.statusFd);
  return true;
}
