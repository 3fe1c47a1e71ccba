// The per-VM scheduler (runtime/fiber/scheduler.ts), driven through a small
// fake host: plain fengari threads stand in for fibers, a JS `note` function
// records what they do, and `suspend_once` parks a fiber until wake().

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lua, lauxlib, lualib, luaString, toText, LuaState } from '../../runtime/lua/lua-api';
import { Scheduler, FiberHost } from '../../runtime/fiber/scheduler';
import { Fiber } from '../../runtime/fiber/fiber';

interface Harness {
  readonly L: LuaState;
  readonly scheduler: Scheduler;
  readonly host: FiberHost & { terminated: boolean; finished: Fiber[]; crashed: Array<[Fiber, number]> };
  readonly log: string[];
  spawn(source: string): Fiber;
}

function harness(): Harness {
  const L = lauxlib.luaL_newstate();
  lualib.luaL_openlibs(L);
  const log: string[] = [];
  const host = {
    terminated: false,
    finished: [] as Fiber[],
    crashed: [] as Array<[Fiber, number]>,
    fiberFinished(fiber: Fiber) { host.finished.push(fiber); },
    fiberCrashed(fiber: Fiber, status: number) { host.crashed.push([fiber, status]); },
  };
  const scheduler = new Scheduler(host);
  const fibers = new Map<LuaState, Fiber>();

  lua.lua_pushcfunction(L, (L: LuaState) => {
    log.push(toText(L, 1));
    return 0;
  });
  lua.lua_setglobal(L, luaString('note'));
  // Parks the calling fiber; whatever wake() passes in is what it returns.
  lua.lua_pushcfunction(L, (L: LuaState) => {
    const fiber = fibers.get(L) as Fiber;
    fiber.state = 'suspended';
    return lua.lua_yieldk(L, 0, 0, (L: LuaState) => {
      const action = fiber.wakeAction;
      fiber.wakeAction = null;
      return action === null ? 0 : action(L);
    });
  });
  lua.lua_setglobal(L, luaString('suspend_once'));

  return {
    L,
    scheduler,
    host,
    log,
    spawn(source) {
      const thread = lua.lua_newthread(L);
      lua.lua_pop(L, 1);
      if (lauxlib.luaL_loadstring(thread, luaString(source)) !== lua.LUA_OK) throw new Error(toText(thread, -1));
      const fiber = new Fiber(thread, false, 0);
      fibers.set(thread, fiber);
      scheduler.add(fiber);
      return fiber;
    },
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

test('fibers start in spawn order and yield round-robin', async () => {
  const h = harness();
  for (const name of ['a', 'b', 'c']) {
    h.spawn(`for i = 1, 3 do note('${name}' .. i) coroutine.yield() end`);
  }
  assert.equal(h.log, [], 'nothing runs before the caller gives up control');
  await tick();
  assert.equal(h.log, ['a1', 'b1', 'c1', 'a2', 'b2', 'c2', 'a3', 'b3', 'c3']);
  assert.is(h.host.finished.length, 3);
  assert.ok(h.host.finished.every((f) => f.state === 'done'));
  assert.is(h.scheduler.pending, 0);
});

test('wake() resumes a suspended fiber with the action\'s results, behind the ready ones', async () => {
  const h = harness();
  const sleeper = h.spawn("note('sleeping') local v = suspend_once() note('woke with ' .. v)");
  h.spawn("note('other runs') coroutine.yield() note('other again')");
  await tick();
  assert.equal(h.log, ['sleeping', 'other runs', 'other again']);
  assert.is(sleeper.state, 'suspended');

  h.scheduler.wake(sleeper, (L) => {
    lua.lua_pushstring(L, luaString('forty-two'));
    return 1;
  });
  assert.is(sleeper.state, 'ready');
  await tick();
  assert.equal(h.log.slice(3), ['woke with forty-two']);
  assert.is(sleeper.state, 'done');
});

test('wake() is ignored unless the fiber is suspended and not already woken', async () => {
  const h = harness();
  const fiber = h.spawn("local v = suspend_once() note('got ' .. v)");
  // Still ready (never ran): a wake now must not queue it twice or set an action.
  h.scheduler.wake(fiber, () => assert.unreachable('woken while ready') as never);
  assert.is(fiber.wakeAction, null);
  assert.is(h.scheduler.pending, 1);
  await tick();
  assert.is(fiber.state, 'suspended');

  h.scheduler.wake(fiber, (L) => {
    lua.lua_pushstring(L, luaString('first'));
    return 1;
  });
  h.scheduler.wake(fiber, () => assert.unreachable('second wake of the same wait') as never);
  assert.is(h.scheduler.pending, 1);
  await tick();
  assert.equal(h.log, ['got first']);

  // Done: waking again does nothing.
  h.scheduler.wake(fiber, () => assert.unreachable('woken after the end') as never);
  assert.is(h.scheduler.pending, 0);
});

test('a failing fiber is reported to the host with its status', async () => {
  const h = harness();
  const fiber = h.spawn("error('boom', 0)");
  await tick();
  assert.is(h.host.crashed.length, 1);
  assert.is(h.host.crashed[0][0], fiber);
  assert.is(h.host.crashed[0][1], lua.LUA_ERRRUN);
  assert.is(toText(fiber.thread, -1), 'boom');
});

test('the drain yields to the event loop while fibers ping-pong forever', async () => {
  const h = harness();
  let resumes = 0;
  lua.lua_pushcfunction(h.L, () => {
    resumes++;
    return 0;
  });
  lua.lua_setglobal(h.L, luaString('count'));
  // Two fibers that never end: each counts, then lets the other run.
  h.spawn('while true do count() coroutine.yield() end');
  h.spawn('while true do count() coroutine.yield() end');

  // The check runs at every turn of the event loop for a while: under load the
  // first turn may come before the first drain, so no single turn is decisive.
  const seen: number[] = [];
  const record = (): void => {
    seen.push(resumes);
    if (seen.length < 1000) setImmediate(record);
  };
  setImmediate(record);
  let timerFired = false;
  setTimeout(() => { timerFired = true; }, 5);

  try {
    await new Promise<void>((resolve) => setTimeout(resolve, 30));
    const firstBusy = seen.find((count) => count > 0);
    assert.ok(firstBusy !== undefined, 'setImmediate ran after some resumes');
    assert.ok(timerFired, 'a timer fired while the fibers kept yielding');
    assert.ok(resumes > (firstBusy as number), 'the fibers went on after the event loop had its turn');
    assert.is(h.scheduler.pending, 2, 'both fibers are still queued');
  } finally {
    // Stop them (also when an assertion failed, or they would keep the
    // process alive): a terminated host makes the next drain drop the queue.
    h.host.terminated = true;
    await tick();
    await tick();
  }
  const stoppedAt = resumes;
  await tick();
  assert.is(resumes, stoppedAt);
  assert.is(h.scheduler.pending, 0);
});

test.run();
