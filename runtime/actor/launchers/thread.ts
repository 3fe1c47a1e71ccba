// An actor on a thread of its own (spawn_vm with inherit_context=false): the
// hub starts a worker thread (worker-launch.ts) whose first VM runs the root
// module with _CONTEXT='worker'; messages go through transports/thread.ts.
// The module is compiled here first, so a module that cannot load raises in
// the caller as it does on the same thread.

import * as fs from 'node:fs';
import { lua, lauxlib, luaString, toText, LuaState } from '../../lua/lua-api';
import { allocateThreadId, allocateVmId, handOverMasterRole } from '../process-state';
import { pushChannel } from '../channel';
import { raiseStartFailure, type ActorLaunch } from './launch';

/** Whether a module compiles, checked before a worker thread is started for it. */
function compileError(file: string): string | null {
  let source: Buffer;
  try {
    source = fs.readFileSync(file);
  } catch (err) {
    return `${file}: ${(err as Error).message}`;
  }
  const text = source[0] === 0x23 ? Buffer.concat([Buffer.from('--'), source]) : source;
  const L = lauxlib.luaL_newstate();
  try {
    const status = lauxlib.luaL_loadbufferx(L, text, text.length, luaString('@' + file), luaString('t'));
    return status === lua.LUA_OK ? null : toText(L, -1);
  } finally {
    lua.lua_close(L);
  }
}

/** Starts the thread and pushes the caller's channel to its actor. */
export function launchOnNewThread(L: LuaState, launch: ActorLaunch): number {
  const { caller, callerActor, thread, file, importer, options } = launch;
  const failure = compileError(file);
  if (failure !== null) return raiseStartFailure(L, failure);
  const vmId = allocateVmId();
  const address = thread.spawnThread({
    thread: allocateThreadId(),
    vm: vmId,
    from: thread.id,
    rootFile: file,
    rootImporter: importer,
    searchDirs: caller.options.searchDirs,
    colors: caller.options.colors,
    arguments: caller.options.arguments,
    concurrencyHint: options.concurrencyHint,
  });
  if (options.newMaster) handOverMasterRole(caller.id, vmId);
  // spawnThread() counted this channel already.
  pushChannel(L, address, callerActor, false);
  return 1;
}
