// spawn_vm{subprocess=...}: an actor in a process of its own.
//
//   parent (this file)                         child
//   socketpair(SEQPACKET) ── far end ───────▶  fd 4 of the init helper
//   config pipe (ETIC) ─────────────────────▶  fd 3
//   status pipe (ETIS) ◀─────────────────────  fd 5 (EOF = the host was exec'd)
//   init.arg ───────────────────────────────▶  fd 6
//
// The init helper (build/Release/emilua-ts-init) starts inside the asked
// namespaces (clone flags, through runtime/process), runs init.script, and
// execs the actor host: this node binary on the startup snapshot (or
// bundle/out/cli.js without one) with the argument --emilua-ts-subprocess-host
// (runtime/cli/subprocess-host.ts). The actor's environment is exactly
// subprocess.environment: the variables Node would act on while it starts
// (NODE_*, UV_*, OPENSSL_CONF) travel in the bootstrap and the host sets them
// before any Lua runs; the helper adds EMILUA_TS_IPC_FD=3 (and the two
// variables of init.script's held-back policies), which the host removes.
// Nothing else is added.
//
// The first datagrams on the socket are the bootstrap (which module to run),
// then messages in the codec's format. spawn_vm waits, without blocking the
// event loop, for the status pipe: a failure record raises a Lua error naming
// init.script and the message.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { lua, luaString, pushText, LuaState } from '../../lua/lua-api';
import { vmOf } from '../../fiber/vm-of';
import { prepareSuspension, suspend } from '../../fiber/suspension';
import { raiseGenericError, raiseSystemError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { loadAddon, addonCandidatePaths } from '../../native/load-addon';
import { ReadinessWatch, READABLE } from '../../io/readiness';
import { launch } from '../../process/launch';
import { encodeInitConfig, INIT_CONFIG_MAX_ITEMS } from '../../sandbox/init-config';
import { ambientFilter } from '../../sandbox/seccomp-policy/ambient';
import { decodeInitStatus, type InitFailure } from '../../sandbox/init-status';
import { systemCategory } from '../../errors/categories';
import { current } from '../thread-context';
import { pushChannel } from '../channel';
import { Endpoint } from '../ipc/endpoint';
import { seqpacketPair } from '../ipc/transport';
import { readSubprocessOptions } from '../subprocess-options';
import { superviseChild, killChild } from '../subprocess-children';
import { encodeBootstrap, readByNodeAtStart, LIBC_SERVICE_MARK, MAX_BOOTSTRAP_BYTES } from '../subprocess-bootstrap';

const SIGKILL = 9;
export const HOST_FLAG = '--emilua-ts-subprocess-host';
/** A pipe takes this much without a reader; a larger config would block the write. */
const CONFIG_PIPE_LIMIT = 65536;

function packageRoot(): string {
  return path.resolve(path.dirname(addonCandidatePaths().find((p) => fs.existsSync(p)) ?? ''), '..', '..');
}

/** argv of the actor host: node on the startup snapshot when this process runs from one. */
function hostArgv(): string[] {
  const i = process.execArgv.indexOf('--snapshot-blob');
  if (i >= 0 && i + 1 < process.execArgv.length) {
    return [process.execPath, '--snapshot-blob', path.resolve(process.execArgv[i + 1]), '--', HOST_FLAG];
  }
  return [process.execPath, path.join(packageRoot(), 'bundle', 'out', 'cli.js'), HOST_FLAG];
}

let ambientFilterBytes: Uint8Array | undefined;
function cachedAmbientFilter(): Uint8Array {
  ambientFilterBytes ??= ambientFilter();
  return ambientFilterBytes;
}

function closeAll(fds: number[]): void {
  for (const fd of fds) if (fd >= 0) loadAddon().fdClose(fd);
}

/** Spawns the actor of `moduleFile` (spawn_vm's options table at index 1). Returns like a Lua function. */
export function launchSubprocess(L: LuaState, moduleFile: string): number {
  lua.lua_settop(L, 1);
  lua.lua_getfield(L, 1, luaString('subprocess'));
  const options = readSubprocessOptions(L, 2);
  const addon = loadAddon();
  const helper = path.join(packageRoot(), 'build', 'Release', 'emilua-ts-init');
  // The init helper takes this many entries at most (init-script/config.h).
  if (options.environment.length > INIT_CONFIG_MAX_ITEMS) {
    return raiseGenericError(L, errnoCodes.E2BIG, { arg: 'subprocess.environment' });
  }
  const config = encodeInitConfig({
    pid1: options.pid1,
    hasArg: options.arg >= 0,
    deferPolicies: true,
    // Compiled (once) only for a script that may call it.
    ambientFilter: Buffer.from(options.script).includes('ambient_authority_off') ? cachedAmbientFilter() : undefined,
    script: options.script,
    path: process.execPath,
    argv: hostArgv(),
    env: options.environment.filter(([name]) => !readByNodeAtStart(name)),
  });
  const setByHost = options.environment.filter(([name]) => readByNodeAtStart(name));
  if (config.length > CONFIG_PIPE_LIMIT) {
    return raiseGenericError(L, errnoCodes.E2BIG, { arg: 'subprocess.init.script' });
  }
  // Checked before anything is created: a wait must be possible if there is no handshake.
  if (options.arg < 0) prepareSuspension(L, false);
  // The host reads at most MAX_BOOTSTRAP_BYTES of module sources: a larger
  // source_tree_cache is refused here rather than end the child unheard.
  const bootstrap = encodeBootstrap({
    module: moduleFile,
    sourceTree: options.sourceTree?.map(([file, source]) => [file, Buffer.from(source).toString('base64')]),
    environment: setByHost.length === 0 ? undefined
      : setByHost.map(([name, value]) => [Buffer.from(name).toString('base64'), Buffer.from(value).toString('base64')]),
    libcService: options.libcService !== undefined ? true : undefined,
  });
  if (bootstrap.reduce((sum, datagram) => sum + datagram.length - 1, 0) > MAX_BOOTSTRAP_BYTES) {
    return raiseGenericError(L, errnoCodes.E2BIG, { arg: 'subprocess.source_tree_cache' });
  }

  const pair = seqpacketPair();
  if (typeof pair === 'number') return raiseSystemError(L, -pair);
  const configPipe = addon.fdPipe(false);
  const statusPipe = addon.fdPipe(true);
  if (typeof configPipe === 'number' || typeof statusPipe === 'number') {
    closeAll([...pair, ...(typeof configPipe === 'number' ? [] : configPipe), ...(typeof statusPipe === 'number' ? [] : statusPipe)]);
    return raiseSystemError(L, errnoCodes.EMFILE);
  }
  // The helper and the host use blocking reads on these.
  addon.fdSetNonBlocking(pair[1], false);
  if (options.arg >= 0) addon.fdSetNonBlocking(options.arg, false);
  // The slave is consumed last, once nothing else can fail before the launch.
  let slaveFd = -1;
  if (options.libcService !== undefined) {
    const consumed = options.libcService.consume();
    if (typeof consumed !== 'number') {
      closeAll([...pair, ...configPipe, ...statusPipe]);
      return raiseSystemError(L, consumed.errno, { arg: 'subprocess.libc_service', detail: consumed.detail });
    }
    slaveFd = consumed;
  }
  addon.fdWrite(configPipe[1], config);
  addon.fdClose(configPipe[1]);

  const extraFds = new Map<number, number>([[3, configPipe[0]], [4, pair[1]], [5, statusPipe[1]]]);
  if (options.arg >= 0) extraFds.set(6, options.arg);
  const child = launch({
    program: { kind: 'path', path: Buffer.from(helper) },
    arguments: [Buffer.from('emilua-ts-init')],
    environment: [],
    stdio: options.stdio,
    extraFds,
    cloneFlags: options.cloneFlags,
  });
  closeAll([configPipe[0], pair[1], statusPipe[1]]);
  if (!('pid' in child)) {
    closeAll([pair[0], statusPipe[0], slaveFd]);
    return raiseSystemError(L, child.errno, { step: child.step });
  }

  const endpoint = new Endpoint(pair[0], 0);
  for (const datagram of bootstrap) endpoint.send(datagram, []);
  if (slaveFd >= 0) {
    endpoint.send(Uint8Array.of(LIBC_SERVICE_MARK), [slaveFd]);
    addon.fdClose(slaveFd);
  }

  const caller = vmOf(L);
  // With init.arg the script may wait for this actor (a handshake through
  // that descriptor, often using child_pid): spawn_vm returns at once, and a
  // later failure of the script closes the channel and is reported on
  // stderr. Without it, spawn_vm waits for the script's outcome.
  const handshake = options.arg >= 0;
  if (handshake) superviseChild(endpoint, child, caller.id);
  const fiber = handshake ? null : prepareSuspension(L, false);
  watchInitStatus(statusPipe[0], (failure) => {
    if (failure === null) {
      if (fiber === null) return;
      superviseChild(endpoint, child, caller.id);
      // The supervisor ended while the script ran (it was terminated): nobody
      // will receive the channel, so the child goes as its supervisor's would.
      if (caller.terminated) {
        killChild(endpoint.address, SIGKILL);
        return;
      }
      caller.scheduler.wake(fiber, (L2) => {
        pushChannel(L2, endpoint.address, current().actorOf(vmOf(L2)), true);
        return 1;
      });
      return;
    }
    const text = describeFailure(failure);
    if (fiber === null) {
      endpoint.markClosed();
      process.stderr.write(`emilua-ts: spawn_vm: ${text}\n`);
      return;
    }
    // Nobody holds the endpoint: this closes its socket. The helper has exited (or will): reap it.
    endpoint.retain();
    endpoint.release();
    child.wait(() => {});
    caller.scheduler.wake(fiber, (L2) => {
      pushText(L2, text);
      return lua.lua_error(L2);
    });
  });
  if (fiber === null) {
    pushChannel(L, endpoint.address, current().actorOf(caller), true);
    return 1;
  }
  return suspend(L, fiber, { cancellable: false });
}

function describeFailure(failure: InitFailure): string {
  const why = failure.errno !== 0 ? `: ${systemCategory.message(failure.errno)}` : '';
  switch (failure.stage) {
    case 'script-call':
      return `init.script: ${failure.message} failed${why}`;
    case 'script-error':
      return failure.message.startsWith('init.script') ? failure.message : `init.script: ${failure.message}`;
    default:
      return `init helper (${failure.stage}): ${failure.message}${why}`;
  }
}

/** Reads the status pipe to end of file without blocking, then calls `done` once. */
function watchInitStatus(fd: number, done: (failure: InitFailure | null) => void): void {
  const addon = loadAddon();
  const chunks: Buffer[] = [];
  const buffer = new Uint8Array(2048);
  let total = 0;
  const watch = new ReadinessWatch(fd, () => {
    for (;;) {
      const n = addon.fdRead(fd, buffer);
      if (n === -errnoCodes.EAGAIN) {
        if (watch.arm(READABLE) >= 0) return;
      } else if (n > 0 && total <= 4096) {
        chunks.push(Buffer.from(buffer.subarray(0, n)));
        total += n;
        continue;
      }
      watch.dispose();
      addon.fdClose(fd);
      done(decodeInitStatus(Buffer.concat(chunks)));
      return;
    }
  });
  watch.arm(READABLE);
}
