// Error categories as Emilua has them: "system" (errno values, glibc's text),
// "generic" (the portable POSIX codes, same numbering on Linux) and Emilua's
// own runtime errors.

import { constants } from 'node:os';
import { loadAddon } from '../native/load-addon';

export interface Category {
  readonly name: string;
  message(code: number): string;
}

const messageCache = new Map<number, string>();

function errnoMessage(code: number): string {
  let text = messageCache.get(code);
  if (text === undefined) {
    text = loadAddon().strerror(code);
    messageCache.set(code, text);
  }
  return text;
}

export const systemCategory: Category = { name: 'system', message: errnoMessage };
export const genericCategory: Category = { name: 'generic', message: errnoMessage };

/** Errno names (EINVAL, ...) to Linux numbers. */
export const errnoCodes: Readonly<Record<string, number>> = constants.errno;

/** Emilua's own runtime errors; the texts are the ones Emilua prints. */
export const runtimeErrors = {
  invalid_module_name: [1, 'Cannot have a module with this name'],
  leaf_cannot_import_child: [2, 'A leaf module cannot import child modules'],
  root_cannot_import_parent: [3, "The root module doesn't have a parent and can't reference one"],
  module_not_found: [4, 'Module not found'],
  cyclic_import: [5, "The module you're trying to import has a dependency on the current module (and it is partially loaded already)"],
  only_main_fiber_may_import: [6, 'You can only import modules from the main fiber'],
  channel_closed: [7, 'Channel closed'],
  no_senders: [8, 'Broadcast the address before attempting to receive on it'],
  fiber_canceled: [10, 'Fiber canceled'],
  suspension_not_allowed: [11, 'EPERM within a forbid-suspend block'],
  not_implemented: [12, 'Not implemented in emilua-ts'],
  broken_promise: [13, 'Broken promise'],
  promise_already_satisfied: [14, 'Promise already satisfied'],
  bad_index: [15, "Requested key wasn't found in the table/userdata"],
  bad_coroutine: [16, 'The fiber coroutine is reserved to the scheduler'],
  suspension_already_allowed: [17, 'Suspension already allowed'],
  interruption_already_allowed: [18, 'Interrupt-ability already allowed'],
  unmatched_scope_cleanup: [19, 'scope_cleanup_pop() called w/o a matching scope_cleanup_push()'],
} as const;

export type RuntimeErrorName = keyof typeof runtimeErrors;

const runtimeMessages = new Map<number, string>(Object.values(runtimeErrors).map(([code, text]) => [code, text]));

export const runtimeCategory: Category = {
  name: 'emilua.core',
  message: (code) => runtimeMessages.get(code) ?? `Unknown error ${code}`,
};
