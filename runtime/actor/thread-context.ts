// One thread of the process as the actor system sees it: the main thread
// (thread 0) or one worker thread per actor spawned with
// inherit_context=false. (Not Lua's _CONTEXT, VmOptions.context, which says
// how a root module runs.) It keeps the actors (VMs) that run on it and is
// the one place that chooses a transport for an address (transportFor):
//
//   same thread   transports/local.ts: straight into the actor's inbox;
//   other thread  transports/thread.ts: through the main thread's hub (hub.ts);
//   process       ipc/transport.ts: an address {vm: id, thread: -id} names a
//                 socket to another process (ipc/endpoint.ts); messages go
//                 through the IPC codec of actor/ipc/.
//
// Who can send to an actor (its "senders"):
//   refs        channel objects on this thread that hold its address, plus
//               messages on this thread that carry it (queued, or sent to
//               another thread and not yet acknowledged by the hub);
//   remoteHeld  whether any other thread holds it (the hub says so).
// With neither, a receive() that waits fails with "Broadcast the address
// before attempting to receive on it", as in Emilua.

import type { LuaState } from '../lua/lua-api';
import { vmOf } from '../fiber/vm-of';
import type { VmHost } from '../fiber/vm-host';
import { loadAddon } from '../native/load-addon';
import { pushFileDescriptor } from '../io/descriptor-object';
import type { ActorAddress, Message } from './message';
import { captureMessage, releaseMessage, type MessageCopyHost } from './message-copy';
import { pushChannel } from './channel';
import { Actor, type ActorThread } from './actor';
import { classifyUserdata } from './userdata';
import type { FromHub, HubLink, SpawnFailure, ThreadSpawn } from './hub-protocol';
import type { ChannelTransport } from './transport';
import { LocalTransport } from './transports/local';
import { ThreadTransport } from './transports/thread';
import { Hub } from './hub';
import { isIpcAddress } from './ipc/endpoint';
import { IpcTransport } from './ipc/transport';

export class ThreadContext implements ActorThread, ChannelTransport {
  readonly actors = new Map<number, Actor>();
  private readonly actorsByVm = new WeakMap<VmHost, Actor>();
  readonly local: LocalTransport = new LocalTransport(this);
  private readonly other: ThreadTransport = new ThreadTransport(this);
  private readonly ipc: IpcTransport = new IpcTransport(this);
  /** Called when the last actor of this thread has ended. */
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

  /** The one place that decides how an address is reached from this thread. */
  transportFor(address: ActorAddress): ChannelTransport {
    if (isIpcAddress(address)) return this.ipc;
    return address.thread === this.id ? this.local : this.other;
  }

  // --- ChannelTransport, for channel objects and send()

  isOpen(address: ActorAddress): boolean {
    return this.transportFor(address).isOpen(address);
  }

  retain(address: ActorAddress): void {
    this.transportFor(address).retain(address);
  }

  release(address: ActorAddress): void {
    this.transportFor(address).release(address);
  }

  post(address: ActorAddress, message: Message): void {
    this.transportFor(address).post(address, message);
  }

  /** Releases what a message that will never be received owns. */
  drop(message: Message): void {
    releaseMessage(message, this.messageHost);
  }

  /**
   * spawn_vm{inherit_context=false}: the new thread's actor, reached through
   * the hub. `started` hears whether the thread could start.
   */
  spawnThread(spawn: ThreadSpawn, started: (failure: SpawnFailure | null) => void): ActorAddress {
    return this.other.spawn(spawn, started);
  }

  /** A message from the hub. */
  receive(message: FromHub): void {
    this.other.receive(message);
  }

  /** Copies the value at idx of L (a VM of this thread) into a message (throws MessageCopyError). */
  capture(L: LuaState, idx: number): Message {
    return captureMessage(L, idx, this.messageHost);
  }

  /** How messages meet Lua values on this thread. */
  readonly messageHost: MessageCopyHost = {
    classifyUserdata,
    retainAddress: (address) => this.retain(address),
    releaseAddress: (address) => this.release(address),
    dupFd: (fd) => loadAddon().fdDup(fd),
    closeFd: (fd) => {
      loadAddon().fdClose(fd);
    },
    pushAddress: (L, address) => {
      pushChannel(L, address, this.actorOf(vmOf(L)), false);
    },
    pushFd: (L, fd) => pushFileDescriptor(L, fd),
  };
}

// --- This thread's context.

let mainConcurrencyHint: 'safe' | 1 = 'safe';
let context: ThreadContext | null = null;

/** The main thread's --main-context-concurrency-hint. */
export function configureMainContext(hint: 'safe' | 1): void {
  mainConcurrencyHint = hint;
}

/** This thread's context (the main thread's is created on first use). */
export function current(): ThreadContext {
  if (context === null) {
    const created: ThreadContext = new ThreadContext(0, mainConcurrencyHint, () => new Hub(created));
    context = created;
  }
  return context;
}

/** In a worker thread, before any VM runs. */
export function setCurrentContext(value: ThreadContext): void {
  context = value;
}
