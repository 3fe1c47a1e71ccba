// Lua golden tests: every tests/lua/<name>.lua runs under the built emilua-ts
// with cwd tests/lua. stdout must equal <name>.out, stderr <name>.err (empty
// when that file is absent), the exit status <name>.status (0 when absent).
// <name>.args: extra words, one per line, before the script; words after a
// line "--" go after the script (a "--" is inserted before them).
// <name>.script: the path given instead of <name>.lua (for the tests of what
// the CLI refuses: a missing file, which uvu's directory walk would not allow
// as a dangling symlink). <name>.chmod: the permission bits (octal) the
// script has during the run; as root, the run then drops the capabilities
// that bypass file permissions (setpriv), as an ordinary user would be.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const luaDir = path.join(__dirname, 'lua');
const cli = path.join(__dirname, '..', 'bin', 'emilua-ts');
const bundle = path.join(__dirname, '..', 'bundle', 'out', 'cli.js');
const TIMEOUT_MS = 30_000;
const WITHOUT_DAC_OVERRIDE = ['setpriv', '--inh-caps=-dac_override,-dac_read_search', '--bounding-set=-dac_override,-dac_read_search', '--'];

function readOptional(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

function commandLine(name: string): string[] {
  const script = readOptional(path.join(luaDir, `${name}.script`))?.trim() ?? `${name}.lua`;
  const argsText = readOptional(path.join(luaDir, `${name}.args`));
  if (argsText === undefined) return [script];
  const lines = argsText.split('\n').filter((line) => line !== '');
  const split = lines.indexOf('--');
  const before = split === -1 ? lines : lines.slice(0, split);
  const after = split === -1 ? [] : lines.slice(split + 1);
  return [...before, script, ...(after.length > 0 ? ['--', ...after] : [])];
}

const childEnv: NodeJS.ProcessEnv = { ...process.env, EMILUA_COLORS: '0' };
delete childEnv.NO_COLOR;
delete childEnv.FORCE_COLOR;
delete childEnv.EMILUA_PATH;

const names = fs.readdirSync(luaDir)
  .filter((file) => file.endsWith('.lua'))
  .map((file) => file.slice(0, -'.lua'.length))
  .sort();

test('the runtime is built (npm run build)', () => {
  assert.ok(fs.existsSync(bundle), `${bundle} is missing: run npm run build first`);
});

for (const name of names) {
  test(`lua: ${name}`, () => {
    const mode = readOptional(path.join(luaDir, `${name}.chmod`))?.trim();
    const scriptFile = path.join(luaDir, `${name}.lua`);
    const savedMode = fs.statSync(scriptFile).mode & 0o7777;
    const asUser = mode !== undefined && process.getuid?.() === 0 ? [...WITHOUT_DAC_OVERRIDE, cli] : [cli];
    if (mode !== undefined) fs.chmodSync(scriptFile, parseInt(mode, 8));
    let result;
    try {
      result = spawnSync(asUser[0], [...asUser.slice(1), ...commandLine(name)], {
        cwd: luaDir,
        env: childEnv,
        encoding: 'utf8',
        timeout: TIMEOUT_MS,
      });
    } finally {
      if (mode !== undefined) fs.chmodSync(scriptFile, savedMode);
    }
    assert.is(result.error, undefined, `could not run: ${result.error}`);
    assert.is(result.signal, null, `killed by ${result.signal} (timeout ${TIMEOUT_MS} ms?)`);
    const expectedOut = readOptional(path.join(luaDir, `${name}.out`));
    assert.ok(expectedOut !== undefined, `${name}.out is missing`);
    assert.fixture(result.stdout, expectedOut as string, 'stdout');
    assert.fixture(result.stderr, readOptional(path.join(luaDir, `${name}.err`)) ?? '', 'stderr');
    const status = Number((readOptional(path.join(luaDir, `${name}.status`)) ?? '0').trim());
    assert.is(result.status, status, 'exit status');
  });
}

test.run();
