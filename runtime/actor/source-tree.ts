// subprocess.source_tree_cache: a Lua tree of name → source string |
// subtree, flattened to absolute paths ('/a.lua', '/b/init.lua') that the
// child's module loader resolves require() against, alone (Emilua 0.11's
// fs-less sandboxes: module = filesystem.path.new('/app.lua')).

import { lua, LuaState } from '../lua/lua-api';
import { raiseGenericError } from '../errors/error-object';
import { errnoCodes } from '../errors/categories';

const MAX_DEPTH = 64;

function raiseBad(L: LuaState, reason: string): never {
  return raiseGenericError(L, errnoCodes.EINVAL, { arg: 'subprocess.source_tree_cache', reason });
}

/** The tree at `idx` as [absolute path, source] pairs. */
export function readSourceTree(L: LuaState, idx: number): Array<[string, Uint8Array]> {
  const out: Array<[string, Uint8Array]> = [];
  const walk = (t: number, prefix: string, depth: number): void => {
    if (depth > MAX_DEPTH) raiseBad(L, 'nested too deep');
    lua.lua_pushnil(L);
    while (lua.lua_next(L, t) !== 0) {
      if (lua.lua_type(L, -2) !== lua.LUA_TSTRING) raiseBad(L, 'names must be strings');
      const name = Buffer.from(lua.lua_tolstring(L, -2) as Uint8Array).toString('utf8');
      if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
        raiseBad(L, `bad name ${JSON.stringify(name)}`);
      }
      const full = `${prefix}/${name}`;
      switch (lua.lua_type(L, -1)) {
        case lua.LUA_TSTRING:
          out.push([full, lua.lua_tolstring(L, -1) as Uint8Array]);
          break;
        case lua.LUA_TTABLE:
          walk(lua.lua_gettop(L), full, depth + 1);
          break;
        default:
          raiseBad(L, `${full}: a source string or a subtree expected`);
      }
      lua.lua_pop(L, 1);
    }
  };
  walk(lua.lua_absindex(L, idx), '', 0);
  return out;
}
