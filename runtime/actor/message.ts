// The structured form of a message between actors: plain JavaScript values
// that carry no reference into any Lua state, so the same form goes into
// another VM of this thread, or through postMessage() to a VM on a worker
// thread. message-copy.ts builds it from a Lua value and pushes it back.
//
//   number        a Lua number (always a double)
//   boolean       a Lua boolean
//   Uint8Array    a Lua string (bytes; never decoded)
//   array         a table copied as an array (items 1..n)
//   object        a table copied as a dictionary (string keys only)
//   address       an actor address: a channel or an inbox sent in the message
//   fd            a file descriptor the message owns (dup'ed at send)

/**
 * The deepest nesting of tables a message between actors of this process
 * may have (the top-level table is level 1). Checked at send, where a deeper
 * table raises EINVAL, and again by the thread that receives it
 * (message-wire.ts). Emilua's own bound is its C++ stack; this one is far
 * below what either side's stack or Lua stack can take, and well above
 * what data needs.
 */
export const MESSAGE_DEPTH_LIMIT = 1000;

/** Where an actor lives: its VM id and the thread that runs it. */
export interface ActorAddress {
  readonly vm: number;
  /** 0 for the main thread; one id per worker thread. */
  readonly thread: number;
}

export interface StructuredArray {
  readonly kind: 'array';
  readonly items: Structured[];
}

export interface StructuredObject {
  readonly kind: 'object';
  readonly keys: Uint8Array[];
  readonly values: Structured[];
}

export interface StructuredAddress {
  readonly kind: 'address';
  readonly address: ActorAddress;
}

export interface StructuredFd {
  readonly kind: 'fd';
  /** Owned by the message until a VM receives it (or the message is dropped). */
  readonly fd: number;
}

export type Structured = number | boolean | Uint8Array | StructuredArray | StructuredObject | StructuredAddress | StructuredFd;

/**
 * What a message owns, listed once when it is copied from Lua (in the order
 * met, one entry per occurrence), so that counting, forwarding and dropping
 * it never walk the value again.
 */
export interface MessageResources {
  /** Each counts as one holder of that actor until received or released. */
  readonly addresses: readonly ActorAddress[];
  /** Descriptors the message owns (dup'ed at send). */
  readonly fds: readonly number[];
}

/** A message in flight: its value and, unless it is plain data, what it owns. */
export interface Message {
  readonly value: Structured;
  /** null for the common case of plain data: nothing to release or count. */
  readonly resources: MessageResources | null;
}

export function isContainer(value: Structured): value is StructuredArray | StructuredObject {
  return typeof value === 'object' && !(value instanceof Uint8Array) && (value.kind === 'array' || value.kind === 'object');
}
