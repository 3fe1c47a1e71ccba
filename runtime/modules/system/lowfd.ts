// system.get_lowfd(fd): hands out, once each, the descriptors 3 to 9 that the
// process inherited (systemd socket activation, Varlink...).
//
// By the time any JavaScript runs, Node has marked every inherited descriptor
// close-on-exec and opened its own (epoll, eventfd, pipes), often in that
// very range, so the process cannot tell them apart any more. The launcher
// (bin/emilua-ts) therefore lists the descriptors 3..9 that are open before
// it starts Node, in EMILUA_TS_LOWFDS ("3,4"); the registry takes that list
// (and removes the variable from the environment scripts see) the first time
// it is consulted. Without the list no descriptor is considered inherited.

import { loadAddon } from '../../native/load-addon';

const LOW = 3;
const HIGH = 9;

/** Whether `fd` is one get_lowfd() may hand out at all (3 to 9, as in Emilua). */
export function isLowFdNumber(fd: number): boolean {
  return Number.isInteger(fd) && fd >= LOW && fd <= HIGH;
}
export const LOWFDS_VARIABLE = 'EMILUA_TS_LOWFDS';

let inherited: Set<number> | null = null;
/** The launcher's list, once taken out of the environment (null: not yet). */
let launcherList: string | undefined | null = null;

/**
 * Takes the launcher's list out of the environment, so no script sees it;
 * main() calls this before any script runs. Checking the descriptors waits
 * for the first use (it needs the addon).
 */
export function takeLowFdList(): void {
  if (launcherList !== null) return;
  launcherList = process.env[LOWFDS_VARIABLE];
  delete process.env[LOWFDS_VARIABLE];
}

/** Reads the launcher's list once; later calls change nothing. */
export function scanInheritedLowFds(): void {
  if (inherited !== null) return;
  inherited = new Set();
  takeLowFdList();
  const list = launcherList;
  if (list === undefined || list === null) return;
  for (const word of list.split(',')) {
    const fd = Number(word);
    if (Number.isInteger(fd) && fd >= LOW && fd <= HIGH && loadAddon().fdGetDescriptorFlags(fd) >= 0) inherited.add(fd);
  }
}

/** Takes fd out of the registry: the descriptor, or undefined if not inherited or already taken. */
export function claimLowFd(fd: number): number | undefined {
  scanInheritedLowFds();
  if (inherited === null || !inherited.delete(fd)) return undefined;
  return fd;
}
