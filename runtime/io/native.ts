// The addon's I/O functions and the Linux constants they use, loaded on
// first use (never while a startup snapshot is being built).

import { loadAddon, type NativeAddon } from '../native/load-addon';

let constants: Readonly<Record<string, number>> | undefined;

export function io(): NativeAddon {
  return loadAddon();
}

/** O_*, S_IF*, AF_*, SOCK_*, RESOLVE_*, PIPE_BUF... (see ioConstants in addon-api.ts). */
export function ioConstant(name: string): number {
  constants ??= Object.freeze(loadAddon().ioConstants());
  const value = constants[name];
  if (value === undefined) throw new Error(`unknown I/O constant ${name}`);
  return value;
}
