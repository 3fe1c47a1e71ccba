// Emilua's global format(): libfmt's format-string syntax over Lua values.
// Lua strings are bytes, so everything here works on byte strings (one JS
// char per byte) and only converts at the Uint8Array boundary.

import { emptySpec, FormatError, parseArgId, parseSpec, type ArgRef } from './format-spec';
import { formatValue, isInteger, type Value } from './format-value';

export { FormatError } from './format-spec';

export type FormatScalar = boolean | number | Uint8Array;
/** A `{name, value}` pair from Lua: usable as `{name}` and by position. */
export interface NamedArg {
  name: Uint8Array;
  value: FormatScalar;
}
export type FormatArg = FormatScalar | NamedArg;

const INT_MAX = 2147483647;

const bytesToText = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

class Arguments {
  private readonly values: Value[] = [];
  private readonly names = new Map<string, number>();
  // libfmt: >= 0 while fields are numbered automatically, -1 once manual.
  private nextAuto = 0;

  constructor(args: readonly FormatArg[]) {
    for (const arg of args) {
      const named = typeof arg === 'object' && !(arg instanceof Uint8Array);
      const scalar = named ? arg.value : arg;
      if (named) {
        const name = bytesToText(arg.name);
        if (!this.names.has(name)) this.names.set(name, this.values.length);
      }
      this.values.push(scalar instanceof Uint8Array ? bytesToText(scalar) : scalar);
    }
  }

  get(ref: ArgRef): Value {
    let index: number;
    if (ref.kind === 'auto') {
      if (this.nextAuto < 0) throw new FormatError('cannot switch from manual to automatic argument indexing');
      index = this.nextAuto++;
    } else if (ref.kind === 'index') {
      if (this.nextAuto > 0) throw new FormatError('cannot switch from automatic to manual argument indexing');
      this.nextAuto = -1;
      index = ref.index;
    } else {
      // Named fields do not affect automatic numbering, as in libfmt.
      index = this.names.get(ref.name) ?? -1;
    }
    if (index < 0 || index >= this.values.length) throw new FormatError('argument not found');
    return this.values[index];
  }

  /** A width or precision given as `{}`, `{n}` or `{name}`. */
  dynamic(ref: number | ArgRef, what: 'width' | 'precision'): number {
    if (typeof ref === 'number') return ref;
    const value = this.get(ref);
    if (typeof value !== 'number' || !isInteger(value)) throw new FormatError(`${what} is not integer`);
    if (value < 0) throw new FormatError(`negative ${what}`);
    if (value > INT_MAX) throw new FormatError('number is too big');
    return value;
  }
}

/** Formats a byte string; throws FormatError on a bad format string or argument. */
export function formatText(format: string, args: readonly FormatArg[]): string {
  const values = new Arguments(args);
  let out = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c === '}') {
      if (format[i + 1] !== '}') throw new FormatError("unmatched '}' in format string");
      out += '}';
      i += 2;
      continue;
    }
    if (c !== '{') {
      const next = format.slice(i).search(/[{}]/);
      const end = next < 0 ? format.length : i + next;
      out += format.slice(i, end);
      i = end;
      continue;
    }
    if (format[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    const [ref, afterId] = parseArgId(format, i + 1);
    const value = values.get(ref);
    if (format[afterId] === '}') {
      out += formatValue(value, { ...emptySpec(), width: 0, precision: -1 });
      i = afterId + 1;
      continue;
    }
    if (format[afterId] !== ':') throw new FormatError("missing '}' in format string");
    const [spec, close] = parseSpec(format, afterId + 1);
    const width = values.dynamic(spec.width, 'width');
    const precision = values.dynamic(spec.precision, 'precision');
    out += formatValue(value, { ...spec, width, precision });
    i = close + 1;
  }
  return out;
}

/** format() over Lua byte strings. */
export function formatBytes(format: Uint8Array, args: readonly FormatArg[]): Uint8Array {
  return new Uint8Array(Buffer.from(formatText(bytesToText(format), args), 'latin1'));
}
