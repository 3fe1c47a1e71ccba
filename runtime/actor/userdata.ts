// The actor system's Lua objects as userdata: channels (channel.ts), the
// inbox (an Actor; its methods are in runtime/modules/inbox), and how a
// userdata found in a message travels (message-copy.ts asks).

import type { LuaState } from '../lua/lua-api';
import { pushUserdata, toUserdata } from '../lua/lua-api';
import { toFileDescriptor } from '../io/descriptor-object';
import type { Actor } from './actor';
import { ChannelHandle, CHANNEL_KIND } from './channel';
import type { UserdataAsMessage } from './message-copy';

export const INBOX_KIND = 'inbox';

export function toChannel(L: LuaState, idx: number): ChannelHandle | undefined {
  return toUserdata<ChannelHandle>(L, idx, CHANNEL_KIND);
}

export function toInbox(L: LuaState, idx: number): Actor | undefined {
  return toUserdata<Actor>(L, idx, INBOX_KIND);
}

export function pushInbox(L: LuaState, actor: Actor, metatable: Uint8Array): void {
  pushUserdata(L, INBOX_KIND, actor, metatable);
}

/** Channels and the inbox travel as addresses, open descriptors as descriptors. */
export function classifyUserdata(L: LuaState, idx: number): UserdataAsMessage {
  const channel = toChannel(L, idx);
  if (channel !== undefined) {
    // A closed channel is just another object (Emilua swaps its metatable).
    return channel.closed ? { type: 'unsupported' } : { type: 'address', address: channel.address };
  }
  const inbox = toInbox(L, idx);
  if (inbox !== undefined) return { type: 'address', address: inbox.address };
  const fd = toFileDescriptor(L, idx);
  if (fd !== undefined) return { type: 'fd', fd: fd.fd };
  return { type: 'unsupported' };
}
