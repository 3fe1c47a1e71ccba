// One-shot readiness notifications for file descriptors (native/addon/
// fd_poll.cc): the addon keeps a private epoll set watched by one libuv
// handle, so registering a descriptor here changes nothing about it (no
// O_NONBLOCK, no ioctl) and works even for descriptors Node also watches.

import { loadAddon } from '../native/load-addon';
import { setRoundHook } from '../fiber/scheduler';

export const READABLE = 1;
export const WRITABLE = 2;
/** Error or hang-up: both directions should be attempted (they will not block). */
export const HANGUP = 4;
/** Priority data (EPOLLPRI): a socket's out-of-band mark. */
export const PRIORITY = 8;
/** Added to arm()'s events: the wait does not keep the process alive. */
export const BACKGROUND = 16;

const watches = new Map<number, ReadinessWatch>();
let initialized = false;
let nextId = 1;
/** Registrations with a notification pending. */
let armedCount = 0;

function dispatch(batch: number[]): void {
  for (let i = 0; i + 1 < batch.length; i += 2) {
    watches.get(batch[i])?.notify(batch[i + 1]);
  }
}

/**
 * Delivers the notifications pending now. The scheduler calls it between
 * rounds of ready fibers, so a busy fiber does not delay I/O until Node's
 * loop polls again.
 */
function pollNow(): void {
  if (armedCount > 0) dispatch(loadAddon().pollCheck());
}

function ensureInitialized(): number {
  if (initialized) return 0;
  const ret = loadAddon().pollInit(dispatch);
  if (ret === 0) {
    initialized = true;
    setRoundHook(pollNow);
  }
  return ret;
}

/**
 * Readiness of one descriptor. arm() asks for one notification; the
 * callback gets the READABLE/WRITABLE/HANGUP/PRIORITY bits that fired. Call dispose()
 * before the descriptor is closed. While armed, the process stays alive.
 */
export class ReadinessWatch {
  private readonly id: number;
  private registered = false;
  /** The events of the pending notification, 0 when none is pending. */
  armed = 0;

  constructor(readonly fd: number, private readonly onReady: (events: number) => void) {
    this.id = nextId;
    nextId = nextId >= 0x7fffffff ? 1 : nextId + 1;
  }

  /** Asks for one notification for `events`. 0 | -errno (-EPERM: not pollable). */
  arm(events: number): number {
    if (events === this.armed) return 0;
    if (events === 0) {
      this.disarm();
      return 0;
    }
    const init = ensureInitialized();
    if (init < 0) return init;
    const ret = loadAddon().pollArm(this.fd, this.id, events);
    if (ret < 0) return ret;
    this.registered = true;
    if (this.armed === 0) armedCount++;
    this.armed = events;
    watches.set(this.id, this);
    return 0;
  }

  /** Cancels a pending notification. */
  disarm(): void {
    if (!this.registered) return;
    loadAddon().pollDisarm(this.fd);
    this.registered = false;
    if (this.armed !== 0) armedCount--;
    this.armed = 0;
    watches.delete(this.id);
  }

  dispose(): void {
    this.disarm();
  }

  /** Called by the dispatcher: the one-shot registration has fired. */
  notify(events: number): void {
    if (this.armed !== 0) armedCount--;
    this.armed = 0;
    this.onReady(events);
  }
}
