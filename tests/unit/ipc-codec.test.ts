// The IPC message codec (runtime/actor/ipc/codec.ts): Emilua's value rules
// for subprocess actors at send, round trips of every value kind, and the
// decoder against malformed datagrams, with fake descriptor numbers and a
// closer that counts (the real-socket attacks are in ipc-hostile.test.ts).

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lua, lauxlib, luaString, toText, pushUserdata, setFunctions, toUserdata, LuaState } from '../../runtime/lua/lua-api';
import { openStandardLibraries } from '../../runtime/vm/standard-libraries';
import { encode, decode, validate, MAX_MESSAGE_BYTES, WIRE_VERSION, type DecodeResult } from '../../runtime/actor/ipc/codec';
import { readIpcInput, type UserdataKind } from '../../runtime/actor/ipc/lua-input';
import { fromStructured } from '../../runtime/actor/ipc/structured-input';
import type { IpcInput, IpcValue } from '../../runtime/actor/ipc/value';

const s = (text: string): Uint8Array => new Uint8Array(Buffer.from(text));

/** A closer that records what it was given. */
function counter() {
  const closed: number[] = [];
  return { closed, close: (fd: number) => void closed.push(fd) };
}

function roundTrip(value: IpcInput): { result: DecodeResult; closed: number[] } {
  const encoded = encode(value);
  if (!encoded.ok) throw new Error(`encode failed: ${encoded.failure.detail}`);
  const { closed, close } = counter();
  return { result: decode(encoded.bytes, encoded.fds, close), closed };
}

function decodedValue(value: IpcInput): IpcValue {
  const { result, closed } = roundTrip(value);
  assert.equal(closed, [], 'a good message closes nothing');
  if (result.type !== 'message') throw new Error(`decode gave ${JSON.stringify(result)}`);
  return result.value;
}

test('every leaf kind survives a round trip', () => {
  for (const n of [0, 1, -1, 0.5, 2 ** 53 + 2, -1e308, 5e-324, Infinity, -Infinity]) {
    assert.is(decodedValue(n), n);
  }
  assert.ok(Number.isNaN(decodedValue(NaN) as number));
  assert.ok(Object.is(decodedValue(-0), -0), '-0 keeps its sign');
  assert.is(decodedValue(true), true);
  assert.is(decodedValue(false), false);
  assert.equal(decodedValue(s('')), s(''));
  const binary = new Uint8Array(255).map((_, i) => i);
  assert.equal(decodedValue(binary), binary, 'a 255-byte binary string');
  assert.equal(decodedValue({ kind: 'fd', fd: 7 }), { kind: 'fd', fd: 7 });
  assert.equal(decodedValue({ kind: 'address', fd: 9 }), { kind: 'address', fd: 9 });
});

test('a dictionary of every leaf kind survives a round trip, descriptors in order', () => {
  const keys = ['n', 'nan', 't', 'f', 'str', 'fd', 'addr', ''].map(s);
  const values = [42, NaN, true, false, s('hi'), { kind: 'fd', fd: 30 }, { kind: 'address', fd: 31 }, -0] as const;
  const encoded = encode({ kind: 'object', keys, values: [...values] });
  assert.ok(encoded.ok);
  if (!encoded.ok) return;
  assert.equal(encoded.fds, [30, 31]);
  const { closed, close } = counter();
  const result = decode(encoded.bytes, [50, 51], close);
  assert.equal(closed, []);
  assert.is(result.type, 'message');
  if (result.type !== 'message') return;
  const value = result.value as { kind: 'object'; keys: Uint8Array[]; values: unknown[] };
  assert.equal(value.keys, keys);
  assert.is(value.values[0], 42);
  assert.ok(Number.isNaN(value.values[1] as number));
  assert.equal(value.values.slice(2, 7), [true, false, s('hi'), { kind: 'fd', fd: 50 }, { kind: 'address', fd: 51 }]);
  assert.ok(Object.is(value.values[7], -0));
});

test('the largest message fits the documented bound exactly', () => {
  const keys = Array.from({ length: 20 }, (_, i) => new Uint8Array(255).fill(65 + i));
  const values = Array.from({ length: 20 }, () => new Uint8Array(255).fill(1));
  const encoded = encode({ kind: 'object', keys, values });
  assert.ok(encoded.ok);
  if (encoded.ok) {
    assert.is(encoded.bytes.length, MAX_MESSAGE_BYTES);
    assert.is(MAX_MESSAGE_BYTES, 10262);
    assert.is(encoded.bytes[0], WIRE_VERSION);
  }
});

// ---------------------------------------------------------------- send rules, from real Lua values

const FAKE_MT = luaString('ipc test object');
interface Fake {
  readonly kind: 'fd' | 'address' | 'other';
  readonly fd: number;
}

function newState(): LuaState {
  const L = lauxlib.luaL_newstate();
  openStandardLibraries(L);
  lauxlib.luaL_newmetatable(L, FAKE_MT);
  lua.lua_pop(L, 1);
  lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, lua.LUA_RIDX_GLOBALS);
  const fake = (kind: Fake['kind']) => (L: LuaState) => {
    pushUserdata(L, 'ipc fake', { kind, fd: lua.lua_isnumber(L, 1) ? lua.lua_tonumber(L, 1) : -1 }, FAKE_MT);
    return 1;
  };
  setFunctions(L, -1, {
    fd: fake('fd'),
    address: fake('address'),
    other: fake('other'),
    light(L) {
      lua.lua_pushlightuserdata(L, {});
      return 1;
    },
  });
  lua.lua_pop(L, 1);
  return L;
}

const classify = (L: LuaState, idx: number): UserdataKind => {
  const fake = toUserdata<Fake>(L, idx, 'ipc fake');
  if (fake === undefined || fake.kind === 'other') return { type: 'unsupported' };
  return fake.kind === 'fd' ? { type: 'fd', fd: fake.fd } : { type: 'address' };
};

/** Evaluates `expr` in a fresh state and reads it as codec input; the stack must be left alone. */
function luaInput(expr: string): IpcInput {
  const L = newState();
  const chunk = luaString(`return ${expr}`);
  if (lauxlib.luaL_loadbufferx(L, chunk, chunk.length, luaString('=test'), luaString('t')) !== lua.LUA_OK ||
    lua.lua_pcall(L, 0, 1, 0) !== lua.LUA_OK) {
    throw new Error(toText(L, -1));
  }
  const top = lua.lua_gettop(L);
  const input = readIpcInput(L, -1, classify);
  assert.is(lua.lua_gettop(L), top, 'stack left as it was');
  return input;
}

function ruleOf(expr: string): string | null {
  const failure = validate(luaInput(expr));
  if (failure === null) return null;
  // encode() refuses for the same reason, and send raises failure.errno.
  const encoded = encode(luaInput(expr));
  assert.not.ok(encoded.ok);
  return `${failure.errno} ${failure.rule}`;
}

test('values Emilua sends between processes pass', () => {
  for (const expr of [
    '1', '0/0', '-1/0', 'true', '"x"', 'string.rep("a", 255)', 'fd(3)', 'address()',
    '{a = 1}', '{[string.rep("k", 255)] = string.rep("v", 255)}', '{a = fd(3), b = address(), c = "s", d = false}',
  ]) {
    assert.is(ruleOf(expr), null, expr);
  }
  const twenty = luaInput('(function() local t = {} for i = 1, 20 do t["k" .. i] = i end return t end)()');
  assert.is(validate(twenty), null, '20 members');
});

test('every rule of send: EINVAL (EBUSY for a closed descriptor)', () => {
  const cases: Array<[string, string]> = [
    ['nil', 'EINVAL nil'],
    ['string.rep("a", 256)', 'EINVAL string_too_long'],
    ['{a = string.rep("a", 256)}', 'EINVAL string_too_long'],
    ['{[string.rep("k", 256)] = 1}', 'EINVAL key_too_long'],
    ['(function() local t = {} for i = 1, 21 do t["k" .. i] = i end return t end)()', 'EINVAL too_many_members'],
    ['(function() local t = {} for i = 1, 2000 do t["k" .. i] = i end return t end)()', 'EINVAL too_many_members'],
    ['{a = {b = 1}}', 'EINVAL nested_table'],
    ['{a = {}}', 'EINVAL nested_table'],
    ['{}', 'EINVAL empty_table'],
    ['{1, 2}', 'EINVAL non_string_key'],
    ['{a = 1, [true] = 2}', 'EINVAL non_string_key'],
    ['setmetatable({a = 1}, {})', 'EINVAL table_with_metatable'],
    ['print', 'EINVAL unsupported_type'],
    ['{a = print}', 'EINVAL unsupported_type'],
    ['coroutine.create(print)', 'EINVAL unsupported_type'],
    ['{co = coroutine.create(print)}', 'EINVAL unsupported_type'],
    ['other()', 'EINVAL unsupported_type'],
    ['{u = other()}', 'EINVAL unsupported_type'],
    ['light()', 'EINVAL unsupported_type'],
    ['fd()', 'EBUSY closed_fd'],
    ['{f = fd()}', 'EBUSY closed_fd'],
  ];
  for (const [expr, expected] of cases) assert.is(ruleOf(expr), expected, expr);
});

test('the captured in-process form adapts: arrays and nested tables are refused', () => {
  const address = { vm: 4, thread: 0 };
  assert.is(validate(fromStructured({ kind: 'array', items: [1] }, () => -1))?.rule, 'non_string_key');
  assert.is(validate(fromStructured({ kind: 'object', keys: [s('a')], values: [{ kind: 'array', items: [] }] }, () => -1))?.rule,
    'nested_table');
  const encoded = encode(fromStructured({ kind: 'object', keys: [s('ch')], values: [{ kind: 'address', address }] }, () => 12));
  assert.ok(encoded.ok && encoded.fds[0] === 12);
});

test('an address still without its socketpair end is a sender bug, not a message', () => {
  const input = luaInput('{ch = address()}');
  assert.is(validate(input), null, 'valid before the socketpair exists');
  assert.throws(() => encode(input), /address without a descriptor/);
});

// ---------------------------------------------------------------- hostile datagrams (fake fds)

function hostile(bytes: number[] | Uint8Array, fds: number[]): { result: DecodeResult; closed: number[] } {
  const { closed, close } = counter();
  return { result: decode(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), fds, close), closed };
}

function refused(bytes: number[] | Uint8Array, fds: number[], reason: string): void {
  const { result, closed } = hostile(bytes, fds);
  assert.equal(result.type === 'error' ? result.error.reason : result.type, reason);
  assert.equal([...closed].sort(), [...fds].sort(), 'every descriptor closed exactly once');
}

test('a zero-length datagram is "closed", and what came with it is closed', () => {
  assert.equal(hostile([], []).result, { type: 'closed' });
  const { result, closed } = hostile([], [5, 6]);
  assert.is(result.type, 'closed');
  assert.equal(closed, [5, 6]);
});

test('malformed datagrams are refused with their descriptors closed', () => {
  refused([2, 0, 1], [], 'version');
  refused([0, 0, 1], [7], 'version');
  refused([1], [7], 'truncated');
  refused([1, 0], [], 'truncated');
  refused([1, 0, 2, 0, 0, 0], [], 'truncated');
  refused([1, 0, 3, 5, 65, 65], [], 'truncated');
  refused([1, 1, 3, 97], [], 'truncated');
  refused([1, 0, 1, 0], [], 'trailing_bytes');
  refused([1, 0, 9], [3], 'unknown_tag');
  refused([1, 0, 255], [], 'unknown_tag');
  refused([1, 21], [], 'member_count');
  refused([1, 255], [1, 2, 3], 'member_count');
  refused([1, 2, 1, 97, 1, 1, 97, 0], [], 'duplicate_key');
  refused(new Uint8Array(MAX_MESSAGE_BYTES + 1).fill(1), [4], 'oversized');
});

test('descriptor counts must match the tags exactly', () => {
  refused([1, 0, 4], [], 'fd_count');
  refused([1, 0, 4], [10, 11], 'fd_count');
  refused([1, 0, 5], [10, 11, 12], 'fd_count');
  refused([1, 0, 1], [10], 'fd_count');
  refused([1, 2, 1, 97, 4, 1, 98, 5], [10], 'fd_count');
  refused([1, 0, 4], Array.from({ length: 250 }, (_, i) => 100 + i), 'fd_count');
  const ok = hostile([1, 2, 1, 97, 4, 1, 98, 5], [10, 11]);
  assert.is(ok.result.type, 'message');
  assert.equal(ok.closed, []);
});

test('a closer that throws does not keep the other descriptors open', () => {
  const closed: number[] = [];
  const result = decode(new Uint8Array([9]), [1, 2, 3], (fd) => {
    closed.push(fd);
    if (fd === 1) throw new Error('close failed');
  });
  assert.is(result.type, 'error');
  assert.equal(closed, [1, 2, 3]);
});

test.run();
