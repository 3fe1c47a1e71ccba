// Where the preload library of libc_service (native/preload/, built as
// build/{Release,Debug}/emilua-ts-preload.so next to the addon) is. Scripts
// read it as libc_service.preload_library_path to set LD_PRELOAD, as
// Emilua's scripts read pkg-config's emilua_preload_libc.

import * as fs from 'fs';
import * as path from 'path';
import { addonCandidatePaths } from './load-addon';

const PRELOAD_FILE = 'emilua-ts-preload.so';

/** The first built preload library, or undefined when none is built. */
export function preloadLibraryPath(): string | undefined {
  for (const addon of addonCandidatePaths()) {
    const candidate = path.join(path.dirname(addon), PRELOAD_FILE);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}
