// How a message's value crosses between threads. postMessage() clones its
// argument with V8's serializer, which recurses once per level of nesting
// and fails ("Maximum call stack size exceeded") at a depth that depends on
// the stack left on each side: on the sending side it throws, on the
// receiving side the message is dropped with only a 'messageerror' event.
// So a nested value never travels as a tree: it is laid out flat, in
// pre-order, as a list of shape codes and a list of leaves, which the
// serializer copies without recursing, and rebuilt on the receiving thread
// with an explicit stack.
//
//   codes   ARRAY n: an array of n items follows; OBJECT n: n members
//           follow, each a key (a leaf) then a value; LEAF: the next leaf
//   leaves  numbers, booleans, strings (Uint8Array), addresses, descriptors
//
// The sending side refuses a table nested deeper than MESSAGE_DEPTH_LIMIT
// at send (message-copy.ts); the receiving side checks the same limit when
// it rebuilds the value, so both sides agree on what can travel.

import {
  MESSAGE_DEPTH_LIMIT, isContainer, type Structured, type StructuredAddress, type StructuredArray,
  type StructuredFd, type StructuredObject,
} from './message';

type Leaf = number | boolean | Uint8Array | StructuredAddress | StructuredFd;

/** A container laid out flat. */
export interface FlatValue {
  readonly kind: 'flat';
  readonly codes: number[];
  readonly leaves: Leaf[];
}

/** What a message's value is between threads: a leaf as it is, a container flat. */
export type WireValue = Leaf | FlatValue;

const LEAF = 0;
const ARRAY = 1;
const OBJECT = 2;

/** The rebuilt value breaks the shared depth limit or is not well formed. */
export class WireFormatError extends Error {}

export function toWire(value: Structured): WireValue {
  if (!isContainer(value)) return value;
  const codes: number[] = [];
  const leaves: Leaf[] = [];
  // Each entry: a container and the next of its items to lay out.
  const stack: { container: StructuredArray | StructuredObject; next: number }[] = [];
  const visit = (item: Structured): void => {
    if (!isContainer(item)) {
      codes.push(LEAF);
      leaves.push(item);
      return;
    }
    if (item.kind === 'array') codes.push(ARRAY, item.items.length);
    else codes.push(OBJECT, item.keys.length);
    stack.push({ container: item, next: 0 });
  };
  visit(value);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const c = top.container;
    const size = c.kind === 'array' ? c.items.length : c.keys.length;
    if (top.next >= size) {
      stack.pop();
      continue;
    }
    const i = top.next++;
    if (c.kind === 'array') {
      visit(c.items[i]);
    } else {
      leaves.push(c.keys[i]);
      visit(c.values[i]);
    }
  }
  return { kind: 'flat', codes, leaves };
}

function isFlat(value: WireValue): value is FlatValue {
  return typeof value === 'object' && !(value instanceof Uint8Array) && value.kind === 'flat';
}

/**
 * Rebuilds the value sent by toWire(). Throws WireFormatError when it is
 * nested deeper than MESSAGE_DEPTH_LIMIT or its codes do not match its leaves.
 */
export function fromWire(value: WireValue): Structured {
  if (!isFlat(value)) return value;
  const { codes, leaves } = value;
  let code = 0;
  let leaf = 0;
  const nextLeaf = (): Leaf => {
    if (leaf >= leaves.length) throw new WireFormatError('more items than leaves');
    return leaves[leaf++];
  };
  // Each entry: a container being filled and how many items it still needs.
  const stack: { container: StructuredArray | StructuredObject; left: number }[] = [];
  const read = (): Structured | StructuredArray | StructuredObject => {
    const kind = codes[code++];
    if (kind === LEAF) return nextLeaf();
    const size = codes[code++];
    if ((kind !== ARRAY && kind !== OBJECT) || !Number.isInteger(size) || size < 0) {
      throw new WireFormatError('bad shape code');
    }
    if (stack.length >= MESSAGE_DEPTH_LIMIT) {
      throw new WireFormatError(`nested deeper than ${MESSAGE_DEPTH_LIMIT} levels`);
    }
    const container: StructuredArray | StructuredObject = kind === ARRAY
      ? { kind: 'array', items: [] }
      : { kind: 'object', keys: [], values: [] };
    stack.push({ container, left: size });
    return container;
  };
  const root = read();
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.left === 0) {
      stack.pop();
      continue;
    }
    top.left--;
    const c = top.container;
    if (c.kind === 'array') {
      c.items.push(read());
    } else {
      const key = nextLeaf();
      if (!(key instanceof Uint8Array)) throw new WireFormatError('a key that is not a string');
      c.keys.push(key);
      c.values.push(read());
    }
  }
  if (code !== codes.length || leaf !== leaves.length) throw new WireFormatError('trailing codes or leaves');
  return root;
}
