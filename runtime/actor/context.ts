// An execution context is one thread: the main thread (context 0) or one
// worker thread per actor spawned with inherit_context=false. It keeps the
// actors (VMs) that run on it, counts who can still send to them, and moves
// messages: straight into the inbox of an actor of the same thread, through
// the hub (hub.ts) to an actor of another thread.
//
// Who can send to an actor (its "senders"):
//   refs        channel objects on this thread that hold its address, plus
//               messages on this thread that carry it (queued, or sent to
//               another thread and not yet acknowledged by the hub);
//   remoteHeld  whether any other thread holds it (the hub says so).
// With neither, a receive() that waits fails with "Broadcast the address
// before attempting to receive on it", as in Emilua.
//
// For addresses of actors of other threads, a context keeps one RemoteRef:
// `live` counts its holders here; `tokens` counts the references the hub has
// counted for this context (one per address in each message delivered here,
// one for the channel spawn_vm returned). When `live` falls to 0 the tokens
// go back to the hub in one 'release'. Messages between two threads always
// pass through the hub in order, which is what keeps those counts right (see
// runtime/actor/README.md).

import type { LuaState } from '../lua/lua-api';
import { pushUserdata, toUserdata } from '../lua/lua-api';
import { vmOf } from '../fiber/vm-of';
import type { VmHost, VmLifecycle } from '../fiber/vm-host';
import type { Fiber, WakeAction } from '../fiber/fiber';
import { raiseCanceled } from '../fiber/suspension';
import { raiseRuntimeError } from '../errors/error-object';
import { loadAddon } from '../native/load-addon';
import { toFileDescriptor, pushFileDescriptor } from '../io/descriptor-object';
import { forEachResource } from './message';
import type { ActorAddress, Message } from './message';
import { captureMessage, pushMessage, releaseMessage, MessageCopyHost, UserdataAsMessage } from './message-copy';
import { ChannelHandle, CHANNEL_KIND, pushChannel } from './channel';
import type { FromHub, HubLink, ThreadSpawn } from './hub-protocol';
import type { ChannelTransport } from './transport';
import { Hub } from './hub';
import { isIpcAddress } from './ipc/endpoint';
import { ipcIsOpen, ipcPost, ipcRelease, ipcRetain } from './ipc/transport';
import { closeIngressesOf } from './ipc/ingress';
import { supervisorEnded } from './subprocess-children';

export const INBOX_KIND = 'inbox';

interface RemoteRef {
  live: number;
  tokens: number;
  closed: boolean;
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

  constructor(readonly vm: VmHost, readonly context: ActorContext) {
    this.address = { vm: vm.id, context: context.id };
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
      this.context.drop(message);
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
      pushReceived(L, message);
      return 1;
    });
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
    for (const message of this.handoffs) this.context.drop(message);
    this.handoffs.clear();
    for (const handle of [...this.handles]) handle.release();
    closeIngressesOf(this.address.vm);
    supervisorEnded(this.address.vm);
    this.announceClosed();
    this.context.actorEnded(this);
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
    for (const message of pending) this.context.drop(message);
  }

  private announceClosed(): void {
    if (!this.exported || this.closeAnnounced) return;
    this.closeAnnounced = true;
    this.context.hub.send({ type: 'closed', from: this.context.id, vm: this.address.vm });
  }
}

export class ActorContext implements ChannelTransport {
  readonly actors = new Map<number, Actor>();
  private readonly remotes = new Map<number, RemoteRef>();
  private readonly actorsByVm = new WeakMap<VmHost, Actor>();
  /** Called when the last actor of this context has ended. */
  onEmpty: (() => void) | null = null;
  private hubLink: HubLink | null = null;

  constructor(
    readonly id: number,
    readonly concurrencyHint: 'safe' | 1,
    private readonly connect: () => HubLink,
  ) {}

  get hub(): HubLink {
    this.hubLink ??= this.connect();
    return this.hubLink;
  }

  /** The actor of `vm`, created on first use. */
  actorOf(vm: VmHost): Actor {
    let actor = this.actorsByVm.get(vm);
    if (actor === undefined) {
      actor = new Actor(vm, this);
      this.actorsByVm.set(vm, actor);
      if (vm.terminated) {
        actor.ended = true;
      } else {
        this.actors.set(vm.id, actor);
        vm.lifecycle = actor;
      }
    }
    return actor;
  }

  actorEnded(actor: Actor): void {
    this.actors.delete(actor.address.vm);
    if (this.actors.size === 0) this.onEmpty?.();
  }

  // --- ChannelTransport

  isOpen(address: ActorAddress): boolean {
    if (isIpcAddress(address)) return ipcIsOpen(address);
    if (address.context === this.id) return this.actors.get(address.vm)?.acceptsMessages ?? false;
    return !(this.remotes.get(address.vm)?.closed ?? false);
  }

  retain(address: ActorAddress): void {
    if (isIpcAddress(address)) return ipcRetain(address);
    if (address.context === this.id) {
      const actor = this.actors.get(address.vm);
      if (actor !== undefined) actor.refs++;
      return;
    }
    let ref = this.remotes.get(address.vm);
    if (ref === undefined) {
      ref = { live: 0, tokens: 0, closed: false };
      this.remotes.set(address.vm, ref);
    }
    ref.live++;
  }

  release(address: ActorAddress): void {
    if (isIpcAddress(address)) return ipcRelease(address);
    if (address.context === this.id) {
      this.releaseLocal(address.vm);
      return;
    }
    const ref = this.remotes.get(address.vm);
    if (ref === undefined || --ref.live > 0) return;
    this.remotes.delete(address.vm);
    if (ref.tokens > 0) this.hub.send({ type: 'release', from: this.id, address, tokens: ref.tokens });
  }

  post(address: ActorAddress, message: Message): void {
    if (isIpcAddress(address)) return ipcPost(address, message, this);
    if (address.context === this.id) {
      const actor = this.actors.get(address.vm);
      if (actor === undefined) this.drop(message);
      else actor.deliver(message);
      return;
    }
    // Addresses of this context's actors stay counted until the hub has
    // counted them too ('ack'); the others can be released once the message
    // is on its way, because the hub handles it before any later release.
    const exported: number[] = [];
    const foreign: ActorAddress[] = [];
    if (message.hasResources) {
      forEachResource(message.value, (a) => {
        if (a.context !== this.id) {
          foreign.push(a);
          return;
        }
        exported.push(a.vm);
        const actor = this.actors.get(a.vm);
        if (actor !== undefined) actor.exported = true;
      }, () => {});
    }
    this.hub.send({ type: 'forward', from: this.id, to: address, value: message.value, hasResources: message.hasResources, exported });
    for (const a of foreign) this.release(a);
  }

  /** Releases what a message that will never be received owns. */
  drop(message: Message): void {
    releaseMessage(message, this.messageHost);
  }

  /**
   * spawn_vm{inherit_context=false}: the caller's channel (pushed without a
   * retain) is the one holder here and the one token the hub counts.
   */
  spawnThread(spawn: ThreadSpawn): ActorAddress {
    const address = { vm: spawn.vm, context: spawn.context };
    this.remotes.set(spawn.vm, { live: 1, tokens: 1, closed: false });
    this.hub.send({ type: 'spawn', spawn });
    return address;
  }

  /** A message from the hub. */
  receive(message: FromHub): void {
    switch (message.type) {
      case 'deliver':
        this.deliverFromHub(message.to, { value: message.value, hasResources: message.hasResources }, message.closed);
        break;
      case 'held': {
        const actor = this.actors.get(message.vm);
        if (actor === undefined) break;
        actor.remoteHeld = message.held;
        if (!message.held) actor.sendersMayBeGone();
        break;
      }
      case 'ack':
        for (const vm of message.vms) this.releaseLocal(vm);
        break;
      case 'closed':
        for (const vm of message.vms) {
          const ref = this.remotes.get(vm);
          if (ref !== undefined) ref.closed = true;
        }
        break;
      case 'bye-ack':
        break;
    }
  }

  private deliverFromHub(to: number, message: Message, closed: readonly number[]): void {
    if (message.hasResources) {
      forEachResource(message.value, (a) => {
        if (a.context === this.id) {
          const actor = this.actors.get(a.vm);
          if (actor !== undefined) actor.refs++;
          return;
        }
        let ref = this.remotes.get(a.vm);
        if (ref === undefined) {
          ref = { live: 0, tokens: 0, closed: false };
          this.remotes.set(a.vm, ref);
        }
        ref.live++;
        ref.tokens++;
        if (closed.includes(a.vm)) ref.closed = true;
      }, () => {});
    }
    const actor = this.actors.get(to);
    if (actor === undefined) this.drop(message);
    else actor.deliver(message);
  }

  private releaseLocal(vm: number): void {
    const actor = this.actors.get(vm);
    if (actor === undefined || actor.refs === 0) return;
    if (--actor.refs === 0 && !actor.remoteHeld) actor.sendersMayBeGone();
  }

  /** How messages meet Lua values on this thread. */
  readonly messageHost: MessageCopyHost = {
    classifyUserdata: (L, idx) => classifyUserdata(L, idx),
    retainAddress: (address) => this.retain(address),
    releaseAddress: (address) => this.release(address),
    dupFd: (fd) => loadAddon().fdDup(fd),
    closeFd: (fd) => {
      loadAddon().fdClose(fd);
    },
    pushAddress: (L, address) => {
      pushChannel(L, address, this.actorOfState(L), false);
    },
    pushFd: (L, fd) => pushFileDescriptor(L, fd),
  };

  private actorOfState(L: LuaState): Actor {
    return this.actorOf(vmOf(L));
  }
}

function classifyUserdata(L: LuaState, idx: number): UserdataAsMessage {
  const channel = toChannel(L, idx);
  if (channel !== undefined) {
    // A closed channel is just another object (Emilua swaps its metatable).
    return channel.closed ? { type: 'unsupported' } : { type: 'address', address: channel.address };
  }
  const inbox = toInbox(L, idx);
  if (inbox !== undefined) return { type: 'address', address: inbox.address };
  const fd = toFileDescriptor(L, idx);
  if (fd !== undefined) return { type: 'fd', fd: fd.fd };
  return { type: 'unsupported' };
}

export function toChannel(L: LuaState, idx: number): ChannelHandle | undefined {
  return toUserdata<ChannelHandle>(L, idx, CHANNEL_KIND);
}

export function toInbox(L: LuaState, idx: number): Actor | undefined {
  return toUserdata<Actor>(L, idx, INBOX_KIND);
}

export function pushInbox(L: LuaState, actor: Actor, metatable: Uint8Array): void {
  pushUserdata(L, INBOX_KIND, actor, metatable);
}

/** Copies the value at idx into a message (throws MessageCopyError). */
export function captureFrom(L: LuaState, idx: number, context: ActorContext): Message {
  return captureMessage(L, idx, context.messageHost);
}

/** Pushes a received message onto L (the VM that receives it). */
export function pushReceived(L: LuaState, message: Message): void {
  pushMessage(L, message.value, current().messageHost);
}

// --- The context of this thread.

let mainConcurrencyHint: 'safe' | 1 = 'safe';
let context: ActorContext | null = null;

/** The main thread's --main-context-concurrency-hint. */
export function configureMainContext(hint: 'safe' | 1): void {
  mainConcurrencyHint = hint;
}

/** This thread's context (the main thread's is created on first use). */
export function current(): ActorContext {
  if (context === null) {
    const created: ActorContext = new ActorContext(0, mainConcurrencyHint, () => new Hub(created));
    context = created;
  }
  return context;
}

/** In a worker thread, before any VM runs. */
export function setCurrentContext(value: ActorContext): void {
  context = value;
}
