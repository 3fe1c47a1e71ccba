// The hub: on the main thread, the one place every message between two
// threads passes through. It starts the worker threads, routes messages,
// and counts which threads hold the address of each actor that has left its
// own thread, so the actor's thread knows whether anyone elsewhere can still
// send to it ('held'). It also keeps each worker from holding the process
// open while that worker can do nothing but wait for messages.
//
// Order is what makes the counting right: a context sends the hub a message
// carrying an address before it sends the release of its own hold on that
// address, the hub handles both in that order, and it counts the receiving
// thread as a holder before it forwards the message. So the count of an
// address that is in flight never drops to zero.

import type { Worker } from 'node:worker_threads';
import { loadAddon } from '../native/load-addon';
import { writeAllSync } from '../lua/print';
import { forEachResource } from './message';
import type { ActorAddress } from './message';
import type { FromHub, HubLink, ToHub, ThreadSpawn } from './hub-protocol';
import { startActorThread } from './worker-launch';

/** The part of the main thread's context the hub talks to. */
export interface MainContext {
  readonly id: number;
  receive(message: FromHub): void;
}

interface Entry {
  /** The context the actor runs on. */
  readonly home: number;
  /** Tokens counted per holding context (never the home context). */
  readonly holders: Map<number, number>;
  total: number;
  closed: boolean;
}

interface Thread {
  readonly worker: Worker;
  /** Messages posted to the worker; its 'idle' reports how many it had seen. */
  sent: number;
  referenced: boolean;
  dead: boolean;
}

export class Hub implements HubLink {
  private readonly entries = new Map<number, Entry>();
  private readonly threads = new Map<number, Thread>();

  constructor(private readonly main: MainContext) {}

  /** From the main thread's own context. */
  send(message: ToHub): void {
    this.receive(message);
  }

  receive(message: ToHub): void {
    switch (message.type) {
      case 'forward':
        this.forward(message.from, message.to, message.value, message.hasResources, message.exported);
        break;
      case 'release': {
        const entry = this.entries.get(message.address.vm);
        if (entry !== undefined) this.removeHolder(message.address.vm, entry, message.from, message.tokens);
        break;
      }
      case 'closed':
        this.closed(message.vm, message.from);
        break;
      case 'spawn':
        this.spawn(message.spawn);
        break;
      case 'idle': {
        const thread = this.threads.get(message.from);
        if (thread !== undefined && thread.referenced && message.received === thread.sent) {
          thread.worker.unref();
          thread.referenced = false;
        }
        break;
      }
      case 'bye': {
        const thread = this.threads.get(message.from);
        this.contextEnded(message.from);
        thread?.worker.postMessage({ type: 'bye-ack' } satisfies FromHub);
        break;
      }
    }
  }

  private forward(
    from: number, to: ActorAddress, value: import('./message').Structured, hasResources: boolean, exported: readonly number[],
  ): void {
    const target = this.entries.get(to.vm);
    const deliverable = this.contextAlive(to.context) && !(target?.closed ?? false);
    if (deliverable) {
      const closed: number[] = [];
      if (hasResources) {
        forEachResource(value, (a) => {
          // The receiving context counts its own actors itself.
          if (a.context === to.context) return;
          const entry = this.entry(a);
          this.addHolder(a.vm, entry, to.context);
          if (entry.closed) closed.push(a.vm);
        }, () => {});
      }
      this.toContext(to.context, { type: 'deliver', to: to.vm, value, hasResources, closed });
    } else if (hasResources) {
      // Nobody will receive it: only its descriptors need closing (the
      // sender releases its addresses as usual).
      forEachResource(value, () => {}, (fd) => void loadAddon().fdClose(fd));
    }
    if (exported.length > 0) this.toContext(from, { type: 'ack', vms: exported });
  }

  private entry(address: ActorAddress): Entry {
    let entry = this.entries.get(address.vm);
    if (entry === undefined) {
      entry = { home: address.context, holders: new Map(), total: 0, closed: !this.contextAlive(address.context) };
      this.entries.set(address.vm, entry);
    }
    return entry;
  }

  private addHolder(vm: number, entry: Entry, context: number): void {
    if (context === entry.home) return;
    entry.holders.set(context, (entry.holders.get(context) ?? 0) + 1);
    if (entry.total++ === 0) this.toContext(entry.home, { type: 'held', vm, held: true });
  }

  private removeHolder(vm: number, entry: Entry, context: number, tokens: number): void {
    const held = entry.holders.get(context);
    if (held === undefined) return;
    const removed = Math.min(held, tokens);
    if (held - removed === 0) entry.holders.delete(context);
    else entry.holders.set(context, held - removed);
    entry.total -= removed;
    if (entry.total === 0) {
      if (entry.closed) this.entries.delete(vm);
      else this.toContext(entry.home, { type: 'held', vm, held: false });
    }
  }

  private closed(vm: number, home: number): void {
    const entry = this.entry({ vm, context: home });
    if (entry.closed) return;
    entry.closed = true;
    for (const context of entry.holders.keys()) this.toContext(context, { type: 'closed', vms: [vm] });
    if (entry.total === 0) this.entries.delete(vm);
  }

  private spawn(spawn: ThreadSpawn): void {
    this.entries.set(spawn.vm, { home: spawn.context, holders: new Map([[spawn.from, 1]]), total: 1, closed: false });
    const worker = startActorThread(spawn);
    const thread: Thread = { worker, sent: 0, referenced: true, dead: false };
    this.threads.set(spawn.context, thread);
    worker.on('message', (message: ToHub) => this.receive(message));
    worker.on('error', (err: Error) => {
      writeStderr(`emilua-ts: internal error in the thread of VM 0x${spawn.vm.toString(16)}: ${err.stack ?? err.message}\n`);
    });
    worker.on('exit', () => {
      this.contextEnded(spawn.context);
      this.threads.delete(spawn.context);
    });
  }

  /** A worker thread is gone: its actors are closed and it holds nothing any more. */
  private contextEnded(context: number): void {
    const thread = this.threads.get(context);
    if (thread === undefined || thread.dead) return;
    thread.dead = true;
    for (const [vm, entry] of [...this.entries]) {
      if (entry.home === context) this.closed(vm, context);
      if (entry.holders.has(context)) this.removeHolder(vm, entry, context, Infinity);
    }
  }

  private contextAlive(context: number): boolean {
    if (context === this.main.id) return true;
    const thread = this.threads.get(context);
    return thread !== undefined && !thread.dead;
  }

  private toContext(context: number, message: FromHub): void {
    if (context === this.main.id) {
      this.main.receive(message);
      return;
    }
    const thread = this.threads.get(context);
    if (thread === undefined || thread.dead) return;
    thread.sent++;
    if (!thread.referenced) {
      thread.worker.ref();
      thread.referenced = true;
    }
    thread.worker.postMessage(message);
  }
}

function writeStderr(text: string): void {
  try {
    writeAllSync(2, Buffer.from(text));
  } catch {
    // Nothing left to report to.
  }
}
