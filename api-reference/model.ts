// The shape of the API reference: one ModuleReference per core module (and
// one for the globals), written in modules/<name>.ts. generate.ts turns them
// into LuaLS stubs (types/) and reference pages (docs/reference/); the test
// tests/unit/api-reference.test.ts checks them against what a real VM exports.

export interface Param {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
}

export interface Entry {
  readonly kind: 'function' | 'table' | 'field' | 'pattern';
  /** Dotted path inside the module: 'sleep', 'steady_clock.now'; for a pattern, 'signal.SIG*'. */
  readonly path: string;
  readonly params: readonly Param[];
  readonly returns: readonly string[];
  /** Type of a field or of each key a pattern stands for. */
  readonly type: string;
  readonly summary: string;
  readonly errors: readonly string[];
  /** How emilua-ts differs from Emilua here ('' when it does not). */
  readonly differs: string;
  /** Suspends the calling fiber (a cancellation point unless said otherwise). */
  readonly suspends: boolean;
  /** Only the master VM may call it. */
  readonly masterOnly: boolean;
  /** For a pattern: one key it covers that the runtime must have ('SIGINT'). */
  readonly example: string;
}

export interface ModuleReference {
  /** The name given to require(), or 'globals'. */
  readonly name: string;
  readonly summary: string;
  /** Paragraphs of the page's introduction. */
  readonly description: readonly string[];
  /** Module-wide differences from Emilua. */
  readonly differences: readonly string[];
  readonly entries: readonly Entry[];
  /** Object types the entries return, declared as LuaLS classes: name -> summary. */
  readonly classes: Readonly<Record<string, string>>;
}

interface Extra {
  errors?: string[];
  differs?: string;
  suspends?: boolean;
  masterOnly?: boolean;
  example?: string;
}

function entry(kind: Entry['kind'], path: string, summary: string, extra: Extra, more: Partial<Entry> = {}): Entry {
  return {
    kind,
    path,
    params: [],
    returns: [],
    type: '',
    summary,
    errors: extra.errors ?? [],
    differs: extra.differs ?? '',
    suspends: extra.suspends ?? false,
    masterOnly: extra.masterOnly ?? false,
    example: extra.example ?? '',
    ...more,
  };
}

/** Splits "a: T, b?: U|V" at the commas outside brackets. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{' || c === '<') depth++;
    else if (c === ')' || c === ']' || c === '}' || c === '>') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last !== '') parts.push(last);
  return parts;
}

/**
 * A function from its signature, in the notation of Emilua's reference:
 *   fn('sleep(seconds: number)', 'Suspends the calling fiber.', { suspends: true })
 *   fn('pair() -> pipe.read_stream, pipe.write_stream', '...')
 * A parameter ending in '?' is optional; '...: T' takes any number.
 */
export function fn(signature: string, summary: string, extra: Extra = {}): Entry {
  const match = /^([\w.]+)\((.*)\)(?:\s*->\s*(.+))?$/.exec(signature.trim());
  if (match === null) throw new Error(`api-reference: cannot read the signature '${signature}'`);
  const params = splitTop(match[2]).map((text): Param => {
    const colon = text.indexOf(':');
    if (colon === -1) throw new Error(`api-reference: parameter '${text}' of '${signature}' has no type`);
    const rawName = text.slice(0, colon).trim();
    const optional = rawName.endsWith('?');
    return { name: optional ? rawName.slice(0, -1) : rawName, type: text.slice(colon + 1).trim(), optional };
  });
  const returns = match[3] === undefined ? [] : splitTop(match[3]);
  return entry('function', match[1], summary, extra, { params, returns });
}

/** A table of functions or of more tables: table('steady_clock', 'A monotonic clock.'). */
export function table(path: string, summary: string, extra: Extra = {}): Entry {
  return entry('table', path, summary, extra, { type: 'table' });
}

/** A value: field('arguments: string[]', 'The command line.'). */
export function field(declaration: string, summary: string, extra: Extra = {}): Entry {
  const colon = declaration.indexOf(':');
  if (colon === -1) throw new Error(`api-reference: field '${declaration}' has no type`);
  return entry('field', declaration.slice(0, colon).trim(), summary, extra, { type: declaration.slice(colon + 1).trim() });
}

/**
 * Keys that follow a rule rather than a list: pattern('signal.SIG*: integer', ...)
 * covers every key of system.signal that starts with SIG; `example` names one
 * such key ({ example: 'SIGINT' }), which the test looks up.
 */
export function pattern(declaration: string, summary: string, extra: Extra & { example: string }): Entry {
  const colon = declaration.indexOf(':');
  if (colon === -1) throw new Error(`api-reference: pattern '${declaration}' has no type`);
  return entry('pattern', declaration.slice(0, colon).trim(), summary, extra, { type: declaration.slice(colon + 1).trim() });
}

export function defineModule(reference: {
  name: string;
  summary: string;
  description?: string[];
  differences?: string[];
  classes?: Record<string, string>;
  entries: Entry[];
}): ModuleReference {
  return {
    name: reference.name,
    summary: reference.summary,
    description: reference.description ?? [],
    differences: reference.differences ?? [],
    classes: reference.classes ?? {},
    entries: reference.entries,
  };
}

/** Whether a pattern entry's path ('signal.SIG*') covers a key path ('signal.SIGINT'). */
export function patternCovers(patternPath: string, path: string): boolean {
  const star = patternPath.indexOf('*');
  if (star === -1) return patternPath === path;
  const prefix = patternPath.slice(0, star);
  return path.startsWith(prefix) && !path.slice(prefix.length).includes('.');
}
