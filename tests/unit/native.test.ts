import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadAddon, addonCandidatePaths } from '../../runtime/native/load-addon';
import { NATIVE_ADDON_FUNCTIONS } from '../../runtime/native/addon-api';

test('loadAddon is cached', () => {
  assert.is(loadAddon(), loadAddon());
});

test('candidate paths include the build directory of the package', () => {
  const paths = addonCandidatePaths();
  assert.ok(paths.some((p) => p.endsWith('/build/Release/emilua_ts_native.node')));
  assert.is(new Set(paths).size, paths.length);
});

test('the addon exports exactly the declared functions', () => {
  const exported = Object.keys(loadAddon()).sort();
  assert.equal(exported, [...NATIVE_ADDON_FUNCTIONS].sort());
});

test('strerror returns glibc message text', () => {
  const addon = loadAddon();
  assert.is(addon.strerror(22), 'Invalid argument');
  assert.is(addon.strerror(17), 'File exists');
  assert.is(addon.strerror(2), 'No such file or directory');
  assert.is(addon.strerror(999999), 'Unknown error 999999');
});

test('strerror rejects a non-number with TypeError', () => {
  const addon = loadAddon() as unknown as { strerror(x: unknown): string };
  assert.throws(() => addon.strerror('22'), (e: unknown) => e instanceof TypeError);
});

test('features lists landlock', () => {
  const features = loadAddon().features();
  assert.ok(Array.isArray(features));
  assert.ok(features.every((f) => typeof f === 'string'));
  assert.ok(features.includes('landlock'), `features: ${features.join(', ')}`);
});

test('landlockAbiVersion reports ABI >= 1', () => {
  const v = loadAddon().landlockAbiVersion();
  assert.type(v, 'number');
  assert.ok(Number.isInteger(v));
  assert.ok(v >= 1, `landlockAbiVersion() = ${v}`);
});

test.run();
