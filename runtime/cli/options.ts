// Command-line parsing, kept free of side effects so it can be tested alone.
// A usage error is one line and exit status 1 (runtime/cli/main.ts).
//   emilua-ts [OPTION]... SCRIPT_FILE [-- ARGS...]

export interface CliOptions {
  readonly action: 'run' | 'help' | 'version';
  readonly script: string;
  readonly args: readonly string[];
  readonly test: boolean;
  readonly concurrencyHint: 'safe' | 1;
}

export class UsageError extends Error {}

export const USAGE = `Usage: emilua-ts [OPTION]... SCRIPT_FILE [-- ARGS...]
Run an Emilua program on Node.js. A directory runs its init.lua.

Options:
  --test                                 give the entry module _CONTEXT='test'
  --main-context-concurrency-hint HINT   'safe' (default) or 1
  -h, --help                             show this help and exit
      --version                          show versions and native features and exit

Environment:
  EMILUA_PATH     ':'-separated directories searched for external packages
  EMILUA_COLORS   1 forces colours on stderr, 0 disables them, empty detects a tty
  NO_COLOR, FORCE_COLOR  honoured when EMILUA_COLORS is unset
  TMPDIR (then TMP, TEMP, TEMPDIR)  filesystem.temp_directory_path()
  EMILUA_TS_DEBUG  non-empty: print the JS stack of internal errors
  NODE_OPTIONS     when set, node starts without the startup snapshot (slower)

Sandboxes: docs/sandboxing.md says what isolation exists today and what is coming
with subprocess actors. Module reference: docs/reference/. Differences from
Emilua: docs/compat.md.
`;

function parseHint(value: string): 'safe' | 1 {
  if (value === 'safe') return 'safe';
  if (value === '1') return 1;
  throw new UsageError(`invalid value '${value}' for --main-context-concurrency-hint (expected 'safe' or 1)`);
}

export function parseCommandLine(argv: readonly string[]): CliOptions {
  let test = false;
  let concurrencyHint: 'safe' | 1 = 'safe';
  let script: string | undefined;
  let args: string[] = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      if (script === undefined) throw new UsageError("'--' must follow the script file");
      args = argv.slice(i + 1);
      break;
    }
    if (arg === '-h' || arg === '--help') return { action: 'help', script: '', args: [], test, concurrencyHint };
    if (arg === '--version') return { action: 'version', script: '', args: [], test, concurrencyHint };
    if (arg === '--test') {
      test = true;
    } else if (arg === '--main-context-concurrency-hint') {
      if (i + 1 >= argv.length) throw new UsageError(`option '${arg}' requires a value`);
      concurrencyHint = parseHint(argv[++i]);
    } else if (arg.startsWith('--main-context-concurrency-hint=')) {
      concurrencyHint = parseHint(arg.slice(arg.indexOf('=') + 1));
    } else if (arg === '-') {
      throw new UsageError('reading the program from standard input is not supported');
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unrecognized option '${arg}'`);
    } else if (script !== undefined) {
      throw new UsageError(`only one script file may be given (got '${script}' and '${arg}'); pass program arguments after '--'`);
    } else {
      script = arg;
    }
  }
  if (script === undefined) throw new UsageError('no script file given');
  return { action: 'run', script, args, test, concurrencyHint };
}

/**
 * EMILUA_COLORS wins; then NO_COLOR and FORCE_COLOR; then whether stderr is a
 * tty (isatty(2): asking process.stderr would create Node's stream, which
 * costs start-up time and switches a piped stderr to O_NONBLOCK).
 */
export function colorsEnabled(env: NodeJS.ProcessEnv, stderrIsTty: () => boolean, warn: (text: string) => void): boolean {
  const setting = env.EMILUA_COLORS;
  if (setting === '1') return true;
  if (setting === '0') return false;
  if (setting !== undefined && setting !== '') {
    warn(`Ignoring unrecognized value '${setting}' for EMILUA_COLORS\n`);
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return stderrIsTty();
}
