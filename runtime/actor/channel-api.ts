// The Lua-facing channel (tx-channel) methods: send, close, and == between
// two channels to the same actor. getmetatable() gives 'tx-channel'.

import { lua, lauxlib, luaString, setFunctions, indexKey, LuaState, LuaJsFunction } from '../lua/lua-api';
import { vmOf } from '../fiber/vm-of';
import { prepareSuspension, suspend, resumeWithNothing } from '../fiber/suspension';
import type { Fiber } from '../fiber/fiber';
import { raiseGenericError, raiseRuntimeError, raiseSystemError } from '../errors/error-object';
import { errnoCodes } from '../errors/categories';
import { CHANNEL_METATABLE, CHILD_CHANNEL_METATABLE } from './channel';
import { setMethodTable } from '../errors/method-index';
import { current } from './thread-context';
import { toChannel } from './userdata';
import { MessageCopyError, CopyFailure } from './message-copy';
import { luaWrittenInEmilua } from '../errors/lua-written';
import { isIpcAddress } from './ipc/endpoint';
import { sendToProcess } from './ipc-send';
import { childOf, killChild } from './subprocess-children';
import { MESSAGE_DEPTH_LIMIT, type ActorAddress } from './message';

/** Turns a failed copy into the error Emilua raises. */
export function raiseCopyFailure(L: LuaState, failure: CopyFailure): never {
  switch (failure.reason) {
    case 'EINVAL':
    case 'ENOTSUP':
    case 'EBUSY':
      return raiseGenericError(L, errnoCodes[failure.reason]);
    case 'reference_cycle':
      // Emilua 0.11 reports a cycle as ELOOP.
      return raiseGenericError(L, errnoCodes.ELOOP);
    case 'errno':
      return raiseSystemError(L, failure.errno);
    case 'too_deep':
      return raiseGenericError(L, errnoCodes.EINVAL, {
        reason: `a table nested deeper than ${MESSAGE_DEPTH_LIMIT} levels cannot be sent (docs/compat.md, Limits)`,
      });
  }
}

/**
 * Post semantics: the message is already delivered; the caller goes to the
 * back of its VM's ready queue, so other ready fibers run first.
 */
function reschedule(L: LuaState, fiber: Fiber): number {
  fiber.state = 'suspended';
  vmOf(L).scheduler.wake(fiber, resumeWithNothing);
  // Not a cancellation point once the message is sent: the send stands.
  return suspend(L, fiber, { cancellable: false });
}

const send: LuaJsFunction = (L) => {
  if (lua.lua_gettop(L) < 2) return raiseGenericError(L, errnoCodes.EINVAL);
  const handle = toChannel(L, 1);
  if (handle === undefined) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
  if (handle.closed) return raiseRuntimeError(L, 'channel_closed');
  const fiber = prepareSuspension(L, true);
  const thread = current();
  const transport = thread.transportFor(handle.address);
  if (!transport.isOpen(handle.address)) return raiseRuntimeError(L, 'channel_closed');
  if (isIpcAddress(handle.address)) {
    // Emilua's subprocess rules are checked on the Lua value itself (EINVAL at send).
    sendToProcess(L, handle.address, thread);
    return reschedule(L, fiber);
  }
  let message;
  try {
    message = thread.capture(L, 2);
  } catch (err) {
    if (err instanceof MessageCopyError) return raiseCopyFailure(L, err.failure);
    throw err;
  }
  if (message.resources !== null && handle.address.thread !== thread.id && message.resources.addresses.some(isIpcAddress)) {
    // The hub carries addresses of actors on threads, not sockets (docs/compat.md).
    thread.drop(message);
    return raiseGenericError(L, errnoCodes.ENOTSUP, {
      reason: 'the address of an actor in another process cannot be sent to an actor on another thread',
    });
  }
  transport.post(handle.address, message);
  return reschedule(L, fiber);
};

const close: LuaJsFunction = (L) => {
  const handle = toChannel(L, 1);
  if (handle === undefined) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
  handle.close();
  return 0;
};

/** The channel of a subprocess this VM's process spawned, or a bad_index error. */
function checkChild(L: LuaState): { address: ActorAddress } {
  const handle = toChannel(L, 1);
  if (handle === undefined) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
  // Only the VM that spawned the child (Emilua: "direct children of the caller").
  if (handle.closed || childOf(handle.address)?.supervisorVm !== vmOf(L).id) {
    return raiseRuntimeError(L, 'bad_index', { index: 2 });
  }
  return handle;
}

const kill: LuaJsFunction = (L) => {
  const handle = checkChild(L);
  const signo = lua.lua_isnoneornil(L, 2) ? 9 : lauxlib.luaL_checkinteger(L, 2);
  const result = killChild(handle.address, signo);
  if (result < 0) return raiseSystemError(L, -result);
  return 0;
};

const detach: LuaJsFunction = (L) => {
  const handle = checkChild(L);
  const entry = childOf(handle.address);
  if (entry !== undefined) {
    entry.detached = true;
    // It may outlive us; if it exits first it is still reaped.
    entry.child.inBackground();
  }
  return 0;
};

const methods: Record<string, LuaJsFunction> = { send: luaWrittenInEmilua(send), close, kill, detach };

/**
 * __index of a child's channel, a closure over the table of methods: kill,
 * detach and the child_pid property exist only while the child is supervised.
 */
const indexChannel: LuaJsFunction = (L) => {
  lua.lua_pushvalue(L, 2);
  if (lua.lua_rawget(L, lua.lua_upvalueindex(1)) !== lua.LUA_TNIL) {
    const method = lua.lua_tocfunction(L, -1);
    if (method === kill || method === detach) checkChild(L);
    return 1;
  }
  if (indexKey(L) === 'child_pid') {
    const handle = checkChild(L);
    lua.lua_pushinteger(L, childOf(handle.address)?.child.pid ?? 0);
    return 1;
  }
  return raiseRuntimeError(L, 'bad_index', { index: 2 });
};

/**
 * Two metatables: a channel's methods are found by fengari's table lookup,
 * with no call into JavaScript per `ch:send`; a subprocess child's channel
 * indexes through indexChannel, which checks kill, detach and child_pid.
 */
export function installChannelMetatable(L: LuaState): void {
  installOne(L, CHANNEL_METATABLE, (mt) => setMethodTable(L, mt, { send: methods.send, close }));
  installOne(L, CHILD_CHANNEL_METATABLE, (mt) => {
    lua.lua_createtable(L, 0, Object.keys(methods).length);
    setFunctions(L, -1, methods);
    lua.lua_pushcclosure(L, indexChannel, 1);
    lua.lua_setfield(L, mt, luaString('__index'));
  });
}

function installOne(L: LuaState, name: Uint8Array, setIndex: (mt: number) => void): void {
  if (!lauxlib.luaL_newmetatable(L, name)) {
    lua.lua_pop(L, 1);
    return;
  }
  setIndex(lua.lua_gettop(L));
  setFunctions(L, -1, {
    __newindex: (L) => raiseGenericError(L, errnoCodes.EPERM),
    __eq,
  });
  lua.lua_pushstring(L, luaString('tx-channel'));
  lua.lua_setfield(L, -2, luaString('__metatable'));
  lua.lua_pop(L, 1);
}

const __eq: LuaJsFunction = (L) => {
  const a = toChannel(L, 1);
  const b = toChannel(L, 2);
  if (a === undefined || b === undefined) {
    lua.lua_pushboolean(L, false);
    return 1;
  }
  // Emilua cannot compare a closed channel: it no longer knows its actor.
  if (a.closed || b.closed) return raiseGenericError(L, errnoCodes.ENOTSUP);
  lua.lua_pushboolean(L, a.address.vm === b.address.vm);
  return 1;
};
