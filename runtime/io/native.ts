// The Linux constants the addon's I/O functions use, read from the addon on
// first use (never while a startup snapshot is being built). The functions
// themselves are reached through loadAddon() (runtime/native/load-addon.ts).

import { loadAddon } from '../native/load-addon';

let constants: Readonly<Record<string, number>> | undefined;

/** O_*, S_IF*, AF_*, SOCK_*, RESOLVE_*, PIPE_BUF... (see ioConstants in runtime/native/api/fd.ts). */
export function ioConstant(name: string): number {
  constants ??= Object.freeze(loadAddon().ioConstants());
  const value = constants[name];
  if (value === undefined) throw new Error(`unknown I/O constant ${name}`);
  return value;
}
