// Lua strings are bytes; JavaScript's RegExp works on UTF-16 code units. The
// ecma grammar runs on a string with one code unit per byte, so offsets map
// 1:1 to byte offsets. Bytes below 0x80 keep their code; bytes 0x80..0xFF
// become U+E080..U+E0FF (private use), which have no case and belong to no
// class: "\s", "\w" and ignore_case then behave as in the C locale, where
// Latin-1 decoding would make 0xA0 a space and fold 0xC9 with 0xE9.

export const HIGH_BASE = 0xe000;

export function bytesToText(bytes: Uint8Array): string {
  let text = '';
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const part = bytes.subarray(start, Math.min(start + CHUNK, bytes.length));
    const codes = new Uint16Array(part.length);
    for (let k = 0; k < part.length; k++) codes[k] = part[k] < 0x80 ? part[k] : HIGH_BASE + part[k];
    text += String.fromCharCode.apply(null, codes as unknown as number[]);
  }
  return text;
}

/** A byte as pattern text: itself, or its private-use stand-in as an escape. */
export function byteAsPatternText(byte: number): string {
  return byte < 0x80 ? String.fromCharCode(byte) : `\\u${(HIGH_BASE + byte).toString(16)}`;
}
