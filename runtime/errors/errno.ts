// errno values on their way to Lua: the errno of an exception thrown by
// Node's fs functions, and the `value | -errno` results of the native addon
// (runtime/native/addon-api.ts), raised as the system error Emilua raises.

import type { LuaState } from '../lua/lua-api';
import { raiseSystemError } from './error-object';
import { errnoCodes } from './categories';

/**
 * The errno of an exception thrown by Node's fs functions; rethrows anything
 * else. Node refuses paths with a NUL byte inside (they cannot reach the
 * kernel intact): that is EINVAL here.
 */
export function errnoOf(err: unknown): number {
  if (err !== null && typeof err === 'object') {
    const { errno, code, message } = err as { errno?: unknown; code?: unknown; message?: unknown };
    if (typeof errno === 'number' && errno !== 0) return Math.abs(errno);
    if (typeof code === 'string' && Object.hasOwn(errnoCodes, code)) return errnoCodes[code];
    if (code === 'ERR_INVALID_ARG_VALUE' && typeof message === 'string' && message.includes('null bytes')) {
      return errnoCodes.EINVAL;
    }
  }
  throw err;
}

/** A native result: a negative value raises the system error of -value; any other is returned. */
export function checkResult(L: LuaState, result: number): number {
  return result < 0 ? raiseSystemError(L, -result) : result;
}
