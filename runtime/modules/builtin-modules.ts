// Core modules a script can require() by name. Each opener pushes the module's
// value. Modules of Emilua that emilua-ts does not have yet raise an error that
// names them, rather than "Module not found" (docs/compat.md lists them).

import { lauxlib, luaString, LuaState } from '../lua/lua-api';
import { openSystemModule } from './system';
import { openGenericErrorModule } from './generic_error';
import { openTimeModule } from './time';
import { openByteSpanModule } from './byte_span';
import { openMutexModule } from './mutex';
import { openRecursiveMutexModule } from './recursive_mutex';
import { openConditionVariableModule } from './condition_variable';
import { openFutureModule } from './future';
import { openFilesystemModule } from './filesystem';
import { openFileModule } from './file';
import { openFileDescriptorModule } from './file_descriptor';
import { openInboxModule } from './inbox';
import { openPipeModule } from './pipe';
import { openStreamModule } from './stream';
import { openUnixModule } from './unix';
import { openIpModule } from './ip';
import { openRegexModule } from './regex';

type Opener = (L: LuaState) => void;

const openers = new Map<string, Opener>([
  ['system', openSystemModule],
  ['generic_error', openGenericErrorModule],
  ['time', openTimeModule],
  ['byte_span', openByteSpanModule],
  ['mutex', openMutexModule],
  ['recursive_mutex', openRecursiveMutexModule],
  ['condition_variable', openConditionVariableModule],
  ['future', openFutureModule],
  ['filesystem', openFilesystemModule],
  ['file', openFileModule],
  ['file_descriptor', openFileDescriptorModule],
  ['inbox', openInboxModule],
  ['pipe', openPipeModule],
  ['stream', openStreamModule],
  ['unix', openUnixModule],
  ['ip', openIpModule],
  ['regex', openRegexModule],
]);

/** Emilua 0.11 core modules that are not built yet. */
const NOT_YET_BUILT = new Set([
  'tls', 'serial_port', 'libc_service', 'asio_error', 'linux_capabilities',
]);

export function registerBuiltinModule(name: string, opener: Opener): void {
  openers.set(name, opener);
}

/** The names of the core modules that are built (for the API reference test). */
export function builtModuleNames(): string[] {
  return [...openers.keys()];
}

export function isBuiltinModule(name: string): boolean {
  return openers.has(name) || NOT_YET_BUILT.has(name);
}

export function openBuiltinModule(L: LuaState, name: string): void {
  const opener = openers.get(name);
  if (opener === undefined) {
    lauxlib.luaL_error(L, luaString(`module '${name}' is not implemented in emilua-ts yet`));
    return;
  }
  opener(L);
}
