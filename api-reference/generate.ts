// npx tsx api-reference/generate.ts: writes types/*.lua and docs/reference/*.md
// from api-reference/modules/, and removes generated files whose module is gone.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedFiles } from './outputs';
import { GENERATED_NOTE } from './render-luals';

const root = path.join(__dirname, '..');
const files = generatedFiles();
for (const [relative, text] of files) {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
    fs.writeFileSync(file, text);
    console.log(`wrote ${relative}`);
  }
}
for (const dir of ['types', 'docs/reference']) {
  for (const name of fs.readdirSync(path.join(root, dir))) {
    const relative = `${dir}/${name}`;
    if (files.has(relative)) continue;
    const text = fs.readFileSync(path.join(root, relative), 'utf8');
    if (text.includes(GENERATED_NOTE)) {
      fs.rmSync(path.join(root, relative));
      console.log(`removed ${relative}`);
    }
  }
}
