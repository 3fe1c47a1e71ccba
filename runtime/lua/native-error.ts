// What a JavaScript exception thrown inside a builtin becomes: a Lua error,
// never a crash of the process.

import { lua, pushText, LuaJsFunction } from './lua-api';

/** Raised by system.exit() in a VM other than the first: only that VM ends. */
export class VmExited extends Error {}

const OUT_OF_MEMORY = [
  /^Array buffer allocation failed/, /^Invalid typed array length/, /^Invalid array buffer length/,
  /^Map maximum size exceeded/, /^Invalid string length/, /^Invalid array length/,
];

function isOutOfMemory(err: unknown): boolean {
  return err instanceof RangeError && OUT_OF_MEMORY.some((pattern) => pattern.test(err.message));
}

/** fengari's lua_atnativeerror handler of every VM's state. */
export const nativeErrorToLua: LuaJsFunction = (L) => {
  const err = lua.lua_touserdata(L, 1) as unknown;
  if (err instanceof VmExited) {
    // system.exit() in an actor unwinds its fiber; nothing of the VM runs again.
    pushText(L, err.message);
    return 1;
  }
  if (isOutOfMemory(err)) {
    // An array buffer (a string, a byte_span) larger than the process can
    // hold, or a table past the size a JavaScript Map can have: Lua's answer.
    pushText(L, 'not enough memory');
    return 1;
  }
  const message = err instanceof Error ? err.message : String(err);
  if (process.env.EMILUA_TS_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? message}\n`);
  pushText(L, `internal error in emilua-ts: ${message}`);
  return 1;
};
