// The actor side of one VM: its inbox (queued messages, the fiber waiting in
// receive()), who can still send to it (`refs` on its own thread,
// `remoteHeld` elsewhere), and what happens when its main fiber or the VM
// ends. Messages reach it through its thread's transports (thread-context.ts).

import type { LuaState } from '../lua/lua-api';
import type { VmHost, VmLifecycle } from '../fiber/vm-host';
import type { Fiber, WakeAction } from '../fiber/fiber';
import { raiseCanceled } from '../fiber/suspension';
import { raiseRuntimeError } from '../errors/error-object';
import type { ActorAddress, Message } from './message';
import { pushMessage, type MessageCopyHost } from './message-copy';
import type { ChannelHandle } from './channel';
import type { HubLink } from './hub-protocol';
import { closeIngressesOf } from './ipc/ingress';
import { supervisorEnded } from './subprocess-children';

/** What an actor needs of its thread (thread-context.ts implements it). */
export interface ActorThread {
  readonly id: number;
  readonly hub: HubLink;
  readonly messageHost: MessageCopyHost;
  /** Channel objects of this thread count as holders through these. */
  retain(address: ActorAddress): void;
  release(address: ActorAddress): void;
  /** Releases what a message that will never be received owns. */
  drop(message: Message): void;
  actorEnded(actor: Actor): void;
}

const raiseChannelClosed: WakeAction = (L) => raiseRuntimeError(L, 'channel_closed');
const raiseNoSenders: WakeAction = (L) => raiseRuntimeError(L, 'no_senders');

/** The actor side of one VM: its inbox and who can reach it. */
export class Actor implements VmLifecycle {
  readonly address: ActorAddress;
  inboxOpen: boolean;
  inboxImported = false;
  refs = 0;
  remoteHeld = false;
  /** Whether the hub knows this address (it then hears when the actor closes). */
  exported = false;
  ended = false;
  readonly handles = new Set<ChannelHandle>();
  private queue: Message[] = [];
  private head = 0;
  private receiver: Fiber | null = null;
  /** Messages given to a woken receiver that has not run yet. */
  private readonly handoffs = new Set<Message>();
  private sendersCheckQueued = false;
  /** Called once when the queue is next emptied (IPC sockets stop reading while it is long). */
  drainWaiters: Array<() => void> = [];
  private closeAnnounced = false;

  constructor(readonly vm: VmHost, readonly thread: ActorThread) {
    this.address = { vm: vm.id, thread: thread.id };
    // inbox can only be imported by the main fiber: once it has ended
    // without doing so, the inbox is closed.
    this.inboxOpen = !vm.mainFiberEnded && !vm.terminated;
  }

  get hasSenders(): boolean {
    return this.refs > 0 || this.remoteHeld;
  }

  get acceptsMessages(): boolean {
    return !this.ended && this.inboxOpen;
  }

  get receiving(): boolean {
    return this.receiver !== null;
  }

  get queued(): number {
    return this.queue.length - this.head;
  }

  /** The oldest queued message, removed from the queue. */
  take(): Message | undefined {
    if (this.head >= this.queue.length) return undefined;
    const message = this.queue[this.head++];
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
      if (this.drainWaiters.length > 0) {
        const waiters = this.drainWaiters;
        this.drainWaiters = [];
        queueMicrotask(() => waiters.forEach((resume) => resume()));
      }
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return message;
  }

  deliver(message: Message): void {
    if (!this.acceptsMessages) {
      this.thread.drop(message);
      return;
    }
    const receiver = this.receiver;
    if (receiver === null) {
      this.queue.push(message);
      return;
    }
    this.receiver = null;
    this.handoffs.add(message);
    this.vm.scheduler.wake(receiver, (L) => {
      this.handoffs.delete(message);
      this.pushReceived(L, message);
      return 1;
    });
  }

  /** Pushes a message taken from this inbox onto L (a thread of this VM). */
  pushReceived(L: LuaState, message: Message): void {
    pushMessage(L, message.value, this.thread.messageHost);
  }

  /** A fiber of this VM now waits in receive(). */
  wait(fiber: Fiber): void {
    this.receiver = fiber;
  }

  /** Cancels the wait of `fiber` unless a message or an error already woke it. */
  cancelWait(fiber: Fiber): void {
    if (this.receiver !== fiber) return;
    this.receiver = null;
    this.vm.scheduler.wake(fiber, raiseCanceled);
  }

  closeInbox(): void {
    if (!this.inboxOpen) return;
    this.inboxOpen = false;
    this.dropQueue();
    this.wakeReceiver(raiseChannelClosed);
    this.announceClosed();
  }

  /** Called when a holder went away: a waiting receive() fails if nobody can send any more. */
  sendersMayBeGone(): void {
    if (this.sendersCheckQueued || this.receiver === null) return;
    this.sendersCheckQueued = true;
    // Checked a little later, as Emilua does: a holder that goes away while
    // another is being created must not fail the receive.
    queueMicrotask(() => {
      this.sendersCheckQueued = false;
      if (!this.hasSenders && this.queued === 0 && this.acceptsMessages) this.wakeReceiver(raiseNoSenders);
    });
  }

  mainFiberEnded(): void {
    if (!this.inboxImported) this.closeInbox();
  }

  vmEnded(): void {
    if (this.ended) return;
    this.ended = true;
    this.inboxOpen = false;
    this.receiver = null;
    this.dropQueue();
    for (const message of this.handoffs) this.thread.drop(message);
    this.handoffs.clear();
    for (const handle of [...this.handles]) handle.release();
    closeIngressesOf(this.address.vm);
    supervisorEnded(this.address.vm);
    this.announceClosed();
    this.thread.actorEnded(this);
  }

  private wakeReceiver(action: WakeAction): void {
    const receiver = this.receiver;
    if (receiver === null) return;
    this.receiver = null;
    this.vm.scheduler.wake(receiver, action);
  }

  private dropQueue(): void {
    const pending = this.queue.slice(this.head);
    this.queue = [];
    this.head = 0;
    for (const message of pending) this.thread.drop(message);
  }

  private announceClosed(): void {
    if (!this.exported || this.closeAnnounced) return;
    this.closeAnnounced = true;
    this.thread.hub.send({ type: 'closed', from: this.thread.id, vm: this.address.vm });
  }
}
