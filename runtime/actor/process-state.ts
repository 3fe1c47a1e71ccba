// State that every thread of the process shares: the counters that number VMs
// and threads, and which VM is the master VM. It lives in
// a SharedArrayBuffer that the main thread creates on first use and hands to
// each worker thread, so ids stay unique across threads and any thread can
// ask who the master is. Created lazily: nothing here may run while a startup
// snapshot is built.

const NEXT_VM = 0;
const NEXT_CONTEXT = 1;
const MASTER_VM = 2;
const SLOTS = 4;

let cells: Int32Array | null = null;

function shared(): Int32Array {
  if (cells === null) {
    cells = new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT));
    cells[NEXT_VM] = 1;
    // Context 0 is the main thread.
    cells[NEXT_CONTEXT] = 1;
    cells[MASTER_VM] = 0;
  }
  return cells;
}

/** The buffer to hand to a worker thread (see adoptProcessState). */
export function processStateBuffer(): SharedArrayBuffer {
  return shared().buffer as SharedArrayBuffer;
}

/** In a worker thread, before any VM exists: use the process's shared state. */
export function adoptProcessState(buffer: SharedArrayBuffer): void {
  cells = new Int32Array(buffer);
}

/** A new VM id, unique in the process (VM 0x1 is the first VM). */
export function allocateVmId(): number {
  return Atomics.add(shared(), NEXT_VM, 1);
}

/** A new thread id (one per worker thread); the main thread is 0. */
export function allocateThreadId(): number {
  return Atomics.add(shared(), NEXT_CONTEXT, 1);
}

/** The master VM's id, 0 before the first VM claims the role. */
export function masterVmId(): number {
  return Atomics.load(shared(), MASTER_VM);
}

/** The first VM of the process becomes the master; later calls change nothing. */
export function claimMasterRole(vmId: number): void {
  Atomics.compareExchange(shared(), MASTER_VM, 0, vmId);
}

/** spawn_vm{new_master=true}: the role moves from `from` to `to`; false if `from` lost it already. */
export function handOverMasterRole(from: number, to: number): boolean {
  return Atomics.compareExchange(shared(), MASTER_VM, from, to) === from;
}
