// esbuild entry of the startup snapshot (bundle/out/snapshot-entry.js, built
// into bundle/out/emilua-ts.blob by bundle/build.mjs with
// `node --snapshot-blob ... --build-snapshot`).
//
// Everything the import below pulls in (fengari, the dialect patches, the whole
// runtime, the Lua prelude sources) is evaluated while the snapshot is built,
// so a run starts with it already loaded. Only main() runs at start-up.
//
// What a module captured at load time is what the BUILD saw: __dirname, the
// environment, the command line, stdio. Code reached from here must read those
// at run time (the native addon, for one, is loaded on first use).
//
// bin/emilua-ts runs `node --snapshot-blob <blob> -- ARGS...`. Node consumes
// the `--`, and a process started from a snapshot has no script argument:
// process.argv is [node, ...ARGS]. main() gets ARGS exactly. process.argv is
// then given the shape of an ordinary run, [node, <package>/bin/emilua-ts,
// ...ARGS], because the addon loader probes paths relative to argv[1].

// First: it watches what the imports below read while they load.
import { endLoadTimeAudit } from './snapshot-audit';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { main } from '../runtime/cli/main';
import { lua, lauxlib, luaString, LuaState } from '../runtime/lua/lua-api';
import { prepareSpareLuaState } from '../runtime/vm/lua-state-setup';

/** Reads of process state at load time that are understood (see snapshot-audit.ts). */
const KNOWN_LOAD_TIME_READS: Record<string, string> = {
  'process.env.FENGARICONF':
    "fengari's configuration; bundle/build.mjs builds with an empty environment, so the snapshot has fengari's defaults",
};

/** The blob this process was started from, from node's own options. */
function snapshotBlob(): string | undefined {
  const execArgv = process.execArgv;
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i];
    if (arg === '--snapshot-blob' && i + 1 < execArgv.length) return execArgv[i + 1];
    if (arg.startsWith('--snapshot-blob=')) return arg.slice('--snapshot-blob='.length);
  }
  return undefined;
}

function runFromSnapshot(): void {
  const args = process.argv.slice(1);
  const blob = snapshotBlob();
  if (blob !== undefined) {
    // <package>/bundle/out/emilua-ts.blob -> <package>/bin/emilua-ts
    const root = path.resolve(path.dirname(blob), '..', '..');
    process.argv = [process.argv[0], path.join(root, 'bin', 'emilua-ts'), ...args];
  }
  main(args);
}

// The first VM's Lua state (standard libraries, globals, metatables, the
// fiber prelude run) is built here, and main() hands it to VM 0x1: that is
// most of a VM's creation, about 7 ms of every start. Nothing in it depends on
// the options, the environment or the VM's id (runtime/vm/lua-state-setup.ts);
// no Vm or Fiber object is created here (their ids are numbered from 1 per
// process and visible to scripts).
//
// Then the parser is run on syntax the prelude does not use. The snapshot
// keeps the bytecode of every JavaScript function that has run, so the
// functions of fengari's parser and libraries are not compiled again at start.
// This compiles Lua but does not run Lua loops. Running a loop here (even 300
// iterations) made fiber switches twice as slow in every later run: fengari's
// interpreter, luaV_execute, then starts as Sparkplug baseline code, and each
// lua_yield (a JavaScript throw through luaV_execute) pays V8's
// BaselineFrame::GetBytecodeOffset, a linear walk of that very large function.
// Start-up gained nothing measurable from it.
const WARM_UP_SCRIPT = `
local t, s = {}, 0
for i = 1, 3 do t[i] = i * 2 end
for i, v in ipairs(t) do s = s + v end
local m = { alpha = 1, beta = 'two', [3] = true }
for k, v in pairs(m) do m[k] = tostring(v) .. #t end
local words = {}
for w in string.gmatch('one two three', '%a+') do words[#words + 1] = w:upper():sub(1, 2) end
local text = table.concat(words, ',') .. string.format('%d %s %5.2f %q', 7, 'x', 2.5, 'q')
local found = text:find('on', 1, true) or text:match('(%d+)')
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local ok, err = pcall(error, { code = 1 })
local co = coroutine.wrap(function(a, ...) local b = coroutine.yield(a + select('#', ...)); return b * 2 end)
local proxy = setmetatable({}, { __index = function(_, k) return #k end, __call = function() return 1 end })
local obj = { n = 0 }
function obj:inc(by) self.n = self.n + (by or 1); return self end
while s > 1 and not ok do s = s / 2 end
repeat s = s + 1 until s > 3 or s ~= s
if s >= 0 then goto done elseif s < -1 then s = -s else s = nil end
::done::
return s, text, found, ok, err, obj:inc():inc(2).n, -s ^ 2 % 3 // 1, fib, co, proxy, ...
`;

function warmUp(): void {
  withState((L) => {
    // Compiled, not run.
    const chunk = luaString(WARM_UP_SCRIPT);
    check(L, lauxlib.luaL_loadbufferx(L, chunk, chunk.length, luaString('=warm-up'), luaString('t')));
  });
}

function withState(f: (L: LuaState) => void): void {
  const L: LuaState = lauxlib.luaL_newstate();
  try {
    f(L);
  } finally {
    lua.lua_close(L);
  }
}

function check(L: LuaState, status: number): void {
  if (status !== lua.LUA_OK) throw new Error(lua.lua_tojsstring(L, -1));
}

if (v8.startupSnapshot.isBuildingSnapshot()) {
  // Built while the audit still watches: this state must not keep anything of
  // the build's process either. A failure here is a bug: the build stops.
  prepareSpareLuaState();
  const reads = endLoadTimeAudit();
  for (const r of reads) {
    const known = KNOWN_LOAD_TIME_READS[r.what];
    if (known !== undefined) console.log(`snapshot: ${r.what} read at load by ${r.module}: ${known}`);
    else console.warn(`snapshot: WARNING: ${r.what} read at load by ${r.module}: the snapshot keeps the build's value`);
  }
  try {
    warmUp();
  } catch (err) {
    // Only start-up time depends on the warm-up: build the snapshot anyway.
    process.emitWarning(`start-up snapshot warm-up failed, snapshot built without it: ${(err as Error).message}`);
  }
  v8.startupSnapshot.setDeserializeMainFunction(runFromSnapshot);
} else {
  // Run as a plain script (node bundle/out/snapshot-entry.js ARGS...).
  main(process.argv.slice(2));
}
