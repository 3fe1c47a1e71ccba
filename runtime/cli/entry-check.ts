// The checks at the door: before a VM starts, the script named on the command
// line must be something Lua can run. Each refusal is one line naming the
// path and the reason, so a typo or a wrong file never shows a JS stack or a
// Lua syntax error about bytes that were never Lua.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { systemCategory } from '../errors/categories';

/** How much of a regular file is read to tell a binary file from Lua source. */
const SNIFF_BYTES = 4096;

export type EntryCheck =
  | { readonly ok: true; readonly file: string }
  | { readonly ok: false; readonly message: string };

function errnoText(err: unknown): string {
  const errno = (err as NodeJS.ErrnoException).errno;
  return systemCategory.message(typeof errno === 'number' && errno < 0 ? -errno : 5);
}

/**
 * Lua source never holds a NUL byte outside of string escapes, and a leading
 * ESC is a precompiled chunk, which the loader refuses (text mode only).
 */
function looksBinary(head: Buffer): boolean {
  return (head.length > 0 && head[0] === 0x1b) || head.includes(0);
}

/** Opens and sniffs `file`; reports why it cannot be run, or null. */
function unreadableReason(file: string): string | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    return errnoText(err);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) return 'it is a directory';
    // Pipes and terminals (emilua-ts <(...)) are not sniffed: reading would consume them.
    if (!stat.isFile()) return null;
    const head = Buffer.alloc(SNIFF_BYTES);
    const n = fs.readSync(fd, head, 0, SNIFF_BYTES, 0);
    if (looksBinary(head.subarray(0, n))) return 'it is a binary file, not Lua source';
    return null;
  } catch (err) {
    return errnoText(err);
  } finally {
    fs.closeSync(fd);
  }
}

/** The file the root module is loaded from, or the one line saying why there is none. */
export function checkEntry(script: string): EntryCheck {
  let isDirectory = false;
  try {
    isDirectory = fs.statSync(script).isDirectory();
  } catch (err) {
    return { ok: false, message: `cannot run '${script}': ${errnoText(err)}` };
  }
  if (isDirectory) {
    const init = path.join(script, 'init.lua');
    if (!fs.existsSync(init)) {
      return { ok: false, message: `cannot run '${script}': a directory runs its init.lua, and it has none` };
    }
    const reason = unreadableReason(init);
    return reason === null ? { ok: true, file: init } : { ok: false, message: `cannot run '${init}': ${reason}` };
  }
  const reason = unreadableReason(script);
  return reason === null ? { ok: true, file: script } : { ok: false, message: `cannot run '${script}': ${reason}` };
}
