// The files generate.ts writes: path (relative to the repository) -> text.

import { loadReferences } from './load';
import { renderLuaLs } from './render-luals';
import { renderIndex, renderPage } from './render-page';

export function generatedFiles(): Map<string, string> {
  const references = loadReferences();
  const files = new Map<string, string>();
  for (const reference of references) {
    files.set(`types/${reference.name}.lua`, renderLuaLs(reference));
    files.set(`docs/reference/${reference.name}.md`, renderPage(reference));
  }
  files.set('docs/reference/README.md', renderIndex(references));
  return files;
}
