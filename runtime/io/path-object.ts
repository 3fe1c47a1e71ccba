// filesystem.path for Lua: immutable userdata holding the raw bytes of a
// native path (see path-logic.ts). Lua strings given to the constructors
// and operators are taken byte for byte, and the strings a path gives back
// are its bytes again, so a file name that is not UTF-8 survives.
//
// Other modules that take or return paths (file, system.spawn, unix
// sockets...) use pushPath / toPath / checkPath and pathBuffer.

import { lua, lauxlib, luaString, setFunctions, pushUserdata, toUserdata, LuaState, LuaJsFunction, indexKey } from '../lua/lua-api';
import { raiseGenericError, raiseRuntimeError } from '../errors/error-object';
import { errnoCodes } from '../errors/categories';
import * as P from './path-logic';
import type { BytePath } from './path-logic';

const KIND = 'filesystem.path';
const METATABLE = luaString('emilua-ts filesystem.path');

class PathValue {
  private buffer: Buffer | undefined;
  constructor(readonly path: BytePath) {}

  /** The path's bytes; cached, so never write to it. */
  get bytes(): Buffer {
    if (this.buffer === undefined) this.buffer = P.pathToBytes(this.path);
    return this.buffer;
  }
}

export function pushPath(L: LuaState, path: BytePath): void {
  pushUserdata(L, KIND, new PathValue(path), METATABLE, installPathMetatable);
}

/** Pushes a path made of the given bytes (e.g. a file name Node returned as a Buffer). */
export function pushPathBytes(L: LuaState, bytes: Uint8Array): void {
  pushPath(L, P.bytesToPath(bytes));
}

/** The path at idx, or undefined for any other value. */
export function toPath(L: LuaState, idx: number): BytePath | undefined {
  return toUserdata<PathValue>(L, idx, KIND)?.path;
}

/** The path at idx; anything else raises EINVAL naming that argument. */
export function checkPath(L: LuaState, idx: number): BytePath {
  const path = toPath(L, idx);
  return path === undefined ? raiseGenericError(L, errnoCodes.EINVAL, { arg: idx }) : path;
}

/** The bytes of a path as a Buffer, for Node's fs functions and the addon. */
export function pathBuffer(path: BytePath): Buffer {
  return P.pathToBytes(path);
}

/** A Lua string (taken byte for byte) or a path; anything else raises EINVAL naming idx. */
export function checkPathOrString(L: LuaState, idx: number): BytePath {
  if (lua.lua_type(L, idx) === lua.LUA_TSTRING) return P.bytesToPath(lua.lua_tolstring(L, idx) as Uint8Array);
  return checkPath(L, idx);
}

function pushString(L: LuaState, bytes: BytePath): void {
  lua.lua_pushstring(L, P.pathToBytes(bytes));
}

function pushBoolean(L: LuaState, value: boolean): number {
  lua.lua_pushboolean(L, value);
  return 1;
}

/** Methods return new paths; the receiver is argument 1. */
function pathMethod(compute: (L: LuaState, self: BytePath) => BytePath): LuaJsFunction {
  return (L) => {
    const self = checkPath(L, 1);
    pushPath(L, compute(L, self));
    return 1;
  };
}

const methods: Record<string, LuaJsFunction> = {
  to_generic(L) {
    pushString(L, P.toGeneric(checkPath(L, 1)));
    return 1;
  },
  iterator(L) {
    const items = P.elements(checkPath(L, 1));
    let next = 0;
    lua.lua_pushcfunction(L, (L: LuaState) => {
      if (next >= items.length) return 0;
      pushString(L, items[next++]);
      return 1;
    });
    return 1;
  },
  make_preferred: pathMethod((_L, self) => self),
  remove_filename: pathMethod((_L, self) => P.removeFilename(self)),
  replace_filename: pathMethod((L, self) => P.replaceFilename(self, checkPathOrString(L, 2))),
  replace_extension: pathMethod((L, self) =>
    P.replaceExtension(self, lua.lua_isnoneornil(L, 2) ? '' : checkPathOrString(L, 2))),
  lexically_normal: pathMethod((_L, self) => P.lexicallyNormal(self)),
  lexically_relative: pathMethod((L, self) => P.lexicallyRelative(self, checkPathOrString(L, 2))),
  lexically_proximate: pathMethod((L, self) => P.lexicallyProximate(self, checkPathOrString(L, 2))),
};

type Property = (L: LuaState, self: BytePath) => number;

const stringProperty = (get: (p: BytePath) => BytePath): Property => (L, self) => {
  pushString(L, get(self));
  return 1;
};
const pathProperty = (get: (p: BytePath) => BytePath): Property => (L, self) => {
  pushPath(L, get(self));
  return 1;
};
const flagProperty = (get: (p: BytePath) => boolean): Property => (L, self) => pushBoolean(L, get(self));

const properties: Record<string, Property> = {
  root_name: stringProperty(P.rootName),
  root_directory: stringProperty(P.rootDirectory),
  root_path: pathProperty(P.rootPath),
  relative_path: pathProperty(P.relativePath),
  parent_path: pathProperty(P.parentPath),
  filename: stringProperty(P.filename),
  stem: stringProperty(P.stem),
  extension: stringProperty(P.extension),
  empty: flagProperty((p) => p === ''),
  has_root_path: flagProperty((p) => P.rootPath(p) !== ''),
  has_root_name: flagProperty((p) => P.rootName(p) !== ''),
  has_root_directory: flagProperty((p) => P.rootDirectory(p) !== ''),
  has_relative_path: flagProperty((p) => P.relativePath(p) !== ''),
  has_parent_path: flagProperty((p) => P.parentPath(p) !== ''),
  has_filename: flagProperty((p) => P.filename(p) !== ''),
  has_stem: flagProperty((p) => P.stem(p) !== ''),
  has_extension: flagProperty((p) => P.extension(p) !== ''),
  is_absolute: flagProperty(P.isAbsolute),
  is_relative: flagProperty((p) => !P.isAbsolute(p)),
};

/** Both operands of a binary metamethod, each a path or a string. */
function operands(L: LuaState): [BytePath, BytePath] {
  return [checkPathOrString(L, 1), checkPathOrString(L, 2)];
}

const metamethods: Record<string, LuaJsFunction> = {
  __index(L) {
    const self = checkPath(L, 1);
    const key = indexKey(L);
    if (Object.hasOwn(properties, key)) return properties[key](L, self);
    if (Object.hasOwn(methods, key)) {
      lua.lua_pushcfunction(L, methods[key]);
      return 1;
    }
    return raiseRuntimeError(L, 'bad_index', { index: 2 });
  },
  __tostring(L) {
    pushString(L, checkPath(L, 1));
    return 1;
  },
  __eq(L) {
    const a = toPath(L, 1);
    const b = toPath(L, 2);
    return pushBoolean(L, a !== undefined && b !== undefined && P.compare(a, b) === 0);
  },
  __lt(L) {
    const [a, b] = operands(L);
    return pushBoolean(L, P.compare(a, b) < 0);
  },
  __le(L) {
    const [a, b] = operands(L);
    return pushBoolean(L, P.compare(a, b) <= 0);
  },
  __div(L) {
    const [a, b] = operands(L);
    pushPath(L, P.join(a, b));
    return 1;
  },
  __concat(L) {
    const [a, b] = operands(L);
    pushPath(L, a + b);
    return 1;
  },
};

export function installPathMetatable(L: LuaState): void {
  if (lauxlib.luaL_newmetatable(L, METATABLE)) {
    setFunctions(L, -1, metamethods);
    lua.lua_pushstring(L, luaString('filesystem.path'));
    lua.lua_setfield(L, -2, luaString('__metatable'));
  }
  lua.lua_pop(L, 1);
}

/** Pushes the `filesystem.path` class table: new, from_generic, preferred_separator. */
export function pushPathClass(L: LuaState): void {
  installPathMetatable(L);
  lua.lua_createtable(L, 0, 3);
  setFunctions(L, -1, {
    new(L) {
      switch (lua.lua_type(L, 1)) {
        case lua.LUA_TNONE:
        case lua.LUA_TNIL:
          pushPath(L, '');
          return 1;
        case lua.LUA_TSTRING:
          pushPath(L, P.bytesToPath(lua.lua_tolstring(L, 1) as Uint8Array));
          return 1;
      }
      return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
    },
    // On POSIX hosts the generic format is the native one.
    from_generic(L) {
      if (lua.lua_type(L, 1) !== lua.LUA_TSTRING) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
      pushPath(L, P.bytesToPath(lua.lua_tolstring(L, 1) as Uint8Array));
      return 1;
    },
  });
  lua.lua_pushstring(L, luaString(P.SEPARATOR));
  lua.lua_setfield(L, -2, luaString('preferred_separator'));
}
