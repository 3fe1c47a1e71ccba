// The Lua-facing channel (tx-channel) methods: send, close, and == between
// two channels to the same actor. getmetatable() gives 'tx-channel'.

import { lua, lauxlib, luaString, setFunctions, LuaState, LuaJsFunction } from '../lua/lua-api';
import { vmOf } from '../fiber/vm-of';
import { prepareSuspension, suspend, resumeWithNothing } from '../fiber/suspension';
import type { Fiber } from '../fiber/fiber';
import { raiseGenericError, raiseRuntimeError, raiseSystemError } from '../errors/error-object';
import { errnoCodes } from '../errors/categories';
import { CHANNEL_METATABLE } from './channel';
import { current } from './thread-context';
import { toChannel } from './userdata';
import { MessageCopyError, CopyFailure } from './message-copy';
import { setMethodTable } from '../errors/method-index';
import { luaWrittenInEmilua } from '../errors/lua-written';

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
  let message;
  try {
    message = thread.capture(L, 2);
  } catch (err) {
    if (err instanceof MessageCopyError) return raiseCopyFailure(L, err.failure);
    throw err;
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

const methods: Record<string, LuaJsFunction> = { send: luaWrittenInEmilua(send), close };

export function installChannelMetatable(L: LuaState): void {
  if (!lauxlib.luaL_newmetatable(L, CHANNEL_METATABLE)) {
    lua.lua_pop(L, 1);
    return;
  }
  setMethodTable(L, -1, methods);
  setFunctions(L, -1, {
    __newindex: (L) => raiseGenericError(L, errnoCodes.EPERM),
    __eq(L) {
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
    },
  });
  lua.lua_pushstring(L, luaString('tx-channel'));
  lua.lua_setfield(L, -2, luaString('__metatable'));
  lua.lua_pop(L, 1);
}
