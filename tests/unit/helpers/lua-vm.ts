// Runs a Lua script in a real Vm inside the test process, so a test can look
// at process state (open descriptors...) around it. The script reaches the
// test through `require 'test_probe'`: probe.note(...) records values (as
// tostring() gives them), probe.finish() ends the run, and any extra
// functions the test passes are added to the probe module.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lua, lauxlib, setFunctions, toText, LuaJsFunction, LuaState } from '../../../runtime/lua/lua-api';
import { registerBuiltinModule } from '../../../runtime/modules/builtin-modules';
import { Vm } from '../../../runtime/vm/vm';

interface Run {
  notes: string[];
  finished: boolean;
  resolve: () => void;
  extra: Record<string, LuaJsFunction>;
}

let current: Run | null = null;

registerBuiltinModule('test_probe', (L: LuaState) => {
  const run = current;
  lua.lua_createtable(L, 0, 4);
  setFunctions(L, -1, {
    note(L) {
      const parts: string[] = [];
      for (let i = 1, n = lua.lua_gettop(L); i <= n; i++) {
        lauxlib.luaL_tolstring(L, i);
        parts.push(toText(L, -1));
        lua.lua_pop(L, 1);
      }
      run?.notes.push(parts.join('\t'));
      return 0;
    },
    finish() {
      if (run !== null && !run.finished) {
        run.finished = true;
        run.resolve();
      }
      return 0;
    },
    ...(run?.extra ?? {}),
  });
});

export interface LuaRun {
  readonly notes: string[];
  readonly vm: Vm;
}

/**
 * Runs `source` as a root module; resolves when it calls probe.finish().
 * The VM is then terminated (closing what it owns) unless `keepVm`.
 */
export async function runLua(
  source: string,
  extra: Record<string, LuaJsFunction> = {},
  options: { keepVm?: boolean; timeoutMs?: number } = {},
): Promise<LuaRun> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emilua-ts-test-'));
  const file = path.join(dir, 'main.lua');
  fs.writeFileSync(file, source);
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  const run: Run = { notes: [], finished: false, resolve, extra };
  current = run;
  const vm = new Vm({ rootFile: file, context: 'main', searchDirs: [], colors: false, arguments: ['emilua-ts', file] });
  let watch: NodeJS.Timeout | undefined;
  try {
    vm.start();
    await Promise.race([
      done,
      new Promise<never>((_, reject) => {
        const started = Date.now();
        watch = setInterval(() => {
          if (run.finished) return;
          if (vm.terminated) reject(new Error(`the VM terminated; notes: ${run.notes.join(' | ')}`));
          else if (Date.now() - started > timeoutMs) reject(new Error(`Lua run timed out; notes: ${run.notes.join(' | ')}`));
        }, 20);
      }),
    ]);
  } finally {
    if (watch !== undefined) clearInterval(watch);
    current = null;
    if (!options.keepVm) vm.terminate();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { notes: run.notes, vm };
}

/**
 * Entries of /proc/self/fd: how many descriptors the process holds now. Not
 * counted: tsx's cache directory (os.tmpdir()/tsx-UID), which tsx holds open
 * for a moment while it writes compiled test files in the background, at
 * times that have nothing to do with the runtime.
 */
export function openDescriptorCount(): number {
  const tsxCache = path.join(os.tmpdir(), 'tsx-');
  return fs.readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return !fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith(tsxCache);
    } catch {
      return false; // the directory's own descriptor, closed by now
    }
  }).length;
}

/** The open descriptors of this process and what each refers to. */
export function openDescriptors(): Map<string, string> {
  const open = new Map<string, string>();
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      open.set(fd, fs.readlinkSync(`/proc/self/fd/${fd}`));
    } catch {
      // The directory's own descriptor, closed by now.
    }
  }
  return open;
}

/**
 * Descriptors open now that were not open (to the same file) in `before`.
 * Descriptors that others closed meanwhile (tsx's cache directory, a child
 * process's pipes) do not hide a leak, as a bare count would let them.
 */
export function descriptorsOpenedSince(before: ReadonlyMap<string, string>): string[] {
  return [...openDescriptors()].filter(([fd, target]) => before.get(fd) !== target).map(([fd, target]) => `${fd} -> ${target}`);
}

/** Runs the garbage collector a few times and lets finalizers run. */
export async function collectGarbage(): Promise<void> {
  const v8 = await import('node:v8');
  const vmModule = await import('node:vm');
  v8.setFlagsFromString('--expose-gc');
  const gc = vmModule.runInNewContext('gc') as () => void;
  for (let i = 0; i < 6; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 5));
  }
}
