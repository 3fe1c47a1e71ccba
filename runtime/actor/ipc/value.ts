// What crosses a process boundary between actors, and Emilua's limits on it
// (API map §8 "Subprocess (IPC) actors"): one leaf, or a non-empty flat
// dictionary of string keys whose values are leaves.
//
//   number      a Lua number (a double: inf, -inf, NaN and -0 included)
//   boolean     a Lua boolean
//   Uint8Array  a Lua string (bytes, never decoded)
//   fd          a file descriptor: the one the message carries in SCM_RIGHTS
//   address     a channel or inbox address: the send end of a new
//               socketpair made by the sender, carried in SCM_RIGHTS too
//
// The codec only sees descriptor numbers and these kind tags; who owns a
// descriptor (and closes it) is said where each function is declared.

/** Bytes of a string value or of a key, at most. */
export const MAX_STRING_BYTES = 255;
/** Members of a dictionary, at most (Emilua's ipc_actor_msg_max_members_number). */
export const MAX_MEMBERS = 20;
/** Every member (so every descriptor) may be a fd or an address. */
export const MAX_FDS = MAX_MEMBERS;

export interface IpcFd {
  readonly kind: 'fd';
  readonly fd: number;
}

export interface IpcAddress {
  readonly kind: 'address';
  readonly fd: number;
}

export type IpcLeaf = number | boolean | Uint8Array | IpcFd | IpcAddress;

/** Shaped like message.ts's StructuredObject, so either form can be walked alike. */
export interface IpcDict {
  readonly kind: 'object';
  readonly keys: Uint8Array[];
  readonly values: IpcLeaf[];
}

export type IpcValue = IpcLeaf | IpcDict;

/** A Lua value that is never a leaf: what the sender had in its place. */
export interface IpcForeign {
  readonly kind: 'foreign';
  readonly type: 'nil' | 'function' | 'coroutine' | 'userdata' | 'light userdata' | 'closed fd';
}

/** A table in the sender's hands, not yet checked (any keys, any values, maybe nested). */
export interface IpcTable {
  readonly kind: 'table';
  readonly hasMetatable: boolean;
  /** Only for the top-level table; a nested table is rejected whatever its content. */
  readonly entries: ReadonlyArray<readonly [IpcInputItem, IpcInputItem]>;
}

export type IpcInputItem = IpcLeaf | IpcForeign | IpcTable | IpcDict;

/** What encode() accepts: anything a sender may try to send. */
export type IpcInput = IpcInputItem;

/** The rule a value broke; `errno` is what send() raises. */
export interface IpcRuleFailure {
  readonly errno: 'EINVAL' | 'EBUSY';
  readonly rule:
    | 'nil'
    | 'unsupported_type'
    | 'closed_fd'
    | 'empty_table'
    | 'table_with_metatable'
    | 'nested_table'
    | 'non_string_key'
    | 'string_too_long'
    | 'key_too_long'
    | 'too_many_members';
  /** Words for a log or a test: which value, which type. */
  readonly detail: string;
}

export function isFdLike(value: unknown): value is IpcFd | IpcAddress {
  return typeof value === 'object' && value !== null && !(value instanceof Uint8Array) &&
    ((value as IpcFd).kind === 'fd' || (value as IpcAddress).kind === 'address');
}
