// The other-thread transport: the actor runs on another thread, so a message
// goes to the main thread's hub (hub.ts), which forwards it by postMessage().
// This is also where the thread hears from the hub.
//
// For each address of another thread's actor, one RemoteRef: `live` counts
// its holders on this thread; `tokens` counts the references the hub has
// counted for this thread (one per address in each message delivered here,
// one for the channel spawn_vm returned). When `live` falls to 0 the tokens
// go back to the hub in one 'release'. Messages between two threads always
// pass through the hub in order, which is what keeps those counts right
// (runtime/actor/README.md).

import type { Actor } from '../actor';
import type { ActorAddress, Message } from '../message';
import { fromWire, toWire, WireFormatError } from '../message-wire';
import { releaseMessage, type MessageCopyHost } from '../message-copy';
import { writeAllSync } from '../../lua/print';
import type { FromHub, HubLink, SpawnFailure, ThreadSpawn } from '../hub-protocol';
import type { ChannelTransport } from '../transport';
import type { LocalTransport } from './local';

interface RemoteRef {
  live: number;
  tokens: number;
  closed: boolean;
}

/** What the transport needs of its thread. */
export interface ThreadHome {
  readonly id: number;
  readonly hub: HubLink;
  readonly actors: ReadonlyMap<number, Actor>;
  readonly local: LocalTransport;
  readonly messageHost: Pick<MessageCopyHost, 'releaseAddress' | 'closeFd'>;
}

export class ThreadTransport implements ChannelTransport {
  private readonly remotes = new Map<number, RemoteRef>();
  /** spawn() calls waiting to hear whether their thread started, by VM. */
  private readonly starting = new Map<number, (failure: SpawnFailure | null) => void>();

  constructor(private readonly home: ThreadHome) {}

  isOpen(address: ActorAddress): boolean {
    return !(this.remotes.get(address.vm)?.closed ?? false);
  }

  retain(address: ActorAddress): void {
    this.refOf(address.vm).live++;
  }

  release(address: ActorAddress): void {
    const ref = this.remotes.get(address.vm);
    if (ref === undefined || --ref.live > 0) return;
    this.remotes.delete(address.vm);
    if (ref.tokens > 0) this.home.hub.send({ type: 'release', from: this.home.id, address, tokens: ref.tokens });
  }

  post(address: ActorAddress, message: Message): void {
    const home = this.home;
    // Addresses of this thread's actors stay counted until the hub has
    // counted them too ('ack'); the others can be released once the message
    // is on its way, because the hub handles it before any later release.
    const exported: number[] = [];
    const foreign: ActorAddress[] = [];
    const resources = message.resources;
    if (resources !== null) {
      for (const a of resources.addresses) {
        if (a.thread !== home.id) {
          foreign.push(a);
          continue;
        }
        exported.push(a.vm);
        const actor = home.actors.get(a.vm);
        if (actor !== undefined) actor.exported = true;
      }
    }
    home.hub.send({ type: 'forward', from: home.id, to: address, value: toWire(message.value), resources, exported });
    for (const a of foreign) this.release(a);
  }

  /**
   * spawn_vm{inherit_context=false}: the caller's channel (pushed without a
   * retain) is the one holder here and the one token the hub counts.
   */
  spawn(spawn: ThreadSpawn, started: (failure: SpawnFailure | null) => void): ActorAddress {
    const address = { vm: spawn.vm, thread: spawn.thread };
    this.remotes.set(spawn.vm, { live: 1, tokens: 1, closed: false });
    this.starting.set(spawn.vm, (failure) => {
      // A thread that never started has no actor to hold: its one token
      // goes back to the hub at once.
      if (failure !== null) this.release(address);
      started(failure);
    });
    this.home.hub.send({ type: 'spawn', spawn });
    return address;
  }

  /** A message from the hub. */
  receive(message: FromHub): void {
    switch (message.type) {
      case 'deliver':
        this.deliverWire(message);
        break;
      case 'held': {
        const actor = this.home.actors.get(message.vm);
        if (actor === undefined) break;
        actor.remoteHeld = message.held;
        if (!message.held) actor.sendersMayBeGone();
        break;
      }
      case 'ack':
        for (const vm of message.vms) this.home.local.release({ vm, thread: this.home.id });
        break;
      case 'closed':
        for (const vm of message.vms) {
          const ref = this.remotes.get(vm);
          if (ref !== undefined) ref.closed = true;
        }
        break;
      case 'spawned': {
        const started = this.starting.get(message.vm);
        this.starting.delete(message.vm);
        started?.(message.failure);
        break;
      }
      case 'bye-ack':
        break;
    }
  }

  /**
   * Rebuilds a delivered value. The sender checked the depth limit, so a
   * value that fails here is a fault of this runtime: reported on stderr,
   * never silently lost.
   */
  private deliverWire(message: Extract<FromHub, { type: 'deliver' }>): void {
    let value;
    try {
      value = fromWire(message.value);
    } catch (err) {
      if (!(err instanceof WireFormatError)) throw err;
      const resources = message.resources;
      // Counted for this thread as a delivered message would be, then let go.
      this.deliver(message.to, { value: 0, resources }, message.closed, false);
      if (resources !== null) releaseMessage({ value: 0, resources }, this.home.messageHost);
      report(`emilua-ts: a message to VM 0x${message.to.toString(16)} was not delivered: ${err.message}\n`);
      return;
    }
    this.deliver(message.to, { value, resources: message.resources }, message.closed, true);
  }

  /** Counts the addresses a delivered message carries here, then hands it to the actor. */
  private deliver(to: number, message: Message, closed: readonly number[], post: boolean): void {
    const home = this.home;
    const resources = message.resources;
    if (resources !== null) {
      for (const a of resources.addresses) {
        // The hub counts only other threads' actors for us; ours count here.
        if (a.thread === home.id) {
          home.local.retain(a);
          continue;
        }
        const ref = this.refOf(a.vm);
        ref.live++;
        ref.tokens++;
        if (closed.includes(a.vm)) ref.closed = true;
      }
    }
    if (post) home.local.post({ vm: to, thread: home.id }, message);
  }

  private refOf(vm: number): RemoteRef {
    let ref = this.remotes.get(vm);
    if (ref === undefined) {
      ref = { live: 0, tokens: 0, closed: false };
      this.remotes.set(vm, ref);
    }
    return ref;
  }
}

function report(text: string): void {
  try {
    writeAllSync(2, Buffer.from(text));
  } catch {
    // Nothing left to report to.
  }
}
