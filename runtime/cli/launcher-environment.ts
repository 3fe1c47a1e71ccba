// GLIBC_TUNABLES, which bin/emilua-ts sets for node's own start-up only
// (malloc settings that make loading the startup snapshot cheaper), has been
// read by ld.so before any JavaScript runs, so it is removed here, before a
// script can see it or pass it on to the programs it starts. The launcher
// marks the variable as its own; a caller's GLIBC_TUNABLES is never touched.
// EMILUA_TS_ARGV0 carries the name the launcher was invoked by (its $0): it
// becomes system.arguments[1], argv[0] as Emilua gives it, so a script can
// start this runtime again (system.spawn{program = system.arguments[1]}).
// (The launcher's other variable, EMILUA_TS_LOWFDS, is taken by
// runtime/modules/system/lowfd.ts.)

import { procWords } from './raw-arguments';

export const TUNABLES_MARK = 'EMILUA_TS_SET_GLIBC_TUNABLES';
export const ARGV0_VARIABLE = 'EMILUA_TS_ARGV0';
/** argv[0] when the runtime was started without the launcher (node bundle/out/cli.js). */
const DEFAULT_ARGV0 = 'emilua-ts';

export function removeLauncherVariables(env: NodeJS.ProcessEnv = process.env): void {
  if (env[TUNABLES_MARK] === undefined) return;
  delete env[TUNABLES_MARK];
  delete env.GLIBC_TUNABLES;
}

/**
 * Removes EMILUA_TS_ARGV0 and returns its bytes, or "emilua-ts" without it.
 * Node decodes the environment as UTF-8, so a name that is not UTF-8 is read
 * from the kernel's copy, /proc/self/environ.
 */
export function takeInvocationName(env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const text = env[ARGV0_VARIABLE];
  delete env[ARGV0_VARIABLE];
  if (text === undefined || text === '') return Buffer.from(DEFAULT_ARGV0);
  if (!text.includes('\ufffd')) return Buffer.from(text);
  return environBytes(ARGV0_VARIABLE) ?? Buffer.from(text);
}

function environBytes(name: string): Uint8Array | undefined {
  const prefix = Buffer.from(`${name}=`);
  const entry = procWords('/proc/self/environ')?.find((word) => prefix.equals(word.subarray(0, prefix.length)));
  return entry?.subarray(prefix.length);
}
