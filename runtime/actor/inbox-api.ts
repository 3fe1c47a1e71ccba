// The inbox's Lua methods (Emilua's rx-channel), beside the channel's own
// (channel-api.ts): receive() returns the oldest message, or waits for one;
// close() refuses every later message. If the main fiber ends before the VM
// imported inbox, the inbox is closed (actor.ts). `require 'inbox'` is
// runtime/modules/inbox/index.ts.

import { lua, lauxlib, luaString, setFunctions, LuaState, LuaJsFunction } from '../lua/lua-api';
import { vmOf } from '../fiber/vm-of';
import { checkSuspensionAllowed, prepareSuspension, suspend } from '../fiber/suspension';
import { raiseGenericError, raiseRuntimeError } from '../errors/error-object';
import { errnoCodes } from '../errors/categories';
import { current } from './thread-context';
import { pushInbox, toInbox } from './userdata';
import { setMethodTable } from '../errors/method-index';
import { luaWrittenInEmilua } from '../errors/lua-written';

const INBOX_METATABLE = luaString('emilua-ts rx-channel');

const receive: LuaJsFunction = (L) => {
  const actor = toInbox(L, 1);
  if (actor === undefined) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
  checkSuspensionAllowed(L, false);
  if (!actor.inboxOpen) return raiseRuntimeError(L, 'channel_closed');
  if (actor.receiving) return raiseGenericError(L, errnoCodes.EBUSY);
  // A queued message is returned at once, even to a fiber being cancelled.
  const message = actor.take();
  if (message !== undefined) {
    actor.pushReceived(L, message);
    return 1;
  }
  if (!actor.hasSenders) return raiseRuntimeError(L, 'no_senders');
  const fiber = prepareSuspension(L, true);
  actor.wait(fiber);
  return suspend(L, fiber, {
    cancellable: true,
    cancel: () => actor.cancelWait(fiber),
  });
};

const close: LuaJsFunction = (L) => {
  const actor = toInbox(L, 1);
  if (actor === undefined) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
  actor.closeInbox();
  return 0;
};

const methods: Record<string, LuaJsFunction> = { receive: luaWrittenInEmilua(receive), close };

function installInboxMetatable(L: LuaState): void {
  if (!lauxlib.luaL_newmetatable(L, INBOX_METATABLE)) {
    lua.lua_pop(L, 1);
    return;
  }
  setMethodTable(L, -1, methods);
  setFunctions(L, -1, {
    __newindex: (L) => raiseGenericError(L, errnoCodes.EPERM),
  });
  lua.lua_pushstring(L, luaString('rx-channel'));
  lua.lua_setfield(L, -2, luaString('__metatable'));
  lua.lua_pop(L, 1);
}

export function openInboxModule(L: LuaState): void {
  const actor = current().actorOf(vmOf(L));
  actor.inboxImported = true;
  installInboxMetatable(L);
  pushInbox(L, actor, INBOX_METATABLE);
}
