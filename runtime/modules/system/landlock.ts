// system.landlock_create_ruleset, system.landlock_add_rule and
// system.landlock_restrict_self. Rulesets are file_descriptor objects.
// Argument errors are EINVAL (generic) with arg = the argument's position;
// a closed file_descriptor is EBUSY. landlock_restrict_self is master-VM
// only and restricts EVERY thread of the process
// (native/addon/landlock_threads.cc has the threat model).

import { lua, luaString, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { raiseGenericError, raiseSystemError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { loadAddon } from '../../native/load-addon';
import { pushFileDescriptor, toFileDescriptor } from '../../io/descriptor-object';
import { requireMaster } from './master';
import { FS_RIGHTS, NET_RIGHTS, SCOPES } from './landlock-rights';

function einval(L: LuaState, arg: number): never {
  return raiseGenericError(L, errnoCodes.EINVAL, { arg });
}

/** The open descriptor of the file_descriptor at idx; errors name `arg`. */
function fdAt(L: LuaState, idx: number, arg: number): number {
  const handle = toFileDescriptor(L, idx);
  if (handle === undefined) return einval(L, arg);
  if (handle.fd === -1) return raiseGenericError(L, errnoCodes.EBUSY, { arg });
  return handle.fd;
}

/** A list of names from `table` at the stack top (popped); nil is the empty list. */
function namesAtTop(L: LuaState, table: Readonly<Record<string, number>>, arg: number): number {
  if (lua.lua_isnil(L, -1)) {
    lua.lua_pop(L, 1);
    return 0;
  }
  if (lua.lua_type(L, -1) !== lua.LUA_TTABLE) return einval(L, arg);
  let mask = 0;
  for (let i = 1; ; i++) {
    const type = lua.lua_rawgeti(L, -1, i);
    if (type === lua.LUA_TNIL) break;
    const name = type === lua.LUA_TSTRING ? lua.lua_tojsstring(L, -1) : undefined;
    if (name === undefined || !Object.prototype.hasOwnProperty.call(table, name)) return einval(L, arg);
    mask |= table[name];
    lua.lua_pop(L, 1);
  }
  lua.lua_pop(L, 2);
  return mask;
}

function namesField(L: LuaState, idx: number, name: string, table: Readonly<Record<string, number>>): number {
  lua.lua_getfield(L, idx, luaString(name));
  return namesAtTop(L, table, idx);
}

function createRuleset(L: LuaState): number {
  const attrType = lua.lua_type(L, 1);
  if (attrType !== lua.LUA_TNIL && attrType !== lua.LUA_TNONE && attrType !== lua.LUA_TTABLE) return einval(L, 1);
  const flagsType = lua.lua_type(L, 2);
  let version = false;
  if (flagsType === lua.LUA_TTABLE) {
    lua.lua_pushvalue(L, 2);
    version = namesAtTop(L, { version: 1 }, 2) !== 0;
  } else if (flagsType !== lua.LUA_TNIL && flagsType !== lua.LUA_TNONE) {
    return einval(L, 2);
  }
  const native = loadAddon();
  if (version) {
    // The kernel wants no attributes with this flag.
    if (attrType === lua.LUA_TTABLE) return einval(L, 1);
    const abi = native.landlockAbiVersion();
    if (abi < 0) return raiseSystemError(L, -abi);
    lua.lua_pushnumber(L, abi);
    return 1;
  }
  let fs = 0;
  let net = 0;
  let scoped = 0;
  if (attrType === lua.LUA_TTABLE) {
    fs = namesField(L, 1, 'handled_access_fs', FS_RIGHTS);
    net = namesField(L, 1, 'handled_access_net', NET_RIGHTS);
    scoped = namesField(L, 1, 'scoped', SCOPES);
  }
  const fd = native.landlockCreateRuleset(fs, net, scoped);
  if (fd < 0) return raiseSystemError(L, -fd);
  pushFileDescriptor(L, fd);
  return 1;
}

function addRule(L: LuaState): number {
  const ruleset = fdAt(L, 1, 1);
  const type = lua.lua_type(L, 2) === lua.LUA_TSTRING ? lua.lua_tojsstring(L, 2) : undefined;
  if (type !== 'path_beneath' && type !== 'net_port') return einval(L, 2);
  if (lua.lua_type(L, 3) !== lua.LUA_TTABLE) return einval(L, 3);
  const native = loadAddon();
  let ret: number;
  if (type === 'path_beneath') {
    const allowed = namesField(L, 3, 'allowed_access', FS_RIGHTS);
    lua.lua_getfield(L, 3, luaString('parent_fd'));
    const parent = fdAt(L, -1, 3);
    lua.lua_pop(L, 1);
    ret = native.landlockAddPathBeneath(ruleset, allowed, parent);
  } else {
    const allowed = namesField(L, 3, 'allowed_access', NET_RIGHTS);
    lua.lua_getfield(L, 3, luaString('port'));
    if (lua.lua_type(L, -1) !== lua.LUA_TNUMBER) return einval(L, 3);
    const port = lua.lua_tonumber(L, -1);
    if (!Number.isInteger(port) || port < 0 || port > 65535) return einval(L, 3);
    lua.lua_pop(L, 1);
    ret = native.landlockAddNetPort(ruleset, allowed, port);
  }
  if (ret < 0) return raiseSystemError(L, -ret);
  return 0;
}

export const landlockFunctions: Record<string, LuaJsFunction> = {
  landlock_create_ruleset: createRuleset,
  landlock_add_rule: addRule,
  landlock_restrict_self(L) {
    requireMaster(L);
    const fd = fdAt(L, 1, 1);
    const ret = loadAddon().landlockRestrictAllThreads(fd);
    if (ret < 0) return raiseSystemError(L, -ret);
    return 0;
  },
};
