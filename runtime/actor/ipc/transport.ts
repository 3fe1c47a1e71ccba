// The IPC transport: the ChannelTransport of addresses that are sockets to
// another process (endpoint.ts). ThreadContext.transportFor picks it for
// every such address (isIpcAddress); a message that reaches one in structured form
// (forwarded by a proxy, or posted by the hub path) is checked against
// Emilua's subprocess rules here and dropped if it breaks them (the sender
// was another actor; a Lua sender is checked first, in ../ipc-send.ts, and
// gets EINVAL).
//
// An address inside a message crosses as a new socketpair: the far end goes
// in the datagram, the near end becomes an Ingress that forwards whatever
// arrives to that address (proxy).

import { loadAddon } from '../../native/load-addon';
import { sockConstant } from '../../io/socket-address';
import type { ActorAddress, Message } from '../message';
import type { ChannelTransport } from '../transport';
import { encode } from './codec';
import { fromStructured } from './structured-input';
import { Endpoint, endpointOf } from './endpoint';
import { Ingress } from './ingress';

/** What the transport needs from the thread context (no import cycle). */
export interface IpcHost {
  retain(address: ActorAddress): void;
  release(address: ActorAddress): void;
  post(address: ActorAddress, message: Message): void;
  drop(message: Message): void;
}

export class IpcTransport implements ChannelTransport {
  constructor(private readonly host: IpcHost) {}

  isOpen(address: ActorAddress): boolean {
    return endpointOf(address)?.open ?? false;
  }

  retain(address: ActorAddress): void {
    endpointOf(address)?.retain();
  }

  release(address: ActorAddress): void {
    endpointOf(address)?.release();
  }

  post(address: ActorAddress, message: Message): void {
    ipcPost(address, message, this.host);
  }
}

/** A socketpair: [near, far] | -errno. */
export function seqpacketPair(): [number, number] | number {
  return loadAddon().sockPair(sockConstant('SOCK_SEQPACKET'));
}

/**
 * The far end of a new socketpair whose near end forwards to `address`
 * (one more holder of it until the far side closes) | -errno.
 */
export function proxyFor(address: ActorAddress, host: IpcHost): number {
  const pair = seqpacketPair();
  if (typeof pair === 'number') return pair;
  host.retain(address);
  new Ingress(pair[0], {
    ownerVm: -1,
    deliver: (message) => host.post(address, message),
    closed: () => host.release(address),
  });
  return pair[1];
}

/** post() for an IPC address: encode and send, or drop. Always consumes `message`. */
function ipcPost(address: ActorAddress, message: Message, host: IpcHost): void {
  const endpoint: Endpoint | undefined = endpointOf(address);
  const farEnds: number[] = [];
  try {
    if (endpoint === undefined || !endpoint.open) return;
    let failed = false;
    const input = fromStructured(message.value, (a) => {
      const fd = proxyFor(a, host);
      if (fd < 0) failed = true;
      else farEnds.push(fd);
      return fd;
    });
    if (failed) return;
    const encoded = encode(input);
    if (!encoded.ok) return;
    endpoint.send(encoded.bytes, encoded.fds);
  } finally {
    for (const fd of farEnds) loadAddon().fdClose(fd);
    host.drop(message);
  }
}
