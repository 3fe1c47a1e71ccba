// Command-line parsing (runtime/cli/options.ts) and what the CLI does with it:
// every option, the misuse cases that exit with status 1, the colour
// settings' precedence, and a directory given as the script.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseCommandLine, colorsEnabled, UsageError } from '../../runtime/cli/options';

function usageError(argv: string[]): string {
  try {
    parseCommandLine(argv);
  } catch (err) {
    assert.instance(err, UsageError);
    return (err as Error).message;
  }
  return assert.unreachable(`expected a usage error for ${JSON.stringify(argv)}`) as never;
}

test('a script alone runs with the defaults', () => {
  assert.equal(parseCommandLine(['app.lua']), {
    action: 'run', script: 'app.lua', args: [], test: false, concurrencyHint: 'safe',
  });
});

test('--test', () => {
  assert.is(parseCommandLine(['--test', 'app.lua']).test, true);
});

test('--main-context-concurrency-hint takes safe or 1, as a separate word or after =', () => {
  assert.is(parseCommandLine(['--main-context-concurrency-hint', '1', 'app.lua']).concurrencyHint, 1);
  assert.is(parseCommandLine(['--main-context-concurrency-hint', 'safe', 'app.lua']).concurrencyHint, 'safe');
  assert.is(parseCommandLine(['--main-context-concurrency-hint=1', 'app.lua']).concurrencyHint, 1);
  assert.is(parseCommandLine(['--main-context-concurrency-hint=safe', 'app.lua']).concurrencyHint, 'safe');
  assert.match(usageError(['--main-context-concurrency-hint', '2', 'app.lua']), /'2'/);
  assert.match(usageError(['--main-context-concurrency-hint=', 'app.lua']), /concurrency-hint/);
  assert.match(usageError(['app.lua', '--main-context-concurrency-hint']), /requires a value/);
});

test("words after '--' are the program's arguments, untouched", () => {
  const options = parseCommandLine(['--test', 'app.lua', '--', 'a', '--test', '--', '-']);
  assert.equal(options.args, ['a', '--test', '--', '-']);
  assert.is(options.script, 'app.lua');
  assert.is(options.test, true);
  assert.equal(parseCommandLine(['app.lua', '--']).args, []);
});

test('help and version', () => {
  assert.is(parseCommandLine(['-h']).action, 'help');
  assert.is(parseCommandLine(['--help']).action, 'help');
  assert.is(parseCommandLine(['--version']).action, 'version');
  assert.is(parseCommandLine(['--test', '--help', 'app.lua']).action, 'help');
});

test('misuse: no script, two scripts, stdin, unknown options, -- before the script', () => {
  assert.match(usageError([]), /no script/);
  assert.match(usageError(['--test']), /no script/);
  assert.match(usageError(['a.lua', 'b.lua']), /only one script/);
  assert.match(usageError(['-']), /standard input/);
  assert.match(usageError(['--bogus', 'app.lua']), /unrecognized option '--bogus'/);
  assert.match(usageError(['-x', 'app.lua']), /unrecognized option '-x'/);
  assert.match(usageError(['--', 'app.lua']), /'--'/);
});

const tty = () => true;
const notTty = () => false;

test('colours: EMILUA_COLORS=1 or 0 wins over everything', () => {
  const never = () => assert.unreachable('no warning expected');
  assert.is(colorsEnabled({ EMILUA_COLORS: '1', NO_COLOR: '1' }, notTty, never), true);
  assert.is(colorsEnabled({ EMILUA_COLORS: '0', FORCE_COLOR: '1' }, tty, never), false);
});

test('colours: NO_COLOR, then FORCE_COLOR, then whether stderr is a tty', () => {
  const never = () => assert.unreachable('no warning expected');
  assert.is(colorsEnabled({}, tty, never), true);
  assert.is(colorsEnabled({}, notTty, never), false);
  assert.is(colorsEnabled({ EMILUA_COLORS: '' }, tty, never), true);
  assert.is(colorsEnabled({ NO_COLOR: '1' }, tty, never), false);
  assert.is(colorsEnabled({ NO_COLOR: '' }, tty, never), true);
  assert.is(colorsEnabled({ FORCE_COLOR: '1' }, notTty, never), true);
  assert.is(colorsEnabled({ FORCE_COLOR: '0' }, notTty, never), false);
  assert.is(colorsEnabled({ NO_COLOR: '1', FORCE_COLOR: '1' }, tty, never), false);
});

test('colours: an unrecognized EMILUA_COLORS value warns and falls back', () => {
  const warnings: string[] = [];
  assert.is(colorsEnabled({ EMILUA_COLORS: 'yes' }, tty, (text) => warnings.push(text)), true);
  assert.is(colorsEnabled({ EMILUA_COLORS: 'yes', NO_COLOR: '1' }, tty, (text) => warnings.push(text)), false);
  assert.is(warnings.length, 2);
  assert.match(warnings[0], /Ignoring unrecognized value 'yes'/);
});

test('colours: stderr is asked about only when nothing in the environment decides', () => {
  const never = () => assert.unreachable('no warning expected');
  const notAsked = (): boolean => {
    assert.unreachable('stderr asked');
    return false;
  };
  assert.is(colorsEnabled({ EMILUA_COLORS: '0' }, notAsked, never), false);
  assert.is(colorsEnabled({ NO_COLOR: '1' }, notAsked, never), false);
  assert.is(colorsEnabled({ FORCE_COLOR: '1' }, notAsked, never), true);
});

// The CLI itself, run from source in a child process.
const repo = path.join(__dirname, '..', '..');
const tsx = path.join(repo, 'node_modules', '.bin', 'tsx');
const cli = path.join(repo, 'runtime', 'cli', 'run-from-source.ts');

function run(cwd: string, argv: string[]): { stdout: string; stderr: string; status: number | null } {
  const env: NodeJS.ProcessEnv = { ...process.env, EMILUA_COLORS: '0' };
  delete env.EMILUA_PATH;
  const result = spawnSync(tsx, [cli, ...argv], { cwd, env, encoding: 'utf8', timeout: 30_000 });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-cli-'));
fs.writeFileSync(path.join(workDir, 'args.lua'), [
  "local system = require 'system'",
  'print(#system.arguments, select(2, unpack(system.arguments)))',
  'print(_CONTEXT)',
  '',
].join('\n'));
fs.mkdirSync(path.join(workDir, 'app'));
fs.writeFileSync(path.join(workDir, 'app', 'init.lua'), [
  "print('init.lua of a directory', _CONTEXT)",
  "print(require('./part').name)",
  '',
].join('\n'));
fs.writeFileSync(path.join(workDir, 'app', 'part.lua'), "name = 'a child of the directory'\n");

test('CLI: misuse exits with status 1 and one line on stderr', () => {
  for (const argv of [[], ['--bogus', 'args.lua'], ['-'], ['args.lua', 'other.lua'], ['--main-context-concurrency-hint=x', 'args.lua']]) {
    const result = run(workDir, argv);
    assert.is(result.status, 1, `status for ${JSON.stringify(argv)}`);
    assert.is(result.stdout, '');
    assert.match(result.stderr, /^emilua-ts: [^\n]* \(emilua-ts --help lists the options\)\n$/);
  }
});

test('CLI: --help and --version print to stdout and exit 0', () => {
  const help = run(workDir, ['--help']);
  assert.is(help.status, 0);
  assert.match(help.stdout, /^Usage: emilua-ts/);
  const version = run(workDir, ['--version']);
  assert.is(version.status, 0);
  assert.match(version.stdout, /^emilua-ts \S+ \(Emilua 0\.11 API\)/);
});

test('CLI: the script, its arguments after --, and --test', () => {
  const plain = run(workDir, ['args.lua', '--', 'one', 'two words']);
  assert.is(plain.stderr, '');
  assert.is(plain.stdout, '4\targs.lua\tone\ttwo words\nmain\n');
  const tested = run(workDir, ['--test', 'args.lua']);
  assert.is(tested.stdout, '2\targs.lua\ntest\n');
});

test('CLI: a directory given as the script runs its init.lua as the root module', () => {
  for (const script of ['app', 'app/']) {
    const result = run(workDir, [script]);
    assert.is(result.stderr, '');
    assert.is(result.stdout, 'init.lua of a directory\tmain\na child of the directory\n');
    assert.is(result.status, 0);
  }
});

test('CLI: a script that cannot be read or compiled never starts the VM (status 1)', () => {
  fs.writeFileSync(path.join(workDir, 'broken.lua'), 'this is not Lua\n');
  const missing = run(workDir, ['missing.lua']);
  assert.is(missing.stderr, "emilua-ts: cannot run 'missing.lua': No such file or directory\n");
  assert.is(missing.status, 1);
  const broken = run(workDir, ['broken.lua']);
  assert.match(broken.stderr, /^Error starting the lua VM: broken\.lua:1: /);
  assert.is(broken.stdout, '');
  assert.is(broken.status, 1);
  const noInit = run(workDir, ['.']);
  assert.is(noInit.stderr, "emilua-ts: cannot run '.': a directory runs its init.lua, and it has none\n");
  assert.is(noInit.status, 1);
});

// Root reads any file: the child then runs without the capabilities that
// bypass file permissions, as an ordinary user would.
function runWithoutDacOverride(cwd: string, argv: string[]): { stderr: string; status: number | null } {
  if (process.getuid?.() !== 0) return run(cwd, argv);
  const env: NodeJS.ProcessEnv = { ...process.env, EMILUA_COLORS: '0' };
  const result = spawnSync('setpriv', ['--inh-caps=-dac_override,-dac_read_search', '--bounding-set=-dac_override,-dac_read_search', '--', tsx, cli, ...argv], { cwd, env, encoding: 'utf8', timeout: 30_000 });
  assert.is(result.error, undefined, `setpriv: ${result.error}`);
  return { stderr: result.stderr, status: result.status };
}

test('CLI: a script without read permission is one line and status 1', () => {
  const file = path.join(workDir, 'secret.lua');
  fs.writeFileSync(file, "print('should not run')\n");
  fs.chmodSync(file, 0o000);
  const result = runWithoutDacOverride(workDir, ['secret.lua']);
  assert.is(result.stderr, "emilua-ts: cannot run 'secret.lua': Permission denied\n");
  assert.is(result.status, 1);
  fs.symlinkSync('loop.lua', path.join(workDir, 'loop.lua'));
  const loop = run(workDir, ['loop.lua']);
  assert.is(loop.stderr, "emilua-ts: cannot run 'loop.lua': Too many levels of symbolic links\n");
  assert.is(loop.status, 1);
});

test.after(() => fs.rmSync(workDir, { recursive: true, force: true }));

test.run();
