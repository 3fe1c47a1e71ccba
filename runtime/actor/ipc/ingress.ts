// The receiving side of the IPC transport: one Ingress per socket whose
// messages go to one target here: the inbox of a local actor (the socket a
// subprocess actor's host gets from its parent, or the local end of an inbox
// address that was sent away), or a channel the sender passed on (its local
// end forwards to that channel).
//
// Reads never wait: the socket is watched through the runtime's epoll set
// and each datagram goes through receive.ts (truncation, descriptor cap,
// fstat classification, bounded decode: the peer is hostile). A message
// becomes the structured form (../message.ts): descriptors as owned fds,
// addresses as new Endpoints. A zero-length datagram or end of file closes
// this socket only (one capability); a datagram that is not a message is
// dropped with everything it carried.

import { loadAddon } from '../../native/load-addon';
import { ReadinessWatch, READABLE } from '../../io/readiness';
import type { ActorAddress, Message, Structured } from '../message';
import { receiveMessage, newReceiveBuffer } from './receive';
import type { IpcLeaf, IpcValue } from './value';
import { Endpoint } from './endpoint';

export interface IngressTarget {
  /** The actor (VM id) whose end closes this ingress; -1: none. */
  readonly ownerVm: number;
  deliver(message: Message): void;
  /**
   * Flow control for inboxes: true while the target holds enough unread
   * messages; the ingress then stops reading (the peer's sends queue in the
   * kernel, then fail with EAGAIN on its side) until `whenDrained` calls back.
   */
  full?(): boolean;
  whenDrained?(resume: () => void): void;
  /** This ingress is gone (peer closed, owner ended). */
  closed(): void;
}

/** What an inbox target needs of an actor (../actor.ts's Actor, without importing it). */
export interface InboxLike {
  readonly address: { readonly vm: number };
  refs: number;
  readonly queued: number;
  drainWaiters: Array<() => void>;
  deliver(message: Message): void;
  sendersMayBeGone(): void;
}

/** Unread messages an inbox may hold before its sockets stop being read. */
export const INBOX_BACKLOG = 256;

/** A target that feeds `actor`'s inbox; the socket counts as one sender while open. */
export function inboxTarget(actor: InboxLike): IngressTarget {
  actor.refs++;
  return {
    ownerVm: actor.address.vm,
    deliver: (message) => actor.deliver(message),
    closed: () => {
      if (actor.refs > 0) actor.refs--;
      actor.sendersMayBeGone();
    },
    full: () => actor.queued >= INBOX_BACKLOG,
    whenDrained: (resume) => actor.drainWaiters.push(resume),
  };
}

const byOwner = new Map<number, Set<Ingress>>();
const buffer = newReceiveBuffer();

interface Owned {
  addresses: ActorAddress[];
  fds: number[];
}

function leafToStructured(leaf: IpcLeaf, owned: Owned): Structured {
  if (typeof leaf !== 'object' || leaf instanceof Uint8Array) return leaf;
  if (leaf.kind === 'fd') {
    owned.fds.push(leaf.fd);
    return { kind: 'fd', fd: leaf.fd };
  }
  const address = new Endpoint(leaf.fd, 1).address;
  owned.addresses.push(address);
  return { kind: 'address', address };
}

/** The structured form of a received value; it owns every descriptor the value carried. */
export function toMessage(value: IpcValue): Message {
  const owned: Owned = { addresses: [], fds: [] };
  let structured: Structured;
  if (typeof value === 'object' && !(value instanceof Uint8Array) && value.kind === 'object') {
    structured = { kind: 'object', keys: value.keys, values: value.values.map((v) => leafToStructured(v, owned)) };
  } else {
    structured = leafToStructured(value as IpcLeaf, owned);
  }
  const plain = owned.addresses.length === 0 && owned.fds.length === 0;
  return { value: structured, resources: plain ? null : owned };
}

export class Ingress {
  private watch: ReadinessWatch | null;
  private done = false;

  /** Takes ownership of `fd`, a unix SOCK_SEQPACKET socket. */
  constructor(private readonly fd: number, private readonly target: IngressTarget) {
    this.watch = new ReadinessWatch(fd, () => this.drain());
    let set = byOwner.get(target.ownerVm);
    if (set === undefined) byOwner.set(target.ownerVm, set = new Set());
    set.add(this);
    if (this.watch.arm(READABLE) < 0) this.close();
  }

  private drain(): void {
    // A bounded batch per wake-up, so one busy peer cannot starve the loop.
    for (let i = 0; i < 64 && !this.done; i++) {
      if (this.target.full?.() === true && this.target.whenDrained !== undefined) {
        this.target.whenDrained(() => {
          if (!this.done) this.drain();
        });
        return;
      }
      const got = receiveMessage(this.fd, buffer);
      switch (got.type) {
        case 'message':
          this.target.deliver(toMessage(got.value));
          continue;
        case 'dropped':
          continue;
        case 'would_block':
          if (this.watch !== null && this.watch.arm(READABLE) < 0) this.close();
          return;
        case 'closed':
        case 'failed':
          this.close();
          return;
      }
    }
    if (!this.done) setImmediate(() => this.drain());
  }

  close(): void {
    if (this.done) return;
    this.done = true;
    this.watch?.dispose();
    this.watch = null;
    loadAddon().fdClose(this.fd);
    byOwner.get(this.target.ownerVm)?.delete(this);
    this.target.closed();
  }
}

/** The actor `vm` has ended: its sockets stop being read (their peers see end of file). */
export function closeIngressesOf(vm: number): void {
  const set = byOwner.get(vm);
  if (set === undefined) return;
  byOwner.delete(vm);
  for (const ingress of [...set]) ingress.close();
}
