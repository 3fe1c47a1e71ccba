// How filesystem operations fail. Node's fs functions and the addon report
// errno values; sys() turns either into a value or a SysFailure, and
// raiseFsError() raises the error object Emilua raises: the errno, plus
// `path1`/`path2` fields holding the paths involved.
//
// Category: Emilua's functions built on std::filesystem report errors in
// the generic category (that is what libstdc++ uses for them); the ones that
// call a POSIX function directly (mkdir, mknod, chown, chroot, open...)
// report them in the system category. The codes and messages are the same.

import { lua, luaString, LuaState } from '../../lua/lua-api';
import { pushError } from '../../errors/error-object';
import { genericCategory, systemCategory, Category } from '../../errors/categories';
import { pushPath } from '../../io/path-object';
import { errnoOf } from '../../errors/errno';
import type { BytePath } from '../../io/path-logic';

export class SysFailure {
  constructor(readonly errno: number) {}
}

/** Runs a Node fs call; a failed syscall becomes a SysFailure (never raise inside `run`). */
export function sys<T>(run: () => T): T | SysFailure {
  try {
    return run();
  } catch (err) {
    return new SysFailure(errnoOf(err));
  }
}

/** An addon result: a negative value is -errno. */
export function native(result: number): number | SysFailure {
  return result < 0 ? new SysFailure(-result) : result;
}

/**
 * A call libc_service answered (runtime/io/libc-service/gate.ts): its
 * value, or a SysFailure for -errno; undefined when the caller must make
 * the call itself.
 */
export function served(result: number | undefined): number | SysFailure | undefined {
  if (result === undefined) return undefined;
  return result < 0 ? new SysFailure(-result) : result;
}

export type Flavour = 'generic' | 'system';

function categoryOf(flavour: Flavour): Category {
  return flavour === 'generic' ? genericCategory : systemCategory;
}

export function raiseFsError(L: LuaState, flavour: Flavour, errno: number, path1?: BytePath, path2?: BytePath): never {
  pushError(L, categoryOf(flavour), errno);
  if (path1 !== undefined) {
    pushPath(L, path1);
    lua.lua_setfield(L, -2, luaString('path1'));
  }
  if (path2 !== undefined) {
    pushPath(L, path2);
    lua.lua_setfield(L, -2, luaString('path2'));
  }
  return lua.lua_error(L) as never;
}

/** The value of `result`, or the error raised for its failure. */
export function check<T>(L: LuaState, result: T | SysFailure, flavour: Flavour, path1?: BytePath, path2?: BytePath): T {
  if (result instanceof SysFailure) return raiseFsError(L, flavour, result.errno, path1, path2);
  return result;
}
