// Bundles the runtime into bundle/out/ with esbuild and builds the startup
// snapshot. Run by `npm run build` (after tsc and node-gyp).
//
//   bundle/out/cli.js             plain entry: main(process.argv.slice(2))
//   bundle/out/snapshot-entry.js  the runtime, with main() registered as the
//                                 snapshot's deserialize main function
//   bundle/out/emilua-ts.blob     V8 startup snapshot of snapshot-entry.js
//
// bin/emilua-ts starts node from the blob and falls back to cli.js without it.
// The snapshot is built by bundle/snapshot.mjs, which the installed package
// also runs (it ships the bundles, not the blob: a blob only loads in the node
// binary that built it).
import { build } from 'esbuild';
import { buildSnapshot } from './snapshot.mjs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'out');
const common = {
  outdir: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  logLevel: 'warning',
  // Licence comments go to <bundle>.LEGAL.txt. Kept in the bundle, their
  // non-ASCII characters (fengari's "©" and "–") made V8 hold the whole
  // source as a two-byte string: 1.8 MB instead of 0.9 MB in the snapshot.
  legalComments: 'external',
};

// Modules required while the bundle loads but only used later. In the
// snapshot bundle each is a proxy that loads the module on first use:
//   child_process   fengari's os.execute (removed from every VM) and
//                   readline-sync;
//   worker_threads, module
//                   actor threads (runtime/actor/);
//   tty             isatty(2) for the colour setting (runtime/cli/main.ts);
//   tmp             fengari's os.tmpname (it loads crypto and adds an exit
//                   listener);
//   readline-sync   fengari's debug.debug (ldblib calls setDefaultOptions at
//                   load time: that call is queued until the module loads).
// Node warns that the built-ins listed are not verified to work when loaded
// while a snapshot is built, and every object left out of the heap shortens
// its deserialization (about 4 ms for tmp and readline-sync).
const DEFERRED_BUILTINS = ['child_process', 'worker_threads', 'module', 'tty'];
const DEFERRED_PACKAGES = { tmp: [], 'readline-sync': ['setDefaultOptions'] };

const requireHere = createRequire(import.meta.url);

/**
 * The proxy module. `keys` (known for built-ins) lets `import * as x` copy the
 * export names without loading the module: esbuild's namespace object reads
 * them through getters.
 */
function deferredModuleSource(target, queued, keys) {
  return `let real;
const calls = [];
function load() {
  if (real === undefined) {
    real = require(${JSON.stringify(target)});
    for (const [name, args] of calls.splice(0)) real[name](...args);
  }
  return real;
}
const queued = new Set(${JSON.stringify(queued)});
const keys = ${JSON.stringify(keys)};
module.exports = new Proxy({}, {
  get(_, key) {
    if (real === undefined) {
      if (queued.has(key)) return (...args) => void calls.push([key, args]);
      if (keys !== null && key === '__esModule') return undefined;
    }
    return load()[key];
  },
  has: (_, key) => (real === undefined && keys !== null ? keys.includes(key) : key in load()),
  ownKeys: () => (real === undefined && keys !== null ? [...keys] : Reflect.ownKeys(load())),
  getOwnPropertyDescriptor(_, key) {
    if (real === undefined && keys !== null) {
      return keys.includes(key) ? { configurable: true, enumerable: true, get: () => load()[key] } : undefined;
    }
    const d = Reflect.getOwnPropertyDescriptor(load(), key);
    return d && { ...d, configurable: true };
  },
});
`;
}

const deferModules = {
  name: 'defer-modules',
  setup(b) {
    const builtins = new RegExp(`^(node:)?(${DEFERRED_BUILTINS.join('|')})$`);
    b.onResolve({ filter: builtins }, (args) => {
      // The proxy's own require of the built-in stays a plain require.
      if (args.namespace === 'deferred') return undefined;
      const name = args.path.replace(/^node:/, '');
      const keys = Object.keys(requireHere(`node:${name}`));
      return { path: name, namespace: 'deferred', pluginData: { target: `node:${name}`, queued: [], keys } };
    });
    const packages = new RegExp(`^(${Object.keys(DEFERRED_PACKAGES).map((n) => n.replace(/-/g, '\\-')).join('|')})$`);
    b.onResolve({ filter: packages }, async (args) => {
      // Resolving the real package (below) comes back here: let it through.
      if (args.pluginData?.realModule) return undefined;
      const resolved = await b.resolve(args.path, {
        resolveDir: args.resolveDir,
        kind: args.kind,
        pluginData: { realModule: true },
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      const pluginData = { target: resolved.path, queued: DEFERRED_PACKAGES[args.path], keys: null };
      return { path: args.path, namespace: 'deferred', pluginData };
    });
    b.onLoad({ filter: /.*/, namespace: 'deferred' }, ({ pluginData }) => ({
      contents: deferredModuleSource(pluginData.target, pluginData.queued, pluginData.keys),
      resolveDir: here,
      loader: 'js',
    }));
  },
};

// esbuild turns `import * as fs from 'node:fs'` into __toESM(require(...)),
// which copies every export as a getter: for the runtime's 27 such imports,
// some 1 650 closures and accessors that the snapshot holds and deserializes
// at every start (about 1 ms). This __toESM gives the namespace the module as
// its prototype instead: the same properties, read live, in one object.
const LIGHT_TO_ESM =
  'var __toESM = (mod, isNodeMode) => mod == null ? { default: mod } : isNodeMode || !mod.__esModule ? ' +
  'Object.create(mod, { default: { value: mod, enumerable: true } }) : mod;\n';

function useLightNamespaces(file) {
  const text = fs.readFileSync(file, 'utf8');
  const helper = /^var __toESM = \(mod, isNodeMode, target\) => [\s\S]*?^\)\);\n/m;
  if (!helper.test(text)) {
    if (text.includes('__toESM(')) {
      console.warn(`bundle: WARNING: esbuild's __toESM helper not recognised in ${path.basename(file)}: namespace imports keep a getter per export (slower start-up)`);
    }
    return;
  }
  fs.writeFileSync(file, text.replace(helper, LIGHT_TO_ESM));
}

await build({ ...common, entryPoints: { cli: path.join(here, 'cli-entry.ts') } });
await build({
  ...common,
  entryPoints: { 'snapshot-entry': path.join(here, 'snapshot-entry.ts') },
  plugins: [deferModules],
});
useLightNamespaces(path.join(out, 'cli.js'));
useLightNamespaces(path.join(out, 'snapshot-entry.js'));

// readline-sync (fengari's debug.debug) runs helper files from its own
// directory, which the bundle makes bundle/out/.
for (const helper of ['read.sh', 'encrypt.js']) {
  fs.copyFileSync(path.join(here, '..', 'node_modules', 'readline-sync', 'lib', helper), path.join(out, helper));
}

await buildSnapshot(out);
