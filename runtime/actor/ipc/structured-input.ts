// The in-process copier's structured form (../message.ts) as codec input,
// for a message captured before its destination was known to be another
// process. The copier has already dropped what it cannot copy (functions
// inside tables, non-string keys of objects), so this form can pass where
// readIpcInput() (lua-input.ts) would refuse: senders to a subprocess should
// read the Lua value with readIpcInput().

import type { ActorAddress, Structured } from '../message';
import type { IpcInput, IpcInputItem } from './value';

/** `addressFd` gives the descriptor that carries an address (-1 while only validating). */
export function fromStructured(value: Structured, addressFd: (address: ActorAddress) => number): IpcInput {
  const leaf = (v: Structured): IpcInputItem => {
    if (typeof v !== 'object' || v instanceof Uint8Array) return v;
    switch (v.kind) {
      case 'fd':
        return { kind: 'fd', fd: v.fd };
      case 'address':
        return { kind: 'address', fd: addressFd(v.address) };
      case 'array':
      case 'object':
        return { kind: 'table', hasMetatable: false, entries: [] };
    }
  };
  if (typeof value !== 'object' || value instanceof Uint8Array || value.kind === 'fd' || value.kind === 'address') {
    return leaf(value);
  }
  if (value.kind === 'array') {
    return { kind: 'table', hasMetatable: false, entries: value.items.map((v, i) => [i + 1, leaf(v)] as const) };
  }
  return { kind: 'table', hasMetatable: false, entries: value.keys.map((k, i) => [k, leaf(value.values[i])] as const) };
}
