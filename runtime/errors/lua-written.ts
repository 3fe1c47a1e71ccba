// Which of the runtime's functions Emilua itself writes in Lua.
//
// Emilua implements its suspending operations (join, sleep, receive, send,
// future:get, condition_variable:wait, coroutine.resume, require, scope...) as
// small Lua functions around a native core, compiled without debug
// information. LuaJIT shows such a frame as `[string "?"]: in function 'join'`,
// and a native function as `[C]: in function 'lock'`. Tracebacks here show a
// runtime function the way Emilua shows its counterpart, so this registry
// records the ones that are Lua in Emilua; everything else of the runtime is
// shown as native.

const luaWrittenJsFunctions = new WeakSet<object>();

/** Marks a JS builtin as one whose Emilua counterpart is written in Lua. */
export function luaWrittenInEmilua<T extends object>(fn: T): T {
  luaWrittenJsFunctions.add(fn);
  return fn;
}

/** Marks every function of a method/function table (see luaWrittenInEmilua). */
export function allLuaWrittenInEmilua<T extends Record<string, object>>(fns: T): T {
  for (const fn of Object.values(fns)) luaWrittenJsFunctions.add(fn);
  return fns;
}

export function isLuaWrittenInEmilua(fn: unknown): boolean {
  return typeof fn === 'function' && luaWrittenJsFunctions.has(fn);
}
