// The __index of most userdata: methods by name, and Emilua's bad_index error
// (with `index = 2`) for any other key.

import { lua, LuaJsFunction, indexKey } from './lua-api';
import { raiseRuntimeError } from '../errors/error-object';

export function methodIndex(methods: Readonly<Record<string, LuaJsFunction>>): LuaJsFunction {
  return (L) => {
    const key = indexKey(L);
    if (!Object.hasOwn(methods, key)) return raiseRuntimeError(L, 'bad_index', { index: 2 });
    lua.lua_pushcfunction(L, methods[key]);
    return 1;
  };
}
