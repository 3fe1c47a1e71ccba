// The sending side of the IPC transport: one Endpoint per socket this
// process writes messages to (the socket of a subprocess actor spawn_vm
// started, or an address that arrived in a message). An endpoint is an
// actor address of its own kind: {vm: id, thread: -id}, so channel objects,
// message copies and holder counts treat it like any other address, and the
// thread context's transportFor hands it to transport.ts (isIpcAddress).
//
// Sends never wait: sendmsg(MSG_DONTWAIT); a datagram the socket cannot take
// now is queued (with dups of its descriptors) and written when the socket
// turns writable, in order. A failed write (EPIPE, ECONNRESET...) closes the
// endpoint: later sends raise "Channel closed".
//
// When its last holder goes, the endpoint sends a zero-length datagram (the
// capability is closed, README.md) and closes its socket.

import { loadAddon } from '../../native/load-addon';
import { ReadinessWatch, WRITABLE } from '../../io/readiness';
import { errnoCodes } from '../../errors/categories';
import type { ActorAddress } from '../message';

interface Pending {
  readonly bytes: Uint8Array;
  /** Owned dups, closed once written or dropped. */
  readonly fds: number[];
}

const endpoints = new Map<number, Endpoint>();
let nextId = 1;

export function isIpcAddress(address: ActorAddress): boolean {
  return address.thread < 0;
}

export function endpointOf(address: ActorAddress): Endpoint | undefined {
  return endpoints.get(address.vm);
}

export class Endpoint {
  readonly id: number;
  readonly address: ActorAddress;
  open = true;
  private refs = 0;
  private queue: Pending[] = [];
  private watch: ReadinessWatch | null = null;
  /** Called once, when the last holder is gone (spawn_vm's child bookkeeping). */
  onReleased: (() => void) | null = null;

  /** Takes ownership of `fd`, a unix SOCK_SEQPACKET socket. `refs`: holders it starts with. */
  constructor(private fd: number, refs: number) {
    this.id = nextId++;
    this.address = { vm: this.id, thread: -this.id };
    this.refs = refs;
    endpoints.set(this.id, this);
  }

  retain(): void {
    this.refs++;
  }

  release(): void {
    if (--this.refs > 0) return;
    endpoints.delete(this.id);
    if (this.fd !== -1 && this.open && this.queue.length === 0) loadAddon().sockSend(this.fd, new Uint8Array(0), 0);
    this.shutdown();
    const done = this.onReleased;
    this.onReleased = null;
    done?.();
  }

  /** The peer is known to be gone (SIGKILL, its exit): sends raise "Channel closed". */
  markClosed(): void {
    this.open = false;
    // Nothing more can be sent: the socket goes now, not when the last
    // holder lets go (that may wait for the collector).
    this.shutdown();
  }

  /**
   * Sends one datagram with `fds` (the caller keeps its descriptors: the
   * kernel, or a queued dup, carries them). False when the endpoint is closed.
   */
  send(bytes: Uint8Array, fds: readonly number[]): boolean {
    if (!this.open || this.fd === -1) return false;
    if (this.queue.length === 0) {
      const sent = loadAddon().sockSendFds(this.fd, bytes, [...fds], null, 0);
      if (sent >= 0) return true;
      if (sent !== -errnoCodes.EAGAIN) {
        this.markClosed();
        return false;
      }
    }
    const owned: number[] = [];
    for (const fd of fds) {
      const dup = loadAddon().fdDup(fd);
      if (dup < 0) {
        for (const d of owned) loadAddon().fdClose(d);
        return false;
      }
      owned.push(dup);
    }
    this.queue.push({ bytes, fds: owned });
    this.armWritable();
    return true;
  }

  private armWritable(): void {
    this.watch ??= new ReadinessWatch(this.fd, () => this.flush());
    if (this.watch.arm(WRITABLE) < 0) this.markClosed();
  }

  private flush(): void {
    while (this.queue.length > 0 && this.open) {
      const head = this.queue[0];
      const sent = loadAddon().sockSendFds(this.fd, head.bytes, head.fds, null, 0);
      if (sent === -errnoCodes.EAGAIN) {
        this.armWritable();
        return;
      }
      this.queue.shift();
      for (const fd of head.fds) loadAddon().fdClose(fd);
      if (sent < 0) {
        this.markClosed();
        return;
      }
    }
    if (this.refs <= 0) this.shutdown();
  }

  private dropQueue(): void {
    for (const pending of this.queue) for (const fd of pending.fds) loadAddon().fdClose(fd);
    this.queue = [];
  }

  private shutdown(): void {
    if (this.queue.length > 0 && this.open) return; // flush() finishes the job
    this.open = false;
    this.dropQueue();
    this.watch?.dispose();
    this.watch = null;
    if (this.fd !== -1) loadAddon().fdClose(this.fd);
    this.fd = -1;
  }
}
