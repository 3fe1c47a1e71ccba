// Raised errors are tables {code=, category=, ...extras} sharing one metatable
// per VM: __tostring gives the category's message, __eq compares code and
// category only, and togeneric() maps a system error to the generic category.

import { lua, lauxlib, luaString, pushText, setFunctions, toUserdata, pushUserdata, LuaState } from '../lua/lua-api';
import { Category, genericCategory, systemCategory, runtimeCategory, runtimeErrors, RuntimeErrorName } from './categories';

const ERROR_MT = luaString('emilua-ts error');
const CATEGORY_MT = luaString('emilua-ts error category');
const CATEGORY_REGISTRY_KEY = (c: Category) => luaString(`emilua-ts category ${c.name}`);

function pushCategory(L: LuaState, category: Category): void {
  const key = CATEGORY_REGISTRY_KEY(category);
  if (lua.lua_getfield(L, lua.LUA_REGISTRYINDEX, key) === lua.LUA_TUSERDATA) return;
  lua.lua_pop(L, 1);
  pushUserdata(L, 'category', category, CATEGORY_MT);
  lua.lua_pushvalue(L, -1);
  lua.lua_setfield(L, lua.LUA_REGISTRYINDEX, key);
}

function categoryOf(L: LuaState, errorIdx: number): Category | undefined {
  if (lua.lua_type(L, errorIdx) !== lua.LUA_TTABLE) return undefined;
  lua.lua_getfield(L, errorIdx, luaString('category'));
  const category = toUserdata<Category>(L, -1, 'category');
  lua.lua_pop(L, 1);
  return category;
}

function codeOf(L: LuaState, errorIdx: number): number {
  lua.lua_getfield(L, errorIdx, luaString('code'));
  const code = lua.lua_tonumber(L, -1);
  lua.lua_pop(L, 1);
  return code;
}

function hasErrorMetatable(L: LuaState, idx: number): boolean {
  if (!lua.lua_getmetatable(L, idx)) return false;
  lauxlib.luaL_getmetatable(L, ERROR_MT);
  const same = lua.lua_rawequal(L, -1, -2);
  lua.lua_pop(L, 2);
  return same;
}

/** Pushes a fresh error table. */
export function pushError(L: LuaState, category: Category, code: number, extras?: Record<string, string | number>): void {
  lua.lua_createtable(L, 0, 2);
  lua.lua_pushnumber(L, code);
  lua.lua_setfield(L, -2, luaString('code'));
  pushCategory(L, category);
  lua.lua_setfield(L, -2, luaString('category'));
  if (extras) {
    for (const [key, value] of Object.entries(extras)) {
      if (typeof value === 'number') lua.lua_pushnumber(L, value);
      else pushText(L, value);
      lua.lua_setfield(L, -2, luaString(key));
    }
  }
  lauxlib.luaL_setmetatable(L, ERROR_MT);
}

export function pushSystemError(L: LuaState, errno: number, extras?: Record<string, string | number>): void {
  pushError(L, systemCategory, errno, extras);
}

/**
 * Errors the runtime detects itself (a bad argument, a deadlock) rather than
 * errors the kernel returned: Emilua raises those in the generic category.
 */
export function pushGenericError(L: LuaState, errno: number, extras?: Record<string, string | number>): void {
  pushError(L, genericCategory, errno, extras);
}

export function pushRuntimeError(L: LuaState, name: RuntimeErrorName, extras?: Record<string, string | number>): void {
  pushError(L, runtimeCategory, runtimeErrors[name][0], extras);
}

/** Raises a system error (errno). Never returns. */
export function raiseSystemError(L: LuaState, errno: number, extras?: Record<string, string | number>): never {
  pushSystemError(L, errno, extras);
  return lua.lua_error(L) as never;
}

export function raiseGenericError(L: LuaState, errno: number, extras?: Record<string, string | number>): never {
  pushGenericError(L, errno, extras);
  return lua.lua_error(L) as never;
}

export function raiseRuntimeError(L: LuaState, name: RuntimeErrorName, extras?: Record<string, string | number>): never {
  pushRuntimeError(L, name, extras);
  return lua.lua_error(L) as never;
}

export function isRuntimeError(L: LuaState, idx: number, name: RuntimeErrorName): boolean {
  const category = categoryOf(L, idx);
  return category === runtimeCategory && codeOf(L, lua.lua_absindex(L, idx)) === runtimeErrors[name][0];
}

/** Installs the error and category metatables into a VM. */
export function installErrorMetatables(L: LuaState): void {
  lauxlib.luaL_newmetatable(L, ERROR_MT);
  setFunctions(L, -1, {
    __tostring(L) {
      const category = categoryOf(L, 1);
      if (!category) {
        pushText(L, 'error');
        return 1;
      }
      pushText(L, category.message(codeOf(L, 1)));
      return 1;
    },
    __eq(L) {
      // Lua 5.1 only calls __eq when both operands share it; Lua 5.3 calls it
      // when either has one. Keep LuaJIT's answer: a plain table is never
      // equal to an error object.
      if (!hasErrorMetatable(L, 1) || !hasErrorMetatable(L, 2)) {
        lua.lua_pushboolean(L, false);
        return 1;
      }
      const a = categoryOf(L, 1);
      const b = categoryOf(L, 2);
      lua.lua_pushboolean(L, a !== undefined && a === b && codeOf(L, 1) === codeOf(L, 2));
      return 1;
    },
  });
  lua.lua_createtable(L, 0, 1);
  setFunctions(L, -1, {
    togeneric(L) {
      const category = categoryOf(L, 1);
      if (category === systemCategory) {
        pushError(L, genericCategory, codeOf(L, 1));
      } else {
        lua.lua_pushvalue(L, 1);
      }
      return 1;
    },
  });
  lua.lua_setfield(L, -2, luaString('__index'));
  lua.lua_pop(L, 1);

  lauxlib.luaL_newmetatable(L, CATEGORY_MT);
  setFunctions(L, -1, {
    __tostring(L) {
      const category = toUserdata<Category>(L, 1, 'category');
      pushText(L, category ? category.name : 'category');
      return 1;
    },
  });
  lua.lua_createtable(L, 0, 1);
  setFunctions(L, -1, {
    message(L) {
      const category = toUserdata<Category>(L, 1, 'category');
      if (!category) return lauxlib.luaL_argerror(L, 1, luaString('error category expected'));
      pushText(L, category.message(lauxlib.luaL_checknumber(L, 2)));
      return 1;
    },
  });
  lua.lua_setfield(L, -2, luaString('__index'));
  lua.lua_pop(L, 1);
}
