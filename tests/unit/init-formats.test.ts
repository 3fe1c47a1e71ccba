// runtime/sandbox: the encoder of the init helper's config and the decoder of
// its status record, without the helper (the helper's side is tested in
// init-helper*.test.ts).

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeInitConfig, InitConfig, INIT_CONFIG_MAX_BYTES } from '../../runtime/sandbox/init-config';
import { decodeInitStatus } from '../../runtime/sandbox/init-status';

const base: InitConfig = { pid1: false, hasArg: false, script: '', path: '/bin/true', argv: ['true'], env: [] };

test('config: header, flags and length-prefixed fields in order', () => {
  const bytes = encodeInitConfig({ ...base, pid1: true, hasArg: true, script: 'x', env: [['A', 'b']] });
  assert.equal(Array.from(bytes.subarray(0, 8)), [0x45, 0x54, 0x49, 0x43, 1, 3, 0, 0]);
  const view = new DataView(bytes.buffer);
  assert.is(view.getUint32(8, true), 1);
  assert.is(String.fromCharCode(bytes[12]), 'x');
  assert.is(view.getUint32(13, true), '/bin/true'.length);
  assert.is(Buffer.from(bytes).toString('latin1').endsWith('\x03\x00\x00\x00A=b'), true);
});

test('config: what the helper would refuse is refused here first', () => {
  assert.throws(() => encodeInitConfig({ ...base, argv: [] }), /argv/);
  assert.throws(() => encodeInitConfig({ ...base, path: '' }), /empty program path/);
  assert.throws(() => encodeInitConfig({ ...base, path: 'a\0b' }), /NUL/);
  assert.throws(() => encodeInitConfig({ ...base, env: [['A=B', 'c']] }), /no "="/);
  assert.throws(() => encodeInitConfig({ ...base, env: [['', 'c']] }), /non-empty/);
  assert.throws(() => encodeInitConfig({ ...base, script: 'x'.repeat(INIT_CONFIG_MAX_BYTES) }), /more than/);
  // Lua scripts are bytes: a NUL inside the script is fine.
  assert.ok(encodeInitConfig({ ...base, script: new Uint8Array([0x2d, 0x2d, 0, 0x0a]) }).length > 0);
});

function record(stage: number, errno: number, message: string, version = 1): Uint8Array {
  const msg = Buffer.from(message);
  const out = new Uint8Array(12 + msg.length);
  out.set([0x45, 0x54, 0x49, 0x53, version, stage]);
  const view = new DataView(out.buffer);
  view.setUint16(6, msg.length, true);
  view.setInt32(8, errno, true);
  out.set(msg, 12);
  return out;
}

test('status: EOF without a record is success; a record decodes', () => {
  assert.is(decodeInitStatus(new Uint8Array(0)), null);
  assert.equal(decodeInitStatus(record(3, 2, 'C.open')), { stage: 'script-call', errno: 2, message: 'C.open' });
  assert.equal(decodeInitStatus(record(4, 0, 'init.script:1: boom')), { stage: 'script-error', errno: 0, message: 'init.script:1: boom' });
});

test('status: a malformed record is reported as such, never trusted', () => {
  const cases: [Uint8Array, string][] = [
    [record(3, 2, 'C.open').subarray(0, 11), 'truncated header'],
    [record(3, 2, 'C.open').subarray(0, 14), 'bad length'],
    [new Uint8Array([...record(3, 2, 'x'), 0]), 'bad length'],
    [record(9, 2, 'x'), 'unknown stage 9'],
    [record(3, 2, 'x', 2), 'version 2'],
    [record(3, -5, 'x'), 'bad errno'],
    [Uint8Array.from([0x58, ...record(3, 2, 'x').subarray(1)]), 'bad magic'],
  ];
  for (const [bytes, why] of cases) {
    const got = decodeInitStatus(bytes);
    assert.is(got?.stage, 'setup');
    assert.match(got!.message, why);
  }
});

test.run();
