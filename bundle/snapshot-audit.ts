// Imported first by snapshot-entry.ts. While the rest of the bundle is
// evaluated for the startup snapshot, notes every read of process state that
// the snapshot would freeze at BUILD time: process.env, process.argv,
// process.execArgv, process.cwd() and process.stdin/stdout/stderr. A module
// that keeps what it read at load time sees the build's values, not the
// user's. snapshot-entry.ts prints the reads and the module that made each
// when the bundle has loaded. (__dirname cannot be watched: it is the bundle's
// directory at build time, bundle/out/.)
//
// Only reads made by the bundle's own code are noted, not those of Node's
// internals while a built-in module loads.

import * as fs from 'node:fs';
import * as v8 from 'node:v8';

export interface LoadTimeRead {
  readonly what: string;
  /** The module of the bundle that read it, as esbuild names it (e.g. runtime/cli/main.ts). */
  readonly module: string;
}

const reads = new Map<string, LoadTimeRead>();
const undo: Array<() => void> = [];
let lineModules: string[] | null = null;

/** The module on line `line` (1-based) of the bundle, from esbuild's `// path` comments. */
function moduleOfLine(line: number): string {
  if (lineModules === null) {
    lineModules = [];
    let current = '(bundle)';
    for (const text of fs.readFileSync(__filename, 'utf8').split('\n')) {
      const m = /^\/\/ (\S+\.[cm]?[jt]s)$/.exec(text);
      if (m) current = m[1];
      lineModules.push(current);
    }
  }
  return lineModules[line - 1] ?? '(bundle)';
}

/** The module that called the trapped accessor, or null for Node's own code. */
function callerModule(): string | null {
  // Node removes Error.stackTraceLimit (no stack traces) while it builds a
  // snapshot and installs it again at run time: lend it one for this trace.
  const limit = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
  Error.stackTraceLimit = 10;
  const stack = new Error().stack ?? '';
  if (limit === undefined) delete (Error as { stackTraceLimit?: number }).stackTraceLimit;
  else Object.defineProperty(Error, 'stackTraceLimit', limit);
  for (const frame of stack.split('\n').slice(1)) {
    const m = /\(?([^()\s]+):(\d+):\d+\)?$/.exec(frame.trim());
    if (m === null) continue;
    if (m[1] !== __filename) return null;
    const module = moduleOfLine(Number(m[2]));
    if (module !== 'bundle/snapshot-audit.ts') return module;
  }
  return null;
}

function note(what: string): void {
  const module = callerModule();
  if (module === null) return;
  reads.set(`${what}\0${module}`, { what, module });
}

function watchObject(name: 'env' | 'argv' | 'execArgv'): void {
  const target = process[name] as object;
  const describe = (key: string | symbol) =>
    name === 'env' && typeof key === 'string' ? `process.env.${key}` : `process.${name}`;
  process[name] = new Proxy(target, {
    get(t, key) {
      note(describe(key));
      return Reflect.get(t, key);
    },
    has(t, key) {
      note(describe(key));
      return Reflect.has(t, key);
    },
    ownKeys(t) {
      note(`process.${name} (all keys)`);
      return Reflect.ownKeys(t);
    },
  }) as never;
  undo.push(() => {
    process[name] = target as never;
  });
}

function watchGetter(name: 'stdin' | 'stdout' | 'stderr'): void {
  const descriptor = Object.getOwnPropertyDescriptor(process, name);
  if (descriptor?.get === undefined || !descriptor.configurable) return;
  const get = descriptor.get;
  Object.defineProperty(process, name, {
    ...descriptor,
    get() {
      note(`process.${name}`);
      return get.call(process);
    },
  });
  undo.push(() => Object.defineProperty(process, name, descriptor));
}

if (v8.startupSnapshot?.isBuildingSnapshot()) {
  watchObject('env');
  watchObject('argv');
  watchObject('execArgv');
  watchGetter('stdin');
  watchGetter('stdout');
  watchGetter('stderr');
  const cwd = process.cwd;
  process.cwd = function auditedCwd() {
    note('process.cwd()');
    return cwd.call(process);
  };
  undo.push(() => {
    process.cwd = cwd;
  });
}

/** Stops watching and returns what was read, in the order first seen. */
export function endLoadTimeAudit(): LoadTimeRead[] {
  while (undo.length > 0) undo.pop()!();
  const found = [...reads.values()];
  // The line table holds slices of the bundle's source text, which keep a
  // second copy of the whole source (1.8 MB) alive in the snapshot.
  reads.clear();
  lineModules = null;
  return found;
}
