// GLIBC_TUNABLES, which bin/emilua-ts sets for node's own start-up only
// (malloc settings that make loading the startup snapshot cheaper), has been
// read by ld.so before any JavaScript runs, so it is removed here, before a
// script can see it or pass it on to the programs it starts. The launcher
// marks the variable as its own; a caller's GLIBC_TUNABLES is never touched.
// (The launcher's other variable, EMILUA_TS_LOWFDS, is taken by
// runtime/modules/system/lowfd.ts.)

export const TUNABLES_MARK = 'EMILUA_TS_SET_GLIBC_TUNABLES';

export function removeLauncherVariables(env: NodeJS.ProcessEnv = process.env): void {
  if (env[TUNABLES_MARK] === undefined) return;
  delete env[TUNABLES_MARK];
  delete env.GLIBC_TUNABLES;
}
