// A channel object (Emilua's tx-channel): the Lua userdata that holds an actor
// address. Each one counts as one holder of the address on its thread, from
// its creation until it is closed, until JavaScript's collector finds the
// userdata unreachable (fengari has no __gc), or until the VM that owns it
// ends. The Lua-facing methods are in channel-api.ts.

import { lua, luaString, pushUserdata, LuaState } from '../lua/lua-api';
import type { ActorAddress } from './message';
import { childOf } from './subprocess-children';

export const CHANNEL_KIND = 'channel';
export const CHANNEL_METATABLE = luaString('emilua-ts tx-channel');
/** A subprocess actor's channel in the VM that spawned it: it also has kill, detach and child_pid. */
export const CHILD_CHANNEL_METATABLE = luaString('emilua-ts tx-channel of a child');

/** The VM that owns channel objects: it releases them all when it ends. */
export interface ChannelOwner {
  /** The owning actor's address (its VM spawned the children it may kill). */
  readonly address: ActorAddress;
  readonly handles: Set<ChannelHandle>;
  readonly thread: {
    retain(address: ActorAddress): void;
    release(address: ActorAddress): void;
  };
}

export class ChannelHandle {
  closed = false;
  private released = false;

  constructor(readonly address: ActorAddress, private readonly owner: ChannelOwner) {
    owner.handles.add(this);
  }

  /** Stops counting as a holder of the address (at most once). */
  release(): void {
    if (this.released) return;
    this.released = true;
    // The registry holds the handle strongly, and through its owner the VM
    // whose heap holds the Lua object: it must let go, or that VM never dies.
    collector.unregister(this);
    this.owner.handles.delete(this);
    this.owner.thread.release(this.address);
  }

  close(): void {
    this.closed = true;
    this.release();
  }
}

const collector = new FinalizationRegistry<ChannelHandle>((handle) => handle.release());

/**
 * Pushes a new channel object to `address`, owned by `owner` (the VM of L).
 * `retain`: count a new holder; false when the channel takes over a
 * reference that already exists (one a received message carried).
 */
export function pushChannel(L: LuaState, address: ActorAddress, owner: ChannelOwner, retain: boolean): ChannelHandle {
  if (retain) owner.thread.retain(address);
  const handle = new ChannelHandle(address, owner);
  const ownChild = childOf(address)?.supervisorVm === owner.address.vm;
  pushUserdata(L, CHANNEL_KIND, handle, ownChild ? CHILD_CHANNEL_METATABLE : CHANNEL_METATABLE);
  collector.register(lua.lua_touserdata(L, -1) as object, handle, handle);
  return handle;
}
