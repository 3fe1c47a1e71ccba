// The one typed declaration of everything the native addon
// (native/addon/, target emilua_ts_native in binding.gyp) exports.
//
// It is split like the C++ sources: api/<file>.ts declares the functions of
// native/addon/<file>.cc (an interface with each function's contract, and
// the list of its names, which the compiler checks against the interface).
// NativeAddon joins the interfaces; NATIVE_ADDON_FUNCTIONS joins the lists,
// for the loader to reject a stale build. Adding a function touches its .cc
// file (the function and one row of its Register table) and its api/ file.
//
// Convention: the addon performs syscalls and returns plain values; failures
// come back as a negative errno (-EINVAL, ...) rather than exceptions. It only
// throws TypeError when called with arguments of the wrong type. Policy,
// validation and messages belong to the TypeScript callers.

import { FD_FUNCTIONS, type FdApi } from './api/fd';
import { FD_ASYNC_FUNCTIONS, type FdAsyncApi } from './api/fd-async';
import { FD_POLL_FUNCTIONS, type FdPollApi } from './api/fd-poll';
import { FEATURES_FUNCTIONS, type FeaturesApi } from './api/features';
import { FILE_FUNCTIONS, type FileApi } from './api/file';
import { FILESYSTEM_FUNCTIONS, type FilesystemApi } from './api/filesystem';
import { LANDLOCK_FUNCTIONS, type LandlockApi } from './api/landlock';
import { NET_FUNCTIONS, type NetApi } from './api/net';
import { PROCESS_FUNCTIONS, type ProcessApi } from './api/process';
import { SPAWN_FUNCTIONS, type SpawnApi } from './api/spawn';
import { PROC_CONTROL_FUNCTIONS, type ProcControlApi } from './api/proc-control';
import { SOCKET_FUNCTIONS, type SocketApi } from './api/socket';
import { SOCKET_TRANSFER_FUNCTIONS, type SocketTransferApi } from './api/socket-transfer';
import { STRERROR_FUNCTIONS, type StrerrorApi } from './api/strerror';

export type { RecvFdsResult } from './api/socket-transfer';
export type { SpawnRequest } from './api/spawn';

export interface NativeAddon
  extends StrerrorApi,
    FeaturesApi,
    LandlockApi,
    FdApi,
    FdAsyncApi,
    FdPollApi,
    ProcessApi,
    SpawnApi,
    ProcControlApi,
    SocketApi,
    SocketTransferApi,
    NetApi,
    FilesystemApi,
    FileApi {}

// Typed as a record of every NativeAddon key: a group left out fails to compile.
const ALL_FUNCTIONS: Record<keyof NativeAddon, true> = {
  ...STRERROR_FUNCTIONS,
  ...FEATURES_FUNCTIONS,
  ...LANDLOCK_FUNCTIONS,
  ...FD_FUNCTIONS,
  ...FD_ASYNC_FUNCTIONS,
  ...FD_POLL_FUNCTIONS,
  ...PROCESS_FUNCTIONS,
  ...SPAWN_FUNCTIONS,
  ...PROC_CONTROL_FUNCTIONS,
  ...SOCKET_FUNCTIONS,
  ...SOCKET_TRANSFER_FUNCTIONS,
  ...NET_FUNCTIONS,
  ...FILESYSTEM_FUNCTIONS,
  ...FILE_FUNCTIONS,
};

/** Names of every function in {@link NativeAddon}. */
export const NATIVE_ADDON_FUNCTIONS = Object.freeze(Object.keys(ALL_FUNCTIONS) as (keyof NativeAddon)[]);
