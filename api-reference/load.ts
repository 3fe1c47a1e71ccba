// Every ModuleReference of api-reference/modules/ (each file's default
// export), sorted with the globals first. A new module needs only its file.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModuleReference } from './model';

export const MODULES_DIR = path.join(__dirname, 'modules');

export function loadReferences(): ModuleReference[] {
  const references = fs.readdirSync(MODULES_DIR)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => {
      const reference = require(path.join(MODULES_DIR, file)).default as ModuleReference;
      if (reference?.name !== file.slice(0, -3)) {
        throw new Error(`api-reference/modules/${file} must export default defineModule({ name: '${file.slice(0, -3)}', ... })`);
      }
      return reference;
    });
  return references.sort((a, b) => (a.name === 'globals' ? -1 : b.name === 'globals' ? 1 : a.name.localeCompare(b.name)));
}
