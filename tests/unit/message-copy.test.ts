// The copier between Lua values and the structured form of actor messages
// (runtime/actor/message-copy.ts), on bare Lua states with a fake host.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lua, lauxlib, luaString, toText, pushUserdata, setFunctions, toUserdata, LuaState } from '../../runtime/lua/lua-api';
import { openStandardLibraries } from '../../runtime/vm/standard-libraries';
import { MESSAGE_DEPTH_LIMIT, type ActorAddress, type Message, type Structured } from '../../runtime/actor/message';
import { fromWire, toWire, WireFormatError } from '../../runtime/actor/message-wire';
import { captureMessage, pushMessage, releaseMessage, MessageCopyError, MessageCopyHost } from '../../runtime/actor/message-copy';

const FAKE_MT = luaString('test fake object');

/** Serializes a Lua value with sorted keys, so two copies can be compared as text. */
const DUMP = `
function dump(v)
  local t = type(v)
  if t == 'table' then
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
    local parts = {}
    for _, k in ipairs(keys) do parts[#parts + 1] = tostring(k) .. '=' .. dump(v[k]) end
    return '{' .. table.concat(parts, ',') .. '}'
  elseif t == 'string' then
    return string.format('%q', v)
  elseif t == 'userdata' then
    return describe(v)
  end
  return tostring(v)
end
`;

interface FakeObject {
  readonly kind: 'address' | 'fd' | 'other';
  readonly value: number;
}

class FakeHost implements MessageCopyHost {
  retained: number[] = [];
  released: number[] = [];
  dups: number[] = [];
  closed: number[] = [];
  nextFd = 100;
  failDup = 0;

  classifyUserdata(L: LuaState, idx: number) {
    const object = toUserdata<FakeObject>(L, idx, 'fake');
    if (object === undefined) return { type: 'unsupported' } as const;
    if (object.kind === 'address') return { type: 'address', address: { vm: object.value, thread: 0 } } as const;
    if (object.kind === 'fd') return { type: 'fd', fd: object.value } as const;
    return { type: 'unsupported' } as const;
  }
  retainAddress(address: ActorAddress) {
    this.retained.push(address.vm);
  }
  releaseAddress(address: ActorAddress) {
    this.released.push(address.vm);
  }
  dupFd(fd: number) {
    if (this.failDup !== 0) return -this.failDup;
    this.dups.push(fd);
    return this.nextFd++;
  }
  closeFd(fd: number) {
    this.closed.push(fd);
  }
  pushAddress(L: LuaState, address: ActorAddress) {
    pushFake(L, { kind: 'address', value: address.vm });
  }
  pushFd(L: LuaState, fd: number) {
    pushFake(L, { kind: 'fd', value: fd });
  }
}

function pushFake(L: LuaState, object: FakeObject): void {
  pushUserdata(L, 'fake', object, FAKE_MT);
}

function newState(): LuaState {
  const L = lauxlib.luaL_newstate();
  openStandardLibraries(L);
  lauxlib.luaL_newmetatable(L, FAKE_MT);
  lua.lua_pop(L, 1);
  lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, lua.LUA_RIDX_GLOBALS);
  setFunctions(L, -1, {
    address(L) {
      pushFake(L, { kind: 'address', value: lauxlib.luaL_checknumber(L, 1) });
      return 1;
    },
    fd(L) {
      pushFake(L, { kind: 'fd', value: lauxlib.luaL_checknumber(L, 1) });
      return 1;
    },
    other(L) {
      pushFake(L, { kind: 'other', value: 0 });
      return 1;
    },
    bare(L) {
      lua.lua_newuserdata(L, 0);
      return 1;
    },
    light(L) {
      lua.lua_pushlightuserdata(L, {});
      return 1;
    },
    describe(L) {
      const object = toUserdata<FakeObject>(L, 1, 'fake');
      lua.lua_pushstring(L, luaString(object === undefined ? 'userdata' : `${object.kind}:${object.value}`));
      return 1;
    },
  });
  lua.lua_pop(L, 1);
  run(L, DUMP, 0);
  return L;
}

function run(L: LuaState, source: string, results: number): void {
  const chunk = luaString(source);
  if (lauxlib.luaL_loadbufferx(L, chunk, chunk.length, luaString('=test'), luaString('t')) !== lua.LUA_OK
    || lua.lua_pcall(L, 0, results, 0) !== lua.LUA_OK) {
    throw new Error(toText(L, -1));
  }
}

/** Evaluates `expr` in a fresh state and copies the result. */
function capture(expr: string, host = new FakeHost()): { message: Message; host: FakeHost; top: number } {
  const L = newState();
  run(L, `return ${expr}`, 1);
  const top = lua.lua_gettop(L);
  const message = captureMessage(L, -1, host);
  assert.is(lua.lua_gettop(L), top, 'the stack is left as it was');
  return { message, host, top };
}

function failure(expr: string, host = new FakeHost()): string {
  const L = newState();
  run(L, `return ${expr}`, 1);
  const top = lua.lua_gettop(L);
  try {
    captureMessage(L, -1, host);
  } catch (err) {
    assert.is(lua.lua_gettop(L), top, 'the stack is left as it was after a failure');
    if (err instanceof MessageCopyError) {
      const f = err.failure;
      return f.reason === 'errno' ? `errno ${f.errno}` : f.reason;
    }
    throw err;
  }
  throw new Error(`${expr} was copied`);
}

/** Pushes the structured value into another fresh state and dumps it there. */
function arrive(value: Structured, host = new FakeHost()): string {
  const L = newState();
  lua.lua_getglobal(L, luaString('dump'));
  pushMessage(L, value, host);
  if (lua.lua_pcall(L, 1, 1, 0) !== lua.LUA_OK) throw new Error(toText(L, -1));
  return toText(L, -1);
}

function roundTrip(expr: string): string {
  return arrive(capture(expr).message.value);
}

test('numbers travel as doubles', () => {
  assert.is(roundTrip('3'), '3');
  assert.is(roundTrip('0.5'), '0.5');
  assert.is(roundTrip('2^53'), '9.007199254741e+15');
  assert.is(roundTrip('-1/0'), '-inf');
  assert.is(roundTrip('{ 1, 2, 3 }'), '{1=1,2=2,3=3}');
  assert.is(capture('42').message.value, 42);
  assert.ok(Number.isNaN(capture('0/0').message.value as number));
});

test('booleans and binary-safe strings', () => {
  assert.is(roundTrip('true'), 'true');
  assert.is(roundTrip('false'), 'false');
  const bytes = capture('"a\\0b\\255c"').message.value as Uint8Array;
  assert.equal([...bytes], [0x61, 0, 0x62, 0xff, 0x63]);
  const L = newState();
  pushMessage(L, bytes, new FakeHost());
  assert.equal([...(lua.lua_tolstring(L, -1) as Uint8Array)], [0x61, 0, 0x62, 0xff, 0x63]);
  assert.is(roundTrip('""'), '""');
  assert.is(roundTrip('string.rep("x", 100000)').length, 100002);
});

test('a table with #t > 0 is an array (items 1..n), any other an object', () => {
  assert.is(roundTrip('{ 10, 20, x = 1, [7] = 2 }'), '{1=10,2=20}');
  assert.is(roundTrip('{ x = 1, y = { 1, 2 } }'), '{x=1,y={1=1,2=2}}');
  assert.is(roundTrip('{}'), '{}');
  // An array ends at the first nil.
  assert.is(roundTrip('{ 1, 2, nil, 4 }'), '{1=1,2=2}');
  const value = capture('{ 10, 20 }').message.value;
  assert.equal(value, { kind: 'array', items: [10, 20] });
});

test('objects keep string keys only', () => {
  assert.is(roundTrip('{ [true] = 1, [1.5] = 2, [{}] = 3, s = 4, ["with space"] = 5 }'), '{s=4,with space=5}');
});

test('values that cannot travel are left out; in an array they end it', () => {
  assert.is(roundTrip('{ f = print, co = coroutine.create(print), l = light(), o = other(), b = bare(), n = 1 }'), '{n=1}');
  assert.is(roundTrip('{ 1, "two", print, 4, 5 }'), '{1=1,2="two"}');
  assert.is(roundTrip('{ 1, setmetatable({}, {}), 3 }'), '{1=1}');
  assert.is(roundTrip('{ t = setmetatable({}, {}), k = true }'), '{k=true}');
  assert.is(roundTrip('{ { 1, print, 3 }, 2 }'), '{1={1=1},2=2}');
});

test('a table reached twice along different paths is copied twice', () => {
  const L = newState();
  run(L, 'local a = { 1 }; return { p = a, q = a, x = { y = a } }', 1);
  const host = new FakeHost();
  const { value } = captureMessage(L, -1, host);
  lua.lua_settop(L, 0);
  run(L, 'return function(t) return t.p ~= t.q and t.p ~= t.x.y and #t.p == 1 and #t.q == 1 and #t.x.y == 1 end', 1);
  pushMessage(L, value, host);
  assert.is(lua.lua_pcall(L, 1, 1, 0), lua.LUA_OK);
  assert.ok(lua.lua_toboolean(L, -1));
});

test('a reference cycle raises', () => {
  assert.is(failure('(function() local t = {}; t.self = t; return t end)()'), 'reference_cycle');
  assert.is(failure('(function() local t = { {} }; t[1][1] = t; return t end)()'), 'reference_cycle');
  assert.is(failure('(function() local a, b = {}, {}; a.b = b; b.a = a; return { a } end)()'), 'reference_cycle');
});

test('top-level values that cannot travel raise EINVAL, ENOTSUP or EBUSY', () => {
  assert.is(failure('nil'), 'EINVAL');
  assert.is(failure('print'), 'EINVAL');
  assert.is(failure('coroutine.create(print)'), 'EINVAL');
  assert.is(failure('light()'), 'EINVAL');
  assert.is(failure('setmetatable({}, {})'), 'EINVAL');
  assert.is(failure('bare()'), 'EINVAL');
  assert.is(failure('other()'), 'ENOTSUP');
  assert.is(failure('fd(-1)'), 'EBUSY');
});

test('addresses are counted while the message holds them', () => {
  const { message, host } = capture('{ address(7), x = address(8), address(7) }');
  assert.equal(message.resources?.addresses.map((a) => a.vm), [7, 7], 'listed once per occurrence');
  assert.equal(message.resources?.fds, []);
  assert.equal(host.retained.sort(), [7, 7]);
  assert.is(arrive(message.value), '{1=address:7,2=address:7}');
  const object = capture('{ x = address(8), y = { address(9) } }');
  assert.equal(object.host.retained.sort(), [8, 9]);
  releaseMessage(object.message, object.host);
  assert.equal(object.host.released.sort(), [8, 9]);
  assert.equal(capture('address(3)').message.value, { kind: 'address', address: { vm: 3, thread: 0 } });
});

test('descriptors are dup\'ed; a closed one inside a table is left out', () => {
  const { message, host } = capture('{ fd(5), fd(-1), fd(6) }');
  assert.equal(host.dups, [5]);
  assert.is(arrive(message.value), '{1=fd:100}');
  const top = capture('fd(9)');
  assert.equal(top.host.dups, [9]);
  assert.equal(top.message.value, { kind: 'fd', fd: 100 });
  assert.equal(top.message.resources, { addresses: [], fds: [100] });
  releaseMessage(top.message, top.host);
  assert.equal(top.host.closed, [100]);
  const failing = new FakeHost();
  failing.failDup = 24;
  assert.is(failure('{ fd(3) }', failing), 'errno 24');
});

test('a failed copy gives back what it took', () => {
  const host = new FakeHost();
  assert.is(failure('(function() local t = { x = fd(4), a = address(2) }; t.y = { t } return t end)()', host), 'reference_cycle');
  assert.equal(host.closed, [100]);
  assert.equal(host.released, [2]);
});

test('plain data holds no resources; plain JS values survive structured cloning', () => {
  const { message } = capture('{ 1, "two", { three = 3, four = { true, false } } }');
  assert.is(message.resources, null);
  const cloned = structuredClone(message.value);
  assert.is(arrive(cloned), '{1=1,2="two",3={four={1=true,2=false},three=3}}');
});

test('a table nested up to the depth limit is copied; one level more raises too_deep', () => {
  const nested = (levels: number) => `(function() local t = { leaf = true }; for i = 2, ${levels} do t = { t } end; return t end)()`;
  const { message } = capture(nested(MESSAGE_DEPTH_LIMIT));
  let depth = 0;
  for (let v: Structured = message.value; typeof v === 'object' && !(v instanceof Uint8Array) && v.kind !== 'address' && v.kind !== 'fd';) {
    depth++;
    v = v.kind === 'array' ? v.items[0] : v.values[0];
  }
  assert.is(depth, MESSAGE_DEPTH_LIMIT);
  assert.is(failure(nested(MESSAGE_DEPTH_LIMIT + 1)), 'too_deep');
  const host = new FakeHost();
  assert.is(failure(`{ a = address(2), b = ${nested(MESSAGE_DEPTH_LIMIT)} }`, host), 'too_deep');
  assert.equal(host.released, [2], 'what the refused message took is given back');
});

/** A structured value nested `levels` deep, built without Lua. */
function nestedValue(levels: number): Structured {
  let value: Structured = { kind: 'object', keys: [luaString('leaf')], values: [true] };
  for (let i = 1; i < levels; i++) value = { kind: 'array', items: [value] };
  return value;
}

test('pushing a deep value needs no recursion', () => {
  const depth = 20000;
  const other = newState();
  pushMessage(other, nestedValue(depth), new FakeHost());
  lua.lua_setglobal(other, luaString('deep'));
  run(other, `local t, n = deep, 1; while t[1] do t = t[1]; n = n + 1 end; return n, t.leaf`, 2);
  assert.is(lua.lua_tonumber(other, -2), depth);
  assert.ok(lua.lua_toboolean(other, -1));
});

test('between threads a value travels flat: structured cloning never recurses with its depth', () => {
  const { message } = capture('{ 1, "two", { three = 3, four = { true, false, { } } }, { x = { y = { } } } }');
  const wire = structuredClone(toWire(message.value));
  assert.is(arrive(fromWire(wire)), '{1=1,2="two",3={four={1=true,2=false,3={}},three=3},4={x={y={}}}}');
  assert.is(fromWire(structuredClone(toWire(7))), 7);
  // V8's serializer fails near 1200 levels of nested objects on the main thread.
  const deep = structuredClone(toWire(nestedValue(MESSAGE_DEPTH_LIMIT)));
  assert.is(arrive(fromWire(deep)).length, arrive(nestedValue(MESSAGE_DEPTH_LIMIT)).length);
});

test('the receiving thread checks the same depth limit, and malformed layouts', () => {
  assert.throws(() => fromWire(toWire(nestedValue(MESSAGE_DEPTH_LIMIT + 1))), (e: unknown) => e instanceof WireFormatError);
  assert.throws(() => fromWire({ kind: 'flat', codes: [1, 2, 0], leaves: [1] }), (e: unknown) => e instanceof WireFormatError);
  assert.throws(() => fromWire({ kind: 'flat', codes: [2, 1, 0], leaves: [1, 2] }), (e: unknown) => e instanceof WireFormatError);
  assert.throws(() => fromWire({ kind: 'flat', codes: [0], leaves: [1, 2] }), (e: unknown) => e instanceof WireFormatError);
  assert.throws(() => fromWire({ kind: 'flat', codes: [7, 1], leaves: [] }), (e: unknown) => e instanceof WireFormatError);
});

test.run();
