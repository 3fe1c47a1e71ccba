// native/addon/process.cc: Process groups, sessions, IDs, signal dispositions, exit.
// Part of NativeAddon (../addon-api.ts); conventions there.

export interface ProcessApi {
  /** getpgrp(2). */
  procGetpgrp(): number;
  /** getpgid(2) | -errno. */
  procGetpgid(pid: number): number;
  /** getsid(2) | -errno. */
  procGetsid(pid: number): number;
  /** getresuid(2): [real, effective, saved] | -errno. */
  procGetresuid(): [number, number, number] | number;
  /** getresgid(2): [real, effective, saved] | -errno. */
  procGetresgid(): [number, number, number] | number;
  /** The signal's disposition: 0 SIG_DFL, 1 SIG_IGN, 2 a handler | -errno. */
  signalDisposition(sig: number): number;
  /** sigaction(SIG_IGN when `ignore`, else SIG_DFL). 0 | -errno. */
  signalSetDisposition(sig: number, ignore: boolean): number;
  /** raise(3). 0 | -errno. */
  signalRaise(sig: number): number;
  /** _exit(2): ends the process at once, without exit handlers. */
  procExitNow(code: number): never;
  /** abort(3). */
  procAbort(): never;
}

/** The names of ProcessApi's functions: a name missing here, or one not in ProcessApi, fails to compile. */
export const PROCESS_FUNCTIONS: Record<keyof ProcessApi, true> = {
  procGetpgrp: true,
  procGetpgid: true,
  procGetsid: true,
  procGetresuid: true,
  procGetresgid: true,
  signalDisposition: true,
  signalSetDisposition: true,
  signalRaise: true,
  procExitNow: true,
  procAbort: true,
};
