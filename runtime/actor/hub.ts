// The hub: on the main thread, the one place every message between two
// threads passes through. It starts the worker threads, routes messages,
// and counts which threads hold the address of each actor that has left its
// own thread, so the actor's thread knows whether anyone elsewhere can still
// send to it ('held'). It also keeps each worker from holding the process
// open while that worker can do nothing but wait for messages.
//
// Order is what makes the counting right: a thread sends the hub a message
// carrying an address before it sends the release of its own hold on that
// address, the hub handles both in that order, and it counts the receiving
// thread as a holder before it forwards the message. So the count of an
// address that is in flight never drops to zero.
//
// The spawn_vm that asked for a thread waits until the thread runs
// JavaScript (the Worker's 'online', or the thread's own 'started' if that
// comes first), as Emilua's waits for its std::thread: a thread that cannot
// start (Node reports ERR_WORKER_INIT_FAILED when the process is out of
// descriptors, or the Worker constructor throws) makes that spawn_vm raise.
// Loading the runtime on the new thread (about 50 ms) overlaps the caller. A thread that
// dies later (a worker out of memory) is reported in one line, and its
// actors close as if they had ended, so whoever waits on them hears of it.

import { loadAddon } from '../native/load-addon';
import { writeAllSync } from '../lua/print';
import type { ActorAddress, MessageResources } from './message';
import type { WireValue } from './message-wire';
import type { FromHub, HubLink, SpawnFailure, ToHub, ThreadSpawn } from './hub-protocol';
import { startActorThread } from './worker-launch';

/** The part of the main thread's ThreadContext the hub talks to. */
export interface MainThread {
  readonly id: number;
  receive(message: FromHub): void;
}

interface Entry {
  /** The thread the actor runs on. */
  readonly home: number;
  /** Tokens counted per holding thread (never the home thread). */
  readonly holders: Map<number, number>;
  total: number;
  closed: boolean;
}

/** What the hub uses of a Worker (a fake one in the unit tests). */
export interface ActorWorker {
  // The listeners' argument types are those of Worker's events used below.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: 'message' | 'error' | 'exit' | 'online', listener: (...args: any[]) => void): unknown;
  postMessage(message: FromHub): void;
  ref(): void;
  unref(): void;
}

interface Thread {
  readonly worker: ActorWorker;
  readonly spawn: ThreadSpawn;
  /** Whether the spawning thread has heard the outcome of the start. */
  answered: boolean;
  /** Messages posted to the worker; its 'idle' reports how many it had seen. */
  sent: number;
  referenced: boolean;
  dead: boolean;
}

export class Hub implements HubLink {
  private readonly entries = new Map<number, Entry>();
  private readonly threads = new Map<number, Thread>();

  constructor(
    private readonly main: MainThread,
    private readonly startThread: (spawn: ThreadSpawn) => ActorWorker = startActorThread,
    private readonly report: (line: string) => void = writeStderr,
  ) {}

  /** From the main thread's own ThreadContext. */
  send(message: ToHub): void {
    this.receive(message);
  }

  receive(message: ToHub): void {
    switch (message.type) {
      case 'forward':
        this.forward(message.from, message.to, message.value, message.resources, message.exported);
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
      case 'started': {
        const thread = this.threads.get(message.from);
        if (thread !== undefined) this.answer(thread, null);
        break;
      }
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
        this.threadEnded(message.from);
        thread?.worker.postMessage({ type: 'bye-ack' } satisfies FromHub);
        break;
      }
    }
  }

  private forward(
    from: number, to: ActorAddress, value: WireValue, resources: MessageResources | null, exported: readonly number[],
  ): void {
    const target = this.entries.get(to.vm);
    const deliverable = this.threadAlive(to.thread) && !(target?.closed ?? false);
    if (deliverable) {
      const closed: number[] = [];
      if (resources !== null) {
        for (const a of resources.addresses) {
          // The receiving thread counts its own actors itself.
          if (a.thread === to.thread) continue;
          const entry = this.entry(a);
          this.addHolder(a.vm, entry, to.thread);
          if (entry.closed) closed.push(a.vm);
        }
      }
      this.toThread(to.thread, { type: 'deliver', to: to.vm, value, resources, closed });
    } else if (resources !== null) {
      // Nobody will receive it: only its descriptors need closing (the
      // sender releases its addresses as usual).
      for (const fd of resources.fds) loadAddon().fdClose(fd);
    }
    if (exported.length > 0) this.toThread(from, { type: 'ack', vms: exported });
  }

  private entry(address: ActorAddress): Entry {
    let entry = this.entries.get(address.vm);
    if (entry === undefined) {
      entry = { home: address.thread, holders: new Map(), total: 0, closed: !this.threadAlive(address.thread) };
      this.entries.set(address.vm, entry);
    }
    return entry;
  }

  private addHolder(vm: number, entry: Entry, holder: number): void {
    if (holder === entry.home) return;
    entry.holders.set(holder, (entry.holders.get(holder) ?? 0) + 1);
    if (entry.total++ === 0) this.toThread(entry.home, { type: 'held', vm, held: true });
  }

  private removeHolder(vm: number, entry: Entry, holder: number, tokens: number): void {
    const held = entry.holders.get(holder);
    if (held === undefined) return;
    const removed = Math.min(held, tokens);
    if (held - removed === 0) entry.holders.delete(holder);
    else entry.holders.set(holder, held - removed);
    entry.total -= removed;
    if (entry.total === 0) {
      if (entry.closed) this.entries.delete(vm);
      else this.toThread(entry.home, { type: 'held', vm, held: false });
    }
  }

  private closed(vm: number, home: number): void {
    const entry = this.entry({ vm, thread: home });
    if (entry.closed) return;
    entry.closed = true;
    for (const holder of entry.holders.keys()) this.toThread(holder, { type: 'closed', vms: [vm] });
    if (entry.total === 0) this.entries.delete(vm);
  }

  private spawn(spawn: ThreadSpawn): void {
    this.entries.set(spawn.vm, { home: spawn.thread, holders: new Map([[spawn.from, 1]]), total: 1, closed: false });
    let worker: ActorWorker;
    try {
      worker = this.startThread(spawn);
    } catch (err) {
      this.closed(spawn.vm, spawn.thread);
      this.toThread(spawn.from, { type: 'spawned', vm: spawn.vm, failure: spawnFailure(err) });
      return;
    }
    const thread: Thread = { worker, spawn, answered: false, sent: 0, referenced: true, dead: false };
    this.threads.set(spawn.thread, thread);
    worker.on('message', (message: ToHub) => this.receive(message));
    worker.on('online', () => this.answer(thread, null));
    worker.on('error', (err: unknown) => {
      if (!thread.answered) this.answer(thread, spawnFailure(err));
      else this.report(`emilua-ts: ${deathReport(spawn.vm, err)}\n`);
    });
    worker.on('exit', () => {
      if (!thread.answered) this.answer(thread, { code: null, message: 'the actor thread ended before it started' });
      this.threadEnded(spawn.thread);
      this.threads.delete(spawn.thread);
    });
  }

  /** Tells the thread that spawned `thread` whether it started. */
  private answer(thread: Thread, failure: SpawnFailure | null): void {
    if (thread.answered) return;
    thread.answered = true;
    this.toThread(thread.spawn.from, { type: 'spawned', vm: thread.spawn.vm, failure });
  }

  /** A worker thread is gone: its actors are closed and it holds nothing any more. */
  private threadEnded(id: number): void {
    const thread = this.threads.get(id);
    if (thread === undefined || thread.dead) return;
    thread.dead = true;
    for (const [vm, entry] of [...this.entries]) {
      if (entry.home === id) this.closed(vm, id);
      if (entry.holders.has(id)) this.removeHolder(vm, entry, id, Infinity);
    }
  }

  private threadAlive(id: number): boolean {
    if (id === this.main.id) return true;
    const thread = this.threads.get(id);
    return thread !== undefined && !thread.dead;
  }

  private toThread(id: number, message: FromHub): void {
    if (id === this.main.id) {
      this.main.receive(message);
      return;
    }
    const thread = this.threads.get(id);
    if (thread === undefined || thread.dead) return;
    thread.sent++;
    if (!thread.referenced) {
      thread.worker.ref();
      thread.referenced = true;
    }
    thread.worker.postMessage(message);
  }
}

/** Why a thread did not start, from what Node threw or emitted. */
function spawnFailure(err: unknown): SpawnFailure {
  const message = err instanceof Error ? err.message : String(err);
  const code = /\b(E[A-Z0-9]{2,})\b/.exec(message);
  return { code: code === null ? null : code[1], message: firstLine(message) };
}

/** One line on the end of a thread that had started, without Node's stack. */
function deathReport(vm: number, err: unknown): string {
  const name = `VM 0x${vm.toString(16)}`;
  if ((err as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return `${name} ran out of memory; its thread ended`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return `the thread of ${name} ended on an internal error: ${firstLine(message)}`;
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
}

function writeStderr(text: string): void {
  try {
    writeAllSync(2, Buffer.from(text));
  } catch {
    // Nothing left to report to.
  }
}
