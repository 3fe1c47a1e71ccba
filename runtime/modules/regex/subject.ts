// What regex functions match against: a Lua string or a byte_span, and how
// pieces of it go back to Lua (strings for a string, byte_spans sharing the
// subject's memory for a byte_span, as Emilua slices them).

import { lua, LuaState } from '../../lua/lua-api';
import { raiseGenericError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { ByteSpan, pushByteSpan, toByteSpan } from '../byte_span';

export interface Subject {
  readonly bytes: Uint8Array;
  readonly span: ByteSpan | undefined;
}

export function toSubject(L: LuaState, idx: number): Subject | undefined {
  if (lua.lua_type(L, idx) === lua.LUA_TSTRING) return { bytes: lua.lua_tolstring(L, idx) as Uint8Array, span: undefined };
  const span = toByteSpan(L, idx);
  if (span === undefined) return undefined;
  return { bytes: span.bytes, span };
}

export function checkSubject(L: LuaState, idx: number): Subject {
  const subject = toSubject(L, idx);
  if (subject === undefined) raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
  return subject as Subject;
}

/** Pushes bytes [start, end) of the subject; start < 0 means a group that did not match. */
export function pushPiece(L: LuaState, subject: Subject, start: number, end: number): void {
  if (subject.span !== undefined) {
    pushByteSpan(L, start < 0 ? ByteSpan.allocate(0) : subject.span.sub(start + 1, end));
    return;
  }
  const piece = start < 0 ? new Uint8Array(0) : subject.bytes.subarray(start, end);
  lua.lua_pushlstring(L, piece, piece.length);
}
