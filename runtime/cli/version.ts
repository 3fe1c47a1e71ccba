// --version: our version, the engines under us, and the native features built in.

import { FENGARI_VERSION } from '../lua/fengari';
import { loadAddon } from '../native/load-addon';

const EMILUA_TS_VERSION = '0.1.0';
const EMILUA_API = '0.11';

export function versionText(): string {
  let features: string;
  try {
    const addon = loadAddon();
    const abi = addon.landlockAbiVersion();
    features = addon.features().map((f) => (f === 'landlock' && abi > 0 ? `landlock (kernel ABI ${abi})` : f)).join(', ');
  } catch (err) {
    features = `unavailable (${(err as Error).message.split('\n')[0]})`;
  }
  return [
    `emilua-ts ${EMILUA_TS_VERSION} (Emilua ${EMILUA_API} API)`,
    `fengari ${FENGARI_VERSION}`,
    `Node.js ${process.version}`,
    `native features: ${features}`,
    '',
  ].join('\n');
}
