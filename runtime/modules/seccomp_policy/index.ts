// require 'seccomp_policy' (emilua-ts extension, see docs/sandboxing.md):
//   VERSION, group_names, group(name), compile(spec),
//   spawn_options(), ambient_authority_off().

import { lua, luaString, pushText, setFunctions, LuaState } from '../../lua/lua-api';
import { raiseGenericError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { loadAddon } from '../../native/load-addon';
import { pushFileDescriptor } from '../../io/descriptor-object';
import { requireMaster } from '../system/master';
import { GROUPS, GROUPS_VERSION } from '../../sandbox/seccomp-policy/groups';
import {
  compilePolicy, PolicyError, scmpActErrno, SCMP_ACT_KILL_PROCESS, SCMP_ACT_LOG, type PolicySpec,
} from '../../sandbox/seccomp-policy/compile';
import { planAmbientOff, AmbientError } from '../../sandbox/seccomp-policy/ambient';

const SPEC_FIELDS = new Set(['allow', 'deny', 'minus', 'default_action', 'errno', 'arches']);

function einval(L: LuaState, arg: string | number): never {
  return raiseGenericError(L, errnoCodes.EINVAL, { arg });
}

function stringList(L: LuaState, idx: number, key: string): string[] {
  lua.lua_getfield(L, idx, luaString(key));
  const out: string[] = [];
  if (lua.lua_isnil(L, -1)) { lua.lua_pop(L, 1); return out; }
  if (lua.lua_type(L, -1) !== lua.LUA_TTABLE) return einval(L, key);
  for (let i = 1; ; i++) {
    const t = lua.lua_rawgeti(L, -1, i);
    if (t === lua.LUA_TNIL) break;
    if (t !== lua.LUA_TSTRING) return einval(L, key);
    out.push(lua.lua_tojsstring(L, -1));
    lua.lua_pop(L, 1);
  }
  lua.lua_pop(L, 2);
  return out;
}

function readAction(L: LuaState): number {
  lua.lua_getfield(L, 1, luaString('errno'));
  let errno = errnoCodes.EPERM;
  if (!lua.lua_isnil(L, -1)) {
    const n = lua.lua_type(L, -1) === lua.LUA_TNUMBER ? lua.lua_tonumber(L, -1) : NaN;
    if (!(Number.isInteger(n) && n > 0 && n < 4096)) return einval(L, 'errno');
    errno = n;
  }
  lua.lua_getfield(L, 1, luaString('default_action'));
  const kind = lua.lua_isnil(L, -1) ? 'errno' : lua.lua_type(L, -1) === lua.LUA_TSTRING ? lua.lua_tojsstring(L, -1) : '';
  lua.lua_pop(L, 2);
  switch (kind) {
    case 'errno': return scmpActErrno(errno);
    case 'kill_process': return SCMP_ACT_KILL_PROCESS;
    case 'log': return SCMP_ACT_LOG;
    default: return einval(L, 'default_action');
  }
}

function readSpec(L: LuaState): PolicySpec {
  if (lua.lua_type(L, 1) !== lua.LUA_TTABLE) return einval(L, 1);
  lua.lua_pushnil(L);
  while (lua.lua_next(L, 1) !== 0) {
    lua.lua_pop(L, 1);
    const key = lua.lua_type(L, -1) === lua.LUA_TSTRING ? lua.lua_tojsstring(L, -1) : '';
    if (!SPEC_FIELDS.has(key)) return einval(L, key === '' ? 1 : key);
  }
  const defaultAction = readAction(L);
  return {
    allow: stringList(L, 1, 'allow'), deny: stringList(L, 1, 'deny'), minus: stringList(L, 1, 'minus'),
    arches: stringList(L, 1, 'arches'), defaultAction,
  };
}

function pushBytes(L: LuaState, bytes: Uint8Array): void {
  lua.lua_pushlstring(L, bytes, bytes.length);
}

/** compile(spec): the policy's BPF bytes (a string of struct sock_filter). */
function compile(L: LuaState): number {
  const spec = readSpec(L);
  try {
    pushBytes(L, compilePolicy(spec));
  } catch (e) {
    if (e instanceof PolicyError) return raiseGenericError(L, e.errno, { arg: e.field });
    throw e;
  }
  return 1;
}

function group(L: LuaState): number {
  const name = lua.lua_type(L, 1) === lua.LUA_TSTRING ? lua.lua_tojsstring(L, 1) : '';
  const entries = GROUPS[name];
  if (entries === undefined) return einval(L, 1);
  lua.lua_createtable(L, entries.length, 0);
  entries.forEach((e, i) => { pushText(L, e.name); lua.lua_rawseti(L, -2, i + 1); });
  return 1;
}

function pushReport(L: LuaState, applied: string[], notApplied: string[]): void {
  lua.lua_createtable(L, 0, 2);
  for (const [key, list] of [['applied', applied], ['not_applied', notApplied]] as const) {
    lua.lua_createtable(L, list.length, 0);
    list.forEach((s, i) => { pushText(L, s); lua.lua_rawseti(L, -2, i + 1); });
    lua.lua_setfield(L, -2, luaString(key));
  }
}

/** spawn_options{ executable = path|{paths} }: the options' fields to merge into system.spawn's table, and the report. */
function spawnOptions(L: LuaState): number {
  const executables: string[] = [];
  if (!lua.lua_isnoneornil(L, 1)) {
    if (lua.lua_type(L, 1) !== lua.LUA_TTABLE) return einval(L, 1);
    lua.lua_pushnil(L);
    while (lua.lua_next(L, 1) !== 0) {
      lua.lua_pop(L, 1);
      if (lua.lua_type(L, -1) !== lua.LUA_TSTRING || lua.lua_tojsstring(L, -1) !== 'executable') return einval(L, 1);
    }
    lua.lua_getfield(L, 1, luaString('executable'));
    if (lua.lua_type(L, -1) === lua.LUA_TSTRING) executables.push(lua.lua_tojsstring(L, -1));
    else if (lua.lua_type(L, -1) === lua.LUA_TTABLE) {
      lua.lua_pop(L, 1);
      executables.push(...stringList(L, 1, 'executable'));
      lua.lua_pushnil(L);
    } else if (!lua.lua_isnil(L, -1)) return einval(L, 'executable');
    lua.lua_pop(L, 1);
  }
  let plan;
  try {
    plan = planAmbientOff(executables);
  } catch (e) {
    if (e instanceof AmbientError) return raiseGenericError(L, e.errno, { arg: 'executable' });
    throw e;
  }
  lua.lua_createtable(L, 0, 3);
  lua.lua_pushboolean(L, true);
  lua.lua_setfield(L, -2, luaString('set_no_new_privs'));
  pushBytes(L, plan.filter);
  lua.lua_setfield(L, -2, luaString('seccomp_set_mode_filter'));
  if (plan.landlockFd !== undefined) {
    pushFileDescriptor(L, plan.landlockFd);
    lua.lua_setfield(L, -2, luaString('landlock_restrict_self'));
  }
  pushReport(L, plan.applied, plan.notApplied);
  return 2;
}

/**
 * ambient_authority_off(): this process, every thread: no_new_privs, the
 * Landlock domain (as system.landlock_restrict_self does it) and the seccomp
 * part (TSYNC). Nothing of the filesystem stays reachable: a module file
 * cannot be read afterwards, so actors are spawned before.
 */
function ambientAuthorityOff(L: LuaState): number {
  requireMaster(L);
  const plan = planAmbientOff();
  const addon = loadAddon();
  let r = addon.setNoNewPrivs();
  if (r >= 0 && plan.landlockFd !== undefined) {
    r = addon.landlockRestrictAllThreads(plan.landlockFd);
  }
  if (plan.landlockFd !== undefined) addon.fdClose(plan.landlockFd);
  if (r < 0) return raiseGenericError(L, -r);
  r = addon.seccompApplyTsync(plan.filter);
  if (r < 0) return raiseGenericError(L, -r);
  pushReport(L, plan.applied, plan.notApplied);
  return 1;
}

export function openSeccompPolicyModule(L: LuaState): void {
  lua.lua_createtable(L, 0, 6);
  setFunctions(L, -1, { compile, group, spawn_options: spawnOptions, ambient_authority_off: ambientAuthorityOff });
  lua.lua_pushnumber(L, GROUPS_VERSION);
  lua.lua_setfield(L, -2, luaString('VERSION'));
  const names = Object.keys(GROUPS);
  lua.lua_createtable(L, names.length, 0);
  names.forEach((n, i) => { pushText(L, n); lua.lua_rawseti(L, -2, i + 1); });
  lua.lua_setfield(L, -2, luaString('group_names'));
}
