// The API reference (api-reference/modules/*.ts, which generates types/ and
// docs/reference/) against what a real VM exports: every core module and
// global the runtime provides has an entry, every entry names something the
// runtime has, the generated files are up to date and the stubs compile.
// Failure messages name the entry to add or remove.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lua, lauxlib, luaString, pushText, toText, LuaState } from '../../runtime/lua/lua-api';
import { builtModuleNames } from '../../runtime/modules/builtin-modules';
import { sealedModuleKeys } from '../../runtime/modules/mutex/userdata-type';
import { loadReferences } from '../../api-reference/load';
import { generatedFiles } from '../../api-reference/outputs';
import { patternCovers, type Entry, type ModuleReference } from '../../api-reference/model';
import { runLua } from './helpers/lua-vm';

const repo = path.join(__dirname, '..', '..');
const REGENERATE = 'then run `npx tsx api-reference/generate.ts`';

// LuaJIT's own globals (and fengari's extras): LuaLS knows them already.
const STANDARD_GLOBALS = new Set([
  '_G', '_VERSION', 'assert', 'collectgarbage', 'dofile', 'error', 'getfenv', 'getmetatable', 'ipairs', 'load',
  'loadfile', 'loadstring', 'module', 'next', 'pairs', 'pcall', 'print', 'rawequal', 'rawget', 'rawlen', 'rawset',
  'require', 'select', 'setfenv', 'setmetatable', 'tonumber', 'tostring', 'type', 'unpack', 'xpcall', 'newproxy',
  'gcinfo', 'coroutine', 'debug', 'io', 'math', 'os', 'package', 'string', 'table', 'bit', 'jit', 'utf8',
]);

// Walks each module (and the globals) in a VM: every string key reachable
// through tables, as "module<TAB>path<TAB>type"; sealed modules (Lua cannot
// list them) through the host; userdata modules through their __index table.
// Then looks up each documented path and notes what it finds.
const WALKER = `
local probe = require 'test_probe'
local function walk(module, prefix, t, seen, depth)
  if seen[t] or depth > 6 then return end
  seen[t] = true
  for k, v in pairs(t) do
    if type(k) == 'string' then
      probe.note('have', module, prefix .. k, type(v))
      if type(v) == 'table' then walk(module, prefix .. k .. '.', v, seen, depth + 1) end
    end
  end
end
local function walk_module(name, value)
  if type(value) == 'table' then
    walk(name, '', value, {}, 0)
    for _, k in ipairs(probe.sealed_keys(value)) do probe.note('have', name, k, type(value[k])) end
  end
  local mt = debug.getmetatable(value)
  if type(value) == 'userdata' and mt and type(mt.__index) == 'table' then walk(name, '', mt.__index, {}, 0) end
end
local globals = {}
for k, v in pairs(_G) do if not probe.is_standard(k) then globals[k] = v end end
walk('globals', '', globals, {}, 0)
for _, name in ipairs(probe.modules()) do walk_module(name, require(name)) end
for _, item in ipairs(probe.documented()) do
  local v = item.module == 'globals' and _G or require(item.module)
  for part in item.path:gmatch('[^.]+') do
    local ok, got = pcall(function() return v[part] end)
    v = ok and got or nil
    if v == nil then break end
  end
  probe.note('lookup', item.module, item.path, type(v))
end
probe.finish()
`;

interface Found { module: string; path: string; type: string }

function lookupPath(entry: Entry): string {
  if (entry.kind !== 'pattern') return entry.path;
  const dot = entry.path.lastIndexOf('.');
  return dot === -1 ? entry.example : `${entry.path.slice(0, dot)}.${entry.example}`;
}

async function explore(references: ModuleReference[], modules: string[]): Promise<{ have: Found[]; lookups: Found[] }> {
  const documented = references.flatMap((r) => r.entries.map((e) => ({ module: r.name, path: lookupPath(e) })));
  const pushStrings = (L: LuaState, items: readonly string[]) => {
    lua.lua_createtable(L, items.length, 0);
    items.forEach((item, i) => {
      pushText(L, item);
      lua.lua_rawseti(L, -2, i + 1);
    });
    return 1;
  };
  const { notes } = await runLua(WALKER, {
    modules: (L) => pushStrings(L, modules),
    is_standard: (L) => {
      lua.lua_pushboolean(L, STANDARD_GLOBALS.has(toText(L, 1)));
      return 1;
    },
    sealed_keys: (L) => pushStrings(L, sealedModuleKeys(lua.lua_topointer(L, 1) as object) ?? []),
    documented: (L) => {
      lua.lua_createtable(L, documented.length, 0);
      documented.forEach((item, i) => {
        lua.lua_createtable(L, 0, 2);
        pushText(L, item.module);
        lua.lua_setfield(L, -2, luaString('module'));
        pushText(L, item.path);
        lua.lua_setfield(L, -2, luaString('path'));
        lua.lua_rawseti(L, -2, i + 1);
      });
      return 1;
    },
  });
  const rows = notes.map((n) => n.split('\t'));
  const pick = (kind: string) => rows.filter((r) => r[0] === kind).map(([, module, p, type]) => ({ module, path: p, type }));
  return { have: pick('have'), lookups: pick('lookup') };
}

function suggestion(found: Found): string {
  if (found.type === 'function') return `fn('${found.path}(...) -> ...', 'what it does')`;
  if (found.type === 'table') return `table('${found.path}', 'what it holds')`;
  return `field('${found.path}: ${found.type}', 'what it is')`;
}

function covered(reference: ModuleReference, p: string): boolean {
  return reference.entries.some((e) =>
    e.path === p ||
    (e.kind === 'field' && p.startsWith(e.path + '.')) ||
    (e.kind === 'pattern' && patternCovers(e.path, p)));
}

const references = loadReferences();
const modules = builtModuleNames().filter((name) => name !== 'test_probe').sort();
let explored: Promise<{ have: Found[]; lookups: Found[] }> | undefined;
const exploration = () => (explored ??= explore(references, modules));

test('every built core module has a reference file', () => {
  const missing = modules.filter((m) => !references.some((r) => r.name === m));
  assert.equal(missing, [], missing.map((m) =>
    `module '${m}' has no reference: add api-reference/modules/${m}.ts (export default defineModule({ name: '${m}', ... }); see api-reference/README.md), ${REGENERATE}`).join('\n'));
  const unknown = references.filter((r) => r.name !== 'globals' && !modules.includes(r.name)).map((r) => r.name);
  assert.equal(unknown, [], `api-reference/modules/ has files for modules the runtime does not build: ${unknown.join(', ')}`);
});

test('everything the runtime exports has an entry (a stub and a page)', async () => {
  const { have } = await exploration();
  assert.ok(have.some((f) => f.module === 'globals' && f.path === 'spawn'), 'the walker saw no globals');
  const problems: string[] = [];
  for (const found of have) {
    const reference = references.find((r) => r.name === found.module);
    if (reference === undefined || covered(reference, found.path)) continue;
    problems.push(`${found.module === 'globals' ? '' : found.module + '.'}${found.path} (${found.type}) has no entry: add ${suggestion(found)} to api-reference/modules/${found.module}.ts`);
  }
  assert.equal(problems, [], `${problems.join('\n')}\n${REGENERATE}`);
});

test('every entry names something the runtime has', async () => {
  const { lookups } = await exploration();
  const problems: string[] = [];
  for (const reference of references) {
    for (const entry of reference.entries) {
      const p = lookupPath(entry);
      const got = lookups.find((l) => l.module === reference.name && l.path === p)?.type ?? 'nil';
      const want = entry.kind === 'function' ? ['function'] : entry.kind === 'table' ? ['table'] : null;
      const wrong = got === 'nil' || (want !== null && !want.includes(got));
      if (wrong) {
        problems.push(`api-reference/modules/${reference.name}.ts has ${entry.kind} '${entry.path}', but the runtime's ${p} is ${got}: remove the entry (or fix its kind)`);
      }
    }
  }
  assert.equal(problems, [], `${problems.join('\n')}\n${REGENERATE}`);
});

test('types/ and docs/reference/ are generated from the current reference', () => {
  const stale: string[] = [];
  for (const [relative, text] of generatedFiles()) {
    const file = path.join(repo, relative);
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) stale.push(relative);
  }
  assert.equal(stale, [], `out of date: ${stale.join(', ')}; run \`npx tsx api-reference/generate.ts\``);
});

test('every stub file is valid Lua', () => {
  const L = lauxlib.luaL_newstate();
  for (const name of fs.readdirSync(path.join(repo, 'types')).filter((f) => f.endsWith('.lua'))) {
    const source = fs.readFileSync(path.join(repo, 'types', name));
    const status = lauxlib.luaL_loadbuffer(L, source, source.length, luaString(`@types/${name}`));
    assert.is(status, lua.LUA_OK, status === lua.LUA_OK ? '' : toText(L, -1));
    lua.lua_settop(L, 0);
  }
});

test.run();
