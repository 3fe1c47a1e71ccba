// Lua sources of lua-stdlib/, read once when the runtime loads (so a startup
// snapshot carries them). The folder sits two levels above both this file and
// the bundled output.

import * as fs from 'node:fs';
import * as path from 'node:path';

function readStdlib(name: string): Uint8Array {
  const candidates = [
    path.join(__dirname, '..', '..', 'lua-stdlib', name),
    path.join(__dirname, '..', 'lua-stdlib', name),
  ];
  for (const candidate of candidates) {
    if (fs.existsSync(candidate)) return fs.readFileSync(candidate);
  }
  throw new Error(`lua-stdlib/${name} not found; looked in:\n  ${candidates.join('\n  ')}`);
}

export const fiberPreludeSource = readStdlib('fiber-prelude.lua');
export const streamSource = readStdlib('stream.lua');
export const ipSource = readStdlib('ip.lua');
