// The command line as bytes. Node decodes argv as UTF-8 and replaces what is
// not UTF-8 with U+FFFD, so a script name or argument holding such bytes
// would be mangled. The kernel keeps the bytes in /proc/self/cmdline (NUL
// separated); the words Node gave us are the last ones there, whatever came
// before them (node's own options, a loader, the snapshot blob).

import * as fs from 'node:fs';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** The NUL-separated words of a /proc file (cmdline, environ), or undefined if unreadable. */
export function procWords(file: string): Uint8Array[] | undefined {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const words: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 0) {
      words.push(new Uint8Array(raw.subarray(start, i)));
      start = i + 1;
    }
  }
  if (start < raw.length) words.push(new Uint8Array(raw.subarray(start)));
  return words;
}

/**
 * `argv` (the words Node gave main()) as the bytes the process was given.
 * Falls back to the UTF-8 of each word when /proc is missing or does not
 * match (a process that rewrote its title, for one).
 */
export function rawArguments(argv: readonly string[]): Uint8Array[] {
  const fallback = argv.map((word) => encoder.encode(word));
  const words = procWords('/proc/self/cmdline');
  if (words === undefined || words.length < argv.length) return fallback;
  const tail = words.slice(words.length - argv.length);
  for (let i = 0; i < argv.length; i++) {
    if (decoder.decode(tail[i]) !== argv[i]) return fallback;
  }
  return tail;
}

/** Whether `bytes` is exactly the UTF-8 of `text` (no byte was replaced in decoding). */
export function isUtf8Of(bytes: Uint8Array, text: string): boolean {
  const encoded = encoder.encode(text);
  return encoded.length === bytes.length && encoded.every((b, i) => b === bytes[i]);
}
