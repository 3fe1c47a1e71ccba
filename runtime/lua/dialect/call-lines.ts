// The line a call instruction carries, as LuaJIT gives it: the line where
// its arguments start (the '(' of the list, the '{' of a table, the string of
// `f"..."`). Lua 5.3's parser, and so fengari's, gives the line where the
// called expression starts. Tracebacks print each frame's current line, so a
// call spread over several lines, e.g. `coroutine.wrap(function() ... end)()`,
// showed another line than under Emilua.
//
// lparser.js copies lcode's functions when it loads, but reaches the lexer
// through the module object (llex.luaX_next), as ldo reaches the parser
// (lparser.luaY_parser). So the fix is made from the token stream: when the
// token that closes an argument list is consumed, the parser emits the call
// (after at most the instructions that close the last argument) before it
// consumes another token; at that next token, or at the end of the chunk, the
// first call emitted since gets the line where the list opened. Parse time
// only: running code is untouched.

/* eslint-disable @typescript-eslint/no-var-requires */

interface Proto {
  code: Array<{ opcode: number }>;
  lineinfo: number[];
}

interface LexState {
  t: { token: number };
  linenumber: number;
  fs: { f: Proto; pc: number } | null;
  /** Lines of the '(' and '{' not closed yet. */
  callLineOpens?: number[];
  /** A list just closed: its function's prototype, where its code stood, where it opened. */
  callLinePending?: { f: Proto; pc: number; line: number };
}

const OPEN_PAREN = 40, CLOSE_PAREN = 41, OPEN_BRACE = 123, CLOSE_BRACE = 125;

export function applyCallLinePatch(): void {
  const llex = require('fengari/src/llex.js');
  const lparser = require('fengari/src/lparser.js');
  const { OpCodesI } = require('fengari/src/lopcodes.js');
  const TK_STRING: number = llex.RESERVED.TK_STRING;
  const OP_CALL: number = OpCodesI.OP_CALL;

  const settle = (ls: LexState): void => {
    const pending = ls.callLinePending;
    if (pending === undefined) return;
    ls.callLinePending = undefined;
    const { f, pc, line } = pending;
    for (let i = pc; i < f.code.length; i++) {
      if (f.code[i]?.opcode === OP_CALL) {
        f.lineinfo[i] = line;
        return;
      }
    }
  };

  const next = llex.luaX_next;
  llex.luaX_next = function luaX_next(ls: LexState): void {
    settle(ls);
    const token = ls.t.token;
    let opened: number | undefined;
    if (token === OPEN_PAREN || token === OPEN_BRACE) {
      (ls.callLineOpens ??= []).push(ls.linenumber);
    } else if (token === CLOSE_PAREN || token === CLOSE_BRACE) {
      opened = ls.callLineOpens?.pop();
    } else if (token === TK_STRING) {
      opened = ls.linenumber;
    }
    if (opened !== undefined && ls.fs !== null) {
      ls.callLinePending = { f: ls.fs.f, pc: ls.fs.pc, line: opened };
    }
    next(ls);
  };

  const parse = lparser.luaY_parser;
  lparser.luaY_parser = function luaY_parser(...args: unknown[]): unknown {
    // The lexer state is made inside; the last pending list is settled
    // through the one that the prototypes were built with.
    const closure = parse(...args);
    const ls = lastLexState;
    if (ls !== null) settle(ls);
    lastLexState = null;
    return closure;
  };
  let lastLexState: LexState | null = null;
  const setinput = llex.luaX_setinput;
  llex.luaX_setinput = function luaX_setinput(L: unknown, ls: LexState, ...rest: unknown[]): void {
    lastLexState = ls;
    setinput(L, ls, ...rest);
  };
}
