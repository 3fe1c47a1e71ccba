// An actor in a subprocess (spawn_vm with the subprocess option): a sandboxed
// child process whose VM talks to this one over a socket, with the IPC codec
// of runtime/actor/ipc/. Not implemented yet: the option raises a Lua error
// that says so (docs/compat.md), before the module is even resolved.

import { lauxlib, luaString, LuaState } from '../../lua/lua-api';

export function launchSubprocess(L: LuaState): never {
  return lauxlib.luaL_error(L, luaString(
    'spawn_vm: subprocess actors (the subprocess option) are not implemented in emilua-ts yet')) as never;
}
