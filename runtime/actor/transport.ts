// The one channel abstraction: a channel (channel.ts) holds an actor address
// and reaches the actor through a transport, which the sending thread picks
// for the address in one place (ThreadContext.transportFor, thread-context.ts):
//
//   local   the actor runs on this thread: the message is queued in its
//           inbox at once (transports/local.ts);
//   thread  the actor runs on another thread: the message goes through the
//           main thread's hub (hub.ts) with postMessage() (transports/thread.ts).
//
//   process another process (a subprocess actor, or an address that came
//           from one): ipc/transport.ts encodes the same structured form with
//           the codec of ipc/, passes the message's descriptors with
//           SCM_RIGHTS, and answers isOpen() from the socket's state.

import type { ActorAddress, Message } from './message';

export interface ChannelTransport {
  /** False once the actor is known to be gone or its inbox closed: send() raises "Channel closed". */
  isOpen(address: ActorAddress): boolean;
  /**
   * Hands over a copied message. The transport owns it from now on; if the
   * actor is gone by the time it arrives, the message is dropped and what it
   * owns (addresses, descriptors) is released.
   */
  post(address: ActorAddress, message: Message): void;
  /** One more holder of `address` on this thread (a channel object, or a message that carries it). */
  retain(address: ActorAddress): void;
  /** One holder fewer; the last release may tell the actor that nobody can send to it any more. */
  release(address: ActorAddress): void;
}
