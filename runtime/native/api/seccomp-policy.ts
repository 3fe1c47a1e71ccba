// native/addon/seccomp_policy.cc: libseccomp compilation, TSYNC loading,
// no_new_privs and the handled-only Landlock ruleset of "ambient authority
// off". Part of NativeAddon (../addon-api.ts); conventions there.

/** One libseccomp rule: syscall name, action, argument comparisons [arg, op, datum, mask]. */
export interface SeccompRule {
  name: string;
  action: number;
  args: [number, number, bigint, bigint][];
}

export interface SeccompPolicyApi {
  /** seccomp_syscall_resolve_name: native number, < -1 a pseudo number (not on this arch), -1 unknown. */
  seccompResolveName(name: string): number;
  /** Builds a filter (native arch + `arches`) and returns its BPF bytes from seccomp_export_bpf, or -errno. */
  seccompCompile(defaultAction: number, badArchAction: number, arches: string[], rules: SeccompRule[]): Uint8Array | number;
  /** seccomp(SET_MODE_FILTER, TSYNC) on every thread of this process: 0 or -errno. */
  seccompApplyTsync(bpf: Uint8Array): number;
  /** prctl(PR_SET_NO_NEW_PRIVS, 1) for the calling thread: 0 or -errno. */
  setNoNewPrivs(): number;
  /** landlock_create_ruleset with these handled masks and no rules: a ruleset fd or -errno. */
  landlockCreateHandledRuleset(fs: bigint, net: bigint, scoped: bigint, attrSize: number): number;
  /** landlock_add_rule(PATH_BENEATH) of `path` (opened O_PATH) with `access`: 0 or -errno. */
  landlockAllowPath(rulesetFd: number, path: Uint8Array, access: bigint): number;
}

/** The names of SeccompPolicyApi's functions (checked by the compiler). */
export const SECCOMP_POLICY_FUNCTIONS: Record<keyof SeccompPolicyApi, true> = {
  seccompResolveName: true,
  seccompCompile: true,
  seccompApplyTsync: true,
  setNoNewPrivs: true,
  landlockCreateHandledRuleset: true,
  landlockAllowPath: true,
};
