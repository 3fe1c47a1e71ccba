// Copies a Lua value into the structured form (message.ts) and pushes a
// structured value into a Lua state: the rules of Emilua's in-process actors.
//
// Top level: numbers, booleans and strings as they are; a table without a
// metatable; a channel or the inbox (as an address); an open
// file_descriptor (dup'ed). nil, functions, coroutines, light userdata and
// tables with a metatable raise EINVAL; other userdata ENOTSUP; a closed
// file_descriptor EBUSY.
//
// Inside tables: a table whose length (#t) is not 0 is an array: items 1, 2...
// up to the first nil; other keys are left out. Any other table is an object
// that keeps its string keys only. Values that cannot travel (functions,
// coroutines, light userdata, userdata other than channels, the inbox and
// open descriptors, tables with a metatable) are left out; in an array the
// first such value ends the array. A table reached twice along one path is a
// reference cycle (raises); reached twice along different paths it is copied
// twice. A table nested deeper than MESSAGE_DEPTH_LIMIT levels raises EINVAL
// (with a reason), whatever the receiving actor.
//
// Both directions walk the tables with an explicit stack, so deeply nested
// messages need no JavaScript recursion. The host (channel.ts in a running
// VM, a fake in the unit tests) says what a userdata is and creates channels
// and file_descriptor objects on the receiving side.

import { lua, lauxlib, LuaState } from '../lua/lua-api';
import { MESSAGE_DEPTH_LIMIT } from './message';
import type { ActorAddress, Message, MessageResources, Structured, StructuredArray, StructuredObject } from './message';

export type UserdataAsMessage =
  | { readonly type: 'address'; readonly address: ActorAddress }
  /** fd is -1 for a closed file_descriptor. */
  | { readonly type: 'fd'; readonly fd: number }
  | { readonly type: 'unsupported' };

export interface MessageCopyHost {
  /** How the userdata at idx travels in a message. */
  classifyUserdata(L: LuaState, idx: number): UserdataAsMessage;
  /** The message now refers to `address`: count it as one more possible sender. */
  retainAddress(address: ActorAddress): void;
  /** Undoes retainAddress() (the message was dropped). */
  releaseAddress(address: ActorAddress): void;
  /** dup(2): the new descriptor, or -errno. */
  dupFd(fd: number): number;
  closeFd(fd: number): void;
  /** Pushes a channel to `address`; it takes over the message's reference. */
  pushAddress(L: LuaState, address: ActorAddress): void;
  /** Pushes a file_descriptor object that owns `fd`. */
  pushFd(L: LuaState, fd: number): void;
}

export type CopyFailure =
  | { readonly reason: 'EINVAL' | 'ENOTSUP' | 'EBUSY' | 'reference_cycle' }
  /** A table nested deeper than MESSAGE_DEPTH_LIMIT. */
  | { readonly reason: 'too_deep' }
  /** dup(2) failed with this errno. */
  | { readonly reason: 'errno'; readonly errno: number };

/** Raised by captureMessage(); the caller turns it into a Lua error. */
export class MessageCopyError extends Error {
  constructor(readonly failure: CopyFailure) {
    super(failure.reason);
  }
}

const DROP = Symbol('drop');
const NESTED = Symbol('nested table');

interface CaptureFrame {
  readonly container: StructuredArray | StructuredObject;
  /** Absolute stack index of the table being walked. */
  readonly slot: number;
  readonly table: unknown;
  /** Arrays: the last index read. */
  next: number;
}

class Capture {
  private readonly addresses: ActorAddress[] = [];
  private readonly fds: number[] = [];
  private readonly path = new Set<unknown>();

  constructor(private readonly L: LuaState, private readonly host: MessageCopyHost) {}

  /** The addresses and descriptors taken, or null if there are none. */
  get resources(): MessageResources | null {
    if (this.addresses.length === 0 && this.fds.length === 0) return null;
    return { addresses: this.addresses, fds: this.fds };
  }

  /** Gives back everything acquired so far (the copy failed). */
  abandon(): void {
    for (const address of this.addresses) this.host.releaseAddress(address);
    for (const fd of this.fds) this.host.closeFd(fd);
    this.addresses.length = 0;
    this.fds.length = 0;
  }

  topLevel(idx: number): Structured {
    const L = this.L;
    switch (lua.lua_type(L, idx)) {
      case lua.LUA_TNUMBER:
        return lua.lua_tonumber(L, idx);
      case lua.LUA_TBOOLEAN:
        return lua.lua_toboolean(L, idx);
      case lua.LUA_TSTRING:
        return lua.lua_tolstring(L, idx) as Uint8Array;
      case lua.LUA_TTABLE:
        if (lua.lua_getmetatable(L, idx)) {
          lua.lua_pop(L, 1);
          throw new MessageCopyError({ reason: 'EINVAL' });
        }
        return this.table(idx);
      case lua.LUA_TUSERDATA: {
        const what = this.host.classifyUserdata(L, idx);
        if (what.type === 'address') return this.address(what.address);
        if (what.type === 'fd') {
          if (what.fd < 0) throw new MessageCopyError({ reason: 'EBUSY' });
          return this.fd(what.fd);
        }
        if (!lua.lua_getmetatable(L, idx)) throw new MessageCopyError({ reason: 'EINVAL' });
        lua.lua_pop(L, 1);
        throw new MessageCopyError({ reason: 'ENOTSUP' });
      }
      default:
        // nil, none, functions, coroutines, light userdata
        throw new MessageCopyError({ reason: 'EINVAL' });
    }
  }

  private address(address: ActorAddress): Structured {
    this.host.retainAddress(address);
    this.addresses.push(address);
    return { kind: 'address', address };
  }

  private fd(fd: number): Structured {
    const copy = this.host.dupFd(fd);
    if (copy < 0) throw new MessageCopyError({ reason: 'errno', errno: -copy });
    this.fds.push(copy);
    return { kind: 'fd', fd: copy };
  }

  /** A value inside a table (on top of the stack): a leaf, DROP, or NESTED (a table to walk). */
  private element(): Structured | typeof DROP | typeof NESTED {
    const L = this.L;
    switch (lua.lua_type(L, -1)) {
      case lua.LUA_TNUMBER:
        return lua.lua_tonumber(L, -1);
      case lua.LUA_TBOOLEAN:
        return lua.lua_toboolean(L, -1);
      case lua.LUA_TSTRING:
        return lua.lua_tolstring(L, -1) as Uint8Array;
      case lua.LUA_TTABLE:
        if (lua.lua_getmetatable(L, -1)) {
          lua.lua_pop(L, 1);
          return DROP;
        }
        if (this.path.has(lua.lua_topointer(L, -1))) throw new MessageCopyError({ reason: 'reference_cycle' });
        return NESTED;
      case lua.LUA_TUSERDATA: {
        const what = this.host.classifyUserdata(L, -1);
        if (what.type === 'address') return this.address(what.address);
        if (what.type === 'fd' && what.fd >= 0) return this.fd(what.fd);
        return DROP;
      }
      default:
        return DROP;
    }
  }

  /** Opens the table on top of the stack as a new frame (the table stays there). */
  private open(depth: number): CaptureFrame {
    if (depth > MESSAGE_DEPTH_LIMIT) throw new MessageCopyError({ reason: 'too_deep' });
    const L = this.L;
    lauxlib.luaL_checkstack(L, 4, null);
    const table = lua.lua_topointer(L, -1);
    this.path.add(table);
    const container: StructuredArray | StructuredObject = lua.lua_rawlen(L, -1) > 0
      ? { kind: 'array', items: [] }
      : { kind: 'object', keys: [], values: [] };
    if (container.kind === 'object') lua.lua_pushnil(L);
    return { container, slot: lua.lua_gettop(L) - (container.kind === 'object' ? 1 : 0), table, next: 0 };
  }

  private table(idx: number): Structured {
    const L = this.L;
    lua.lua_pushvalue(L, idx);
    const root = this.open(1);
    const frames: CaptureFrame[] = [root];
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const container = frame.container;
      if (container.kind === 'array') {
        if (lua.lua_rawgeti(L, frame.slot, ++frame.next) === lua.LUA_TNIL) {
          lua.lua_pop(L, 1);
          this.close(frames);
          continue;
        }
        const value = this.element();
        if (value === DROP) {
          // An item that cannot travel ends the array.
          lua.lua_pop(L, 1);
          this.close(frames);
        } else if (value === NESTED) {
          const child = this.open(frames.length + 1);
          container.items.push(child.container);
          frames.push(child);
        } else {
          container.items.push(value);
          lua.lua_pop(L, 1);
        }
      } else {
        // Stack: table, key (nil at first).
        if (lua.lua_next(L, frame.slot) === 0) {
          this.close(frames);
          continue;
        }
        if (lua.lua_type(L, -2) !== lua.LUA_TSTRING) {
          lua.lua_pop(L, 1);
          continue;
        }
        const value = this.element();
        if (value === DROP) {
          lua.lua_pop(L, 1);
          continue;
        }
        const key = lua.lua_tolstring(L, -2) as Uint8Array;
        if (value === NESTED) {
          const child = this.open(frames.length + 1);
          container.keys.push(key);
          container.values.push(child.container);
          frames.push(child);
        } else {
          container.keys.push(key);
          container.values.push(value);
          lua.lua_pop(L, 1);
        }
      }
    }
    return root.container;
  }

  /** Ends the innermost frame: its table leaves the stack and the path. */
  private close(frames: CaptureFrame[]): void {
    const frame = frames.pop() as CaptureFrame;
    this.path.delete(frame.table);
    lua.lua_pop(this.L, 1);
  }
}

/**
 * Copies the value at idx of L. Throws MessageCopyError (after giving back
 * any address or descriptor it took) when the value cannot be sent; the Lua
 * stack is left as it was in every case.
 */
export function captureMessage(L: LuaState, idx: number, host: MessageCopyHost): Message {
  const abs = lua.lua_absindex(L, idx);
  const top = lua.lua_gettop(L);
  const capture = new Capture(L, host);
  try {
    const value = capture.topLevel(abs);
    return { value, resources: capture.resources };
  } catch (err) {
    capture.abandon();
    lua.lua_settop(L, top);
    throw err;
  }
}

interface PushFrame {
  readonly container: StructuredArray | StructuredObject;
  readonly slot: number;
  next: number;
}

function pushLeaf(L: LuaState, value: Structured, host: MessageCopyHost): boolean {
  if (typeof value === 'number') {
    lua.lua_pushnumber(L, value);
  } else if (typeof value === 'boolean') {
    lua.lua_pushboolean(L, value);
  } else if (value instanceof Uint8Array) {
    lua.lua_pushstring(L, value);
  } else if (value.kind === 'address') {
    host.pushAddress(L, value.address);
  } else if (value.kind === 'fd') {
    host.pushFd(L, value.fd);
  } else {
    return false;
  }
  return true;
}

function openPush(L: LuaState, container: StructuredArray | StructuredObject): PushFrame {
  lauxlib.luaL_checkstack(L, 4, null);
  if (container.kind === 'array') lua.lua_createtable(L, container.items.length, 0);
  else lua.lua_createtable(L, 0, container.keys.length);
  return { container, slot: lua.lua_gettop(L), next: 0 };
}

/**
 * Pushes `value` onto L as fresh Lua values (plain tables, no metatables).
 * Addresses become channels and descriptors file_descriptor objects: the
 * pushed objects take over what the message owned.
 */
export function pushMessage(L: LuaState, value: Structured, host: MessageCopyHost): void {
  if (pushLeaf(L, value, host)) return;
  const frames: PushFrame[] = [openPush(L, value as StructuredArray | StructuredObject)];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1];
    const container = frame.container;
    const size = container.kind === 'array' ? container.items.length : container.keys.length;
    if (frame.next >= size) {
      frames.pop();
      if (frames.length === 0) break;
      const parent = frames[frames.length - 1];
      // Stack: parent, [key,] child.
      if (parent.container.kind === 'array') lua.lua_rawseti(L, parent.slot, parent.next);
      else lua.lua_rawset(L, parent.slot);
      continue;
    }
    const i = frame.next++;
    if (container.kind === 'array') {
      const item = container.items[i];
      if (pushLeaf(L, item, host)) lua.lua_rawseti(L, frame.slot, i + 1);
      else frames.push(openPush(L, item as StructuredArray | StructuredObject));
    } else {
      lua.lua_pushstring(L, container.keys[i]);
      const item = container.values[i];
      if (pushLeaf(L, item, host)) lua.lua_rawset(L, frame.slot);
      else frames.push(openPush(L, item as StructuredArray | StructuredObject));
    }
  }
}

/** Gives back what a message that will never be received owns. */
export function releaseMessage(message: Message, host: Pick<MessageCopyHost, 'releaseAddress' | 'closeFd'>): void {
  const resources = message.resources;
  if (resources === null) return;
  for (const address of resources.addresses) host.releaseAddress(address);
  for (const fd of resources.fds) host.closeFd(fd);
}
