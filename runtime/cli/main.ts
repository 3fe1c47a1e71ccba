// emilua-ts: parse the command line, start VM 0 on the entry module, and exit
// with the code given to system.exit, else 0; 1 when the command line or the
// script is refused at the door (one line on stderr).

import { isatty } from 'node:tty';
import { parseCommandLine, colorsEnabled, UsageError, USAGE } from './options';
import { versionText } from './version';
import { rawArguments, isUtf8Of } from './raw-arguments';
import { checkEntry } from './entry-check';
import { removeLauncherVariables, takeInvocationName } from './launcher-environment';
import { takeLowFdList } from '../modules/system/lowfd';
import { Vm } from '../vm/vm';
import { writeAllSync } from '../lua/print';
import { searchPathFromEnv } from '../lua/module-resolver';
import { configureMainContext } from '../actor/thread-context';
import { HOST_FLAG } from '../actor/launchers/subprocess';
import { runSubprocessHost } from './subprocess-host';

/** One line on stderr and exit status 1: what went wrong at the door, never a stack. */
function refuse(message: string): void {
  writeAllSync(2, Buffer.from(`emilua-ts: ${message}\n`));
  process.exitCode = 1;
}

/** The program on the main thread (actor threads start in runtime/actor/worker-thread.ts). */
export function main(argv: readonly string[]): void {
  // What bin/emilua-ts set for the runtime leaves the environment before any script runs.
  removeLauncherVariables();
  const argv0 = takeInvocationName();
  if (argv.length === 1 && argv[0] === HOST_FLAG) return runSubprocessHost();
  takeLowFdList();
  let options;
  try {
    options = parseCommandLine(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    refuse(`${err.message} (emilua-ts --help lists the options)`);
    return;
  }
  if (options.action === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (options.action === 'version') {
    process.stdout.write(versionText());
    return;
  }

  const raw = rawArguments(argv);
  const scriptBytes = raw[options.scriptIndex];
  // A name that is not UTF-8 is opened by its bytes (Node's fs takes a Buffer).
  const utf8 = isUtf8Of(scriptBytes, options.script);
  const entry = checkEntry(utf8 ? options.script : Buffer.from(scriptBytes));
  if (!entry.ok) {
    refuse(entry.message);
    return;
  }

  configureMainContext(options.concurrencyHint);
  const vm = new Vm({
    rootFile: entry.file.toString(),
    context: options.test ? 'test' : 'main',
    searchDirs: searchPathFromEnv(process.env.EMILUA_PATH),
    colors: colorsEnabled(process.env, () => isatty(2), (text) => writeAllSync(2, Buffer.from(text))),
    ...(typeof entry.file === 'string' ? {} : { rootFileBytes: new Uint8Array(entry.file) }),
    arguments: [argv0, scriptBytes, ...raw.slice(raw.length - options.args.length)],
  });
  process.on('exit', () => vm.finalize());
  // Once nothing is left to do, exit at once (the exit event still runs):
  // Node's teardown of the environment and heap only costs time.
  process.once('beforeExit', () => process.exit());
  vm.start();
}
