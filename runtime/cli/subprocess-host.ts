// The actor host of a subprocess actor: what the init helper execs (node
// on the startup snapshot, argument --emilua-ts-subprocess-host; see
// runtime/actor/launch-subprocess.ts). Its socket to the parent is the fd
// named by EMILUA_TS_IPC_FD (3), the only variable the runtime adds to the
// environment the spawner chose; it is removed before any Lua runs.
//
// It reads the bootstrap (which module), then runs one VM with
// _CONTEXT='worker' whose inbox receives from that socket
// (runtime/actor/ipc/ingress.ts). The process exits when its VM has ended.

import { isatty } from 'node:tty';
import { readFileSync } from 'node:fs';
import { Vm } from '../vm/vm';
import { loadAddon } from '../native/load-addon';
import { writeAllSync } from '../lua/print';
import { searchPathFromEnv } from '../lua/module-resolver';
import { current } from '../actor/thread-context';
import { Ingress, inboxTarget } from '../actor/ipc/ingress';
import { readBootstrap, LIBC_SERVICE_MARK } from '../actor/subprocess-bootstrap';
import { install as installLibcService } from '../io/libc-service/gate';
import { errnoCodes } from '../errors/categories';
import { colorsEnabled } from './options';
import { takeHeldBack, applyHeldBack } from './held-back-policies';

export const IPC_FD_VARIABLE = 'EMILUA_TS_IPC_FD';

/**
 * The slave socket of subprocess.libc_service: the datagram after the
 * bootstrap (runtime/actor/subprocess-bootstrap.ts). Installed before the VM
 * exists, so only the actor's own calls are served, never the host's start.
 */
function receiveLibcService(fd: number): boolean {
  const addon = loadAddon();
  const buffer = new Uint8Array(2);
  for (;;) {
    const got = addon.sockRecvFds(fd, buffer, 1, 0, true);
    if (got === -errnoCodes.EAGAIN && addon.sockPollWait(fd, 1, -1) >= 0) continue;
    if (typeof got === 'number' || got[0] !== 1 || buffer[0] !== LIBC_SERVICE_MARK || got.length !== 5) {
      if (typeof got !== 'number') for (const extra of got.slice(4) as number[]) addon.fdClose(extra);
      process.stderr.write('emilua-ts: subprocess host: no libc_service socket after the bootstrap\n');
      return false;
    }
    installLibcService(got[4] as number);
    return true;
  }
}

export function runSubprocessHost(): void {
  const fd = Number(process.env[IPC_FD_VARIABLE]);
  delete process.env[IPC_FD_VARIABLE];
  if (!Number.isInteger(fd) || fd < 3) {
    process.stderr.write('emilua-ts: --emilua-ts-subprocess-host is internal (no IPC socket)\n');
    process.exitCode = 2;
    return;
  }
  const held = takeHeldBack();
  const addon = loadAddon();
  addon.fdSetCloseOnExec(fd);
  if (held === 'malformed') {
    process.stderr.write('emilua-ts: the init helper handed over policies without their descriptors\n');
    process.exitCode = 1;
    return;
  }
  let bootstrap;
  try {
    bootstrap = readBootstrap((buffer) => addon.fdRead(fd, buffer));
  } catch (err) {
    process.stderr.write(`emilua-ts: ${(err as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  // What Node would have acted on at start-up is only a variable now.
  for (const [name, value] of bootstrap.environment ?? []) {
    process.env[Buffer.from(name, 'base64').toString()] = Buffer.from(value, 'base64').toString();
  }
  if (bootstrap.libcService === true && !receiveLibcService(fd)) {
    process.exitCode = 1;
    return;
  }
  // spawn_vm{subprocess={...}} without a module: the process existed for its
  // init.script; there is no VM to start (Emilua's child fails the same way).
  if (bootstrap.module === '') {
    process.stderr.write('emilua-ts: subprocess actor: no module to run\n');
    process.exitCode = 1;
    return;
  }
  // The root module is read before init.script's held-back policies apply:
  // a Landlock domain without rules may not let us read it afterwards.
  let rootSource: Uint8Array | undefined;
  if (held !== null) {
    rootSource = readRootModule(bootstrap.module, bootstrap.sourceTree !== undefined);
    if (!applyHeldBack(addon, held)) {
      process.exitCode = 1;
      return;
    }
  }
  const vm = new Vm({
    rootFile: bootstrap.module,
    rootSource,
    context: 'worker',
    searchDirs: searchPathFromEnv(process.env.EMILUA_PATH),
    colors: colorsEnabled(process.env, () => isatty(2), (text) => writeAllSync(2, Buffer.from(text))),
    arguments: [Buffer.from('emilua-ts'), Buffer.from(bootstrap.module)],
    sourceTree: bootstrap.sourceTree === undefined
      ? undefined
      : new Map(bootstrap.sourceTree.map(([file, source]) => [file, Buffer.from(source, 'base64')])),
  });
  const actor = current().actorOf(vm);
  new Ingress(fd, inboxTarget(actor));
  process.on('exit', () => vm.finalize());
  process.once('beforeExit', () => process.exit());
  vm.start();
}

function readRootModule(module: string, hasSourceTree: boolean): Uint8Array | undefined {
  if (hasSourceTree) return undefined;
  try {
    return readFileSync(module);
  } catch {
    // Not readable now: the loader reports it the usual way.
    return undefined;
  }
}
