// Errors of I/O objects that are not errno values: Boost.Asio's "misc"
// category, which Emilua raises for end of file (read_some on a stream whose
// other end is closed) and for assign() on an object that is already open.

import type { LuaState } from '../lua/lua-api';
import { lua } from '../lua/lua-api';
import { pushError } from '../errors/error-object';
import type { Category } from '../errors/categories';

const MISC_MESSAGES = new Map<number, string>([
  [1, 'Already open'],
  [2, 'End of file'],
  [3, 'Element not found'],
  [4, "The descriptor does not fit into the select call's fd_set"],
]);

export const asioMiscCategory: Category = {
  name: 'asio.misc',
  message: (code) => MISC_MESSAGES.get(code) ?? 'asio.misc error',
};

export const MISC_ALREADY_OPEN = 1;
export const MISC_EOF = 2;

export function pushEofError(L: LuaState): void {
  pushError(L, asioMiscCategory, MISC_EOF);
}

export function raiseEofError(L: LuaState): never {
  pushEofError(L);
  return lua.lua_error(L) as never;
}

export function raiseAlreadyOpen(L: LuaState): never {
  pushError(L, asioMiscCategory, MISC_ALREADY_OPEN);
  return lua.lua_error(L) as never;
}
