// channel:send(value) when the channel's address is a socket to another
// process: Emilua's subprocess rules (ipc/codec.ts validate: EINVAL, or
// EBUSY for a closed file_descriptor) are checked on the Lua value itself,
// before anything is created; then each address in the value gets a new
// socketpair whose near end is read here (ipc/ingress.ts): into this
// actor's inbox for `inbox`, forwarded to the channel for a channel.

import type { LuaState } from '../lua/lua-api';
import { raiseGenericError, raiseRuntimeError, raiseSystemError } from '../errors/error-object';
import { errnoCodes } from '../errors/categories';
import { loadAddon } from '../native/load-addon';
import { toFileDescriptor } from '../io/descriptor-object';
import { vmOf } from '../fiber/vm-of';
import type { ActorAddress } from './message';
import type { ThreadContext } from './thread-context';
import { toChannel, toInbox } from './userdata';
import { readIpcInput, type UserdataKind } from './ipc/lua-input';
import { validate, encode } from './ipc/codec';
import type { IpcInput, IpcInputItem } from './ipc/value';
import { endpointOf } from './ipc/endpoint';
import { Ingress, inboxTarget } from './ipc/ingress';
import { proxyFor, seqpacketPair } from './ipc/transport';

type Target = { inbox: true } | { inbox: false; address: ActorAddress };

/** The far end for one address leaf | -errno. */
function farEndFor(L: LuaState, target: Target, context: ThreadContext): number {
  if (!target.inbox) return proxyFor(target.address, context);
  const actor = context.actorOf(vmOf(L));
  const pair = seqpacketPair();
  if (typeof pair === 'number') return pair;
  new Ingress(pair[0], inboxTarget(actor));
  return pair[1];
}

/** Sends the value at index 2 to the IPC address; raises what Emilua raises. */
export function sendToProcess(L: LuaState, address: ActorAddress, context: ThreadContext): void {
  const targets: Target[] = [];
  const classify = (L2: LuaState, idx: number): UserdataKind => {
    const channel = toChannel(L2, idx);
    if (channel !== undefined) {
      if (channel.closed) return { type: 'unsupported' };
      targets.push({ inbox: false, address: channel.address });
      return { type: 'address' };
    }
    if (toInbox(L2, idx) !== undefined) {
      targets.push({ inbox: true });
      return { type: 'address' };
    }
    const fd = toFileDescriptor(L2, idx);
    if (fd !== undefined) return { type: 'fd', fd: fd.fd };
    return { type: 'unsupported' };
  };
  const input = readIpcInput(L, 2, classify);
  const failure = validate(input);
  if (failure !== null) return raiseGenericError(L, errnoCodes[failure.errno]);

  // Keys are all strings now, so the address leaves are the recorded targets, in order.
  const farEnds: number[] = [];
  let next = 0;
  let errno = 0;
  const fill = (item: IpcInputItem): IpcInputItem => {
    if (typeof item !== 'object' || item instanceof Uint8Array || item.kind !== 'address') return item;
    const fd = errno === 0 ? farEndFor(L, targets[next++], context) : -1;
    if (fd < 0) {
      if (errno === 0) errno = -fd;
      return item;
    }
    farEnds.push(fd);
    return { kind: 'address', fd };
  };
  const filled: IpcInput = typeof input === 'object' && !(input instanceof Uint8Array) && input.kind === 'table'
    ? { kind: 'table', hasMetatable: false, entries: input.entries.map(([k, v]) => [k, fill(v)] as const) }
    : fill(input);
  try {
    if (errno !== 0) return raiseSystemError(L, errno);
    const encoded = encode(filled);
    if (!encoded.ok) return raiseGenericError(L, errnoCodes[encoded.failure.errno]);
    const endpoint = endpointOf(address);
    if (endpoint === undefined || !endpoint.send(encoded.bytes, encoded.fds)) {
      return raiseRuntimeError(L, 'channel_closed');
    }
  } finally {
    for (const fd of farEnds) loadAddon().fdClose(fd);
  }
}
