// Node's stdio streams, created at start where creating them changes the
// descriptor. For a pipe, a socket or a terminal, libuv puts the descriptor in
// O_NONBLOCK mode for the run (Node restores the flags at exit), and the
// runtime's own I/O on system.in_, out and err then reads and writes without
// waiting for readiness first. Every start used to create all three streams
// (fengari's io library read process.stdin and the like); creating one on a
// regular file or a memory device (/dev/null) changes nothing but costs
// start-up time, so those are left to be created on first use.

import * as fs from 'node:fs';

const MEMORY_DEVICES_MAJOR = 1;

function changesDescriptor(fd: number): boolean {
  let stats: fs.Stats;
  try {
    stats = fs.fstatSync(fd);
  } catch {
    return false;
  }
  if (stats.isFIFO() || stats.isSocket()) return true;
  // Linux: major number in bits 8..19 of st_rdev.
  return stats.isCharacterDevice() && ((stats.rdev >> 8) & 0xfff) !== MEMORY_DEVICES_MAJOR;
}

export function createStdioStreamsThatMatter(): void {
  if (changesDescriptor(0)) void process.stdin;
  if (changesDescriptor(1)) void process.stdout;
  if (changesDescriptor(2)) void process.stderr;
}
