// Fengari keys its tables by a JavaScript string made from a Lua string's
// bytes, and compares Lua strings (`<`, table.sort) by that same string. It
// wrote each byte as hex without padding, so different strings shared a key
// ("\1#" and "\18\3" were the same table key) and the order was not byte
// order ("\15" < "\16" was false). Here each byte becomes one character
// (code 0-255): distinct strings get distinct keys, and comparing keys
// compares bytes as C's strcmp does (LuaJIT compares with strcoll, which is
// the same in the C locale). It is also cheaper to build.
//
// Every fengari module copies luaS_hash/luaS_hashlongstr when it loads, so
// this must run after lstring.js loads and before anything else of fengari.

/* eslint-disable @typescript-eslint/no-var-requires */

interface TStringLike {
  hash: string | null;
  getstr(): Uint8Array;
}

/** Above this many bytes, fromCharCode gets the bytes in slices. */
const SLICE = 8192;

export function stringKey(bytes: Uint8Array): string {
  // The "|" prefix keeps string keys apart from ltable's other key kinds
  // (light userdata strings are prefixed with "*").
  if (bytes.length <= SLICE) return '|' + String.fromCharCode.apply(null, bytes as unknown as number[]);
  let key = '|';
  for (let i = 0; i < bytes.length; i += SLICE) {
    key += String.fromCharCode.apply(null, bytes.subarray(i, i + SLICE) as unknown as number[]);
  }
  return key;
}

export function applyStringKeyPatch(): void {
  require('fengari/src/defs.js');
  const lstring = require('fengari/src/lstring.js');
  lstring.luaS_hash = stringKey;
  lstring.luaS_hashlongstr = function luaS_hashlongstr(ts: TStringLike): string {
    if (ts.hash === null) ts.hash = stringKey(ts.getstr());
    return ts.hash;
  };
}
