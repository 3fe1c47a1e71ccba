// An actor on a thread of its own (spawn_vm with inherit_context=false): the
// hub starts a worker thread (worker-launch.ts) whose first VM runs the root
// module with _CONTEXT='worker'; messages go through transports/thread.ts.
// The module is compiled here first, so a module that cannot load raises in
// the caller as it does on the same thread. The caller's fiber then waits
// until the thread runs (hub.ts): a thread that cannot start (no descriptors
// left, no memory for another isolate) makes spawn_vm raise that errno
// (EAGAIN when Node names none, as std::thread's failure reads in Emilua),
// rather than hand out a channel whose messages would go nowhere.

import * as fs from 'node:fs';
import { lua, lauxlib, luaString, toText, LuaState } from '../../lua/lua-api';
import { allocateThreadId, allocateVmId, handOverMasterRole } from '../process-state';
import { pushChannel } from '../channel';
import { raiseStartFailure, type ActorLaunch } from './launch';
import { prepareSuspension, suspend } from '../../fiber/suspension';
import { vmOf } from '../../fiber/vm-of';
import { raiseSystemError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import type { SpawnFailure } from '../hub-protocol';

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

/** Starts the thread, waits until it runs, and pushes the caller's channel to its actor. */
export function launchOnNewThread(L: LuaState, launch: ActorLaunch): number {
  const { caller, callerActor, thread, file, importer, options } = launch;
  const fiber = prepareSuspension(L, false);
  const failure = compileError(file);
  if (failure !== null) return raiseStartFailure(L, failure);
  const vmId = allocateVmId();
  const scheduler = vmOf(L).scheduler;
  // Set when the caller's VM ends before the answer: the channel is let go.
  let abandoned = false;
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
  }, (startFailure) => {
    if (abandoned) {
      if (startFailure === null) thread.release(address);
      return;
    }
    scheduler.wake(fiber, (L) => {
      if (startFailure !== null) return raiseThreadFailure(L, startFailure);
      if (options.newMaster) handOverMasterRole(caller.id, vmId);
      // spawnThread() counted this channel already.
      pushChannel(L, address, callerActor, false);
      return 1;
    });
  });
  return suspend(L, fiber, {
    cancellable: false,
    cancel() {
      abandoned = true;
    },
  });
}

function raiseThreadFailure(L: LuaState, failure: SpawnFailure): never {
  const known = failure.code !== null && Object.prototype.hasOwnProperty.call(errnoCodes, failure.code);
  const errno = known ? errnoCodes[failure.code as string] : errnoCodes.EAGAIN;
  return raiseSystemError(L, errno, { reason: `the actor thread could not start: ${failure.message}` });
}
