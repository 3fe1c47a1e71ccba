// The descriptors a child starts with: 0..2 from the stdio choices, 3..9
// from the extra descriptors, nothing else (native/addon/spawn_child.cc
// closes every other descriptor before exec).

/**
 * How the child gets one standard descriptor: the parent's own ('share'),
 * a pipe end whose other end is already closed ('closed'; reading gives end
 * of file, writing EPIPE), or a descriptor of this process (a number).
 */
export type StdioChoice = 'share' | 'closed' | number;

// Slot values understood by procSpawn (runtime/native/process-api.ts).
const NONE = -1;
const PIPE_READ = -2;
const PIPE_WRITE = -3;

export const EXTRA_FD_FIRST = 3;
export const EXTRA_FD_LAST = 9;

function stdioSlot(target: 0 | 1 | 2, choice: StdioChoice): number {
  if (choice === 'share') return target;
  if (choice === 'closed') return target === 0 ? PIPE_READ : PIPE_WRITE;
  return choice;
}

/** The ten slots of procSpawn's `fds`. */
export function descriptorSlots(
  stdio: readonly [StdioChoice, StdioChoice, StdioChoice],
  extraFds: ReadonlyMap<number, number>,
): number[] {
  const slots = [stdioSlot(0, stdio[0]), stdioSlot(1, stdio[1]), stdioSlot(2, stdio[2])];
  for (let target = EXTRA_FD_FIRST; target <= EXTRA_FD_LAST; target++) slots.push(extraFds.get(target) ?? NONE);
  return slots;
}
