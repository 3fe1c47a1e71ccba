// The same-thread transport: the actor runs on the sending thread, so a
// message goes straight into its inbox and a holder is one more `refs` count
// on the actor. No copy beyond the one send() made, no hub.

import type { Actor } from '../actor';
import type { ActorAddress, Message } from '../message';
import type { ChannelTransport } from '../transport';

/** The actors of one thread, by VM id, and how to drop a message nobody takes. */
export interface LocalActors {
  readonly actors: ReadonlyMap<number, Actor>;
  drop(message: Message): void;
}

export class LocalTransport implements ChannelTransport {
  constructor(private readonly home: LocalActors) {}

  isOpen(address: ActorAddress): boolean {
    return this.home.actors.get(address.vm)?.acceptsMessages ?? false;
  }

  retain(address: ActorAddress): void {
    const actor = this.home.actors.get(address.vm);
    if (actor !== undefined) actor.refs++;
  }

  release(address: ActorAddress): void {
    const actor = this.home.actors.get(address.vm);
    if (actor === undefined || actor.refs === 0) return;
    if (--actor.refs === 0 && !actor.remoteHeld) actor.sendersMayBeGone();
  }

  post(address: ActorAddress, message: Message): void {
    const actor = this.home.actors.get(address.vm);
    if (actor === undefined) this.home.drop(message);
    else actor.deliver(message);
  }
}
