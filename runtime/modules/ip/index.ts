// require 'ip': addresses, TCP and UDP sockets, name resolution.
//
//   ip.address                     address.ts
//   ip.tcp.socket, ip.tcp.acceptor, ip.udp.socket   sockets.ts, options.ts (over runtime/io/socket-*.ts)
//   ip.{tcp,udp}.get_address_info / _v4_info / _v6_info, get_name_info, ip.host_name()   resolver.ts
//   ip.tostring(addr[, port]), ip.toendpoint(str)   endpoint.ts
//   ip.connect(sock, entries[, cond]), ip.{tcp,udp}.dial(ep)   lua-stdlib/ip.lua
//   ip.tcp.listen(ep) and the module table   here

import { lua, lauxlib, luaString, setFunctions, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { raiseGenericError, raiseSystemError, pushError, isRuntimeError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { ipSource } from '../../lua/lua-stdlib-sources';
import { asioMiscCategory } from '../../io/errors';
import { loadAddon } from '../../native/load-addon';
import { sockConstant, ipAddress } from '../../io/socket-address';
import { SocketClass } from '../../io/socket-object';
import { checkResult } from '../../errors/errno';
import { pushAddressClass } from './address';
import { getAddressInfo, getNameInfo, hostName } from './resolver';
import { familyOf, parseNumericEndpoint, toendpoint, toendpoint2, tostring } from './endpoint';
import { ipClasses } from './sockets';
import { servedSocketCall } from '../../io/libc-service/gate';

const MISC_NOT_FOUND = 3;

function constructor(cls: SocketClass): LuaJsFunction {
  return (L) => {
    cls.pushNew(L, sockConstant('AF_INET'), null);
    return 1;
  };
}

/** ip.tcp.listen(ep): an acceptor with reuse_address, bound to ep and listening. */
const tcpListen: LuaJsFunction = (L) => {
  const { address, port } = parseNumericEndpoint(L);
  const cls = ipClasses().tcpAcceptor;
  const fd = checkResult(L, loadAddon().sockOpen(familyOf(address), cls.type));
  const fail = (ret: number): void => {
    if (ret >= 0) return;
    loadAddon().fdClose(fd);
    raiseSystemError(L, -ret);
  };
  fail(loadAddon().sockSetOption(fd, sockConstant('SOL_SOCKET'), sockConstant('SO_REUSEADDR'), 1));
  const bound = ipAddress(address, port);
  fail(servedSocketCall('bind', fd, bound) ?? loadAddon().sockBind(fd, bound));
  fail(loadAddon().sockListen(fd, sockConstant('SOMAXCONN')));
  cls.pushNew(L, familyOf(address), fd);
  return 1;
};

function copyGlobal(L: LuaState, name: string): void {
  lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, lua.LUA_RIDX_GLOBALS);
  lua.lua_getfield(L, -1, luaString(name));
  lua.lua_remove(L, -2);
  lua.lua_setfield(L, -2, luaString(name));
}

/** Runs lua-stdlib/ip.lua; leaves its table { connect, make_dial } on the stack. */
function loadIpChunk(L: LuaState): void {
  const status = lauxlib.luaL_loadbufferx(L, ipSource, ipSource.length, luaString('=ip'), luaString('t'));
  if (status !== lua.LUA_OK) throw new Error(`lua-stdlib/ip.lua: ${lua.lua_tojsstring(L, -1)}`);
  lua.lua_createtable(L, 0, 8);
  for (const name of ['pcall', 'error', 'type']) copyGlobal(L, name);
  setFunctions(L, -1, {
    not_found(L) {
      pushError(L, asioMiscCategory, MISC_NOT_FOUND);
      return 1;
    },
    raise_einval(L) {
      return raiseGenericError(L, errnoCodes.EINVAL, { arg: lua.lua_tonumber(L, 1) });
    },
    is_canceled(L) {
      lua.lua_pushboolean(L, isRuntimeError(L, 1, 'fiber_canceled'));
      return 1;
    },
    toendpoint2,
  });
  lua.lua_call(L, 1, 1);
}

const MODULE_KEY = luaString('emilua-ts ip module');

export function openIpModule(L: LuaState): void {
  if (lua.lua_getfield(L, lua.LUA_REGISTRYINDEX, MODULE_KEY) === lua.LUA_TTABLE) return;
  lua.lua_pop(L, 1);
  const { tcpSocket, tcpAcceptor, udpSocket } = ipClasses();
  loadIpChunk(L);
  const chunk = lua.lua_gettop(L);

  lua.lua_createtable(L, 0, 8);
  setFunctions(L, -1, { host_name: hostName, tostring, toendpoint });
  lua.lua_getfield(L, chunk, luaString('connect'));
  lua.lua_setfield(L, -2, luaString('connect'));
  pushAddressClass(L);
  lua.lua_setfield(L, -2, luaString('address'));

  for (const protocol of ['tcp', 'udp'] as const) {
    const socketCls = protocol === 'tcp' ? tcpSocket : udpSocket;
    lua.lua_createtable(L, 0, 8);
    lua.lua_createtable(L, 0, 1);
    setFunctions(L, -1, { new: constructor(socketCls) });
    lua.lua_setfield(L, -2, luaString('socket'));
    if (protocol === 'tcp') {
      lua.lua_createtable(L, 0, 1);
      setFunctions(L, -1, { new: constructor(tcpAcceptor) });
      lua.lua_setfield(L, -2, luaString('acceptor'));
      setFunctions(L, -1, { listen: tcpListen });
    }
    setFunctions(L, -1, {
      get_address_info: getAddressInfo(protocol, 'any'),
      get_address_v4_info: getAddressInfo(protocol, 'v4'),
      get_address_v6_info: getAddressInfo(protocol, 'v6'),
      get_name_info: getNameInfo(protocol),
    });
    // dial = make_dial(get_address_info, socket.new)
    lua.lua_getfield(L, chunk, luaString('make_dial'));
    lua.lua_getfield(L, -2, luaString('get_address_info'));
    lua.lua_pushcfunction(L, constructor(socketCls));
    lua.lua_call(L, 2, 1);
    lua.lua_setfield(L, -2, luaString('dial'));
    lua.lua_setfield(L, -2, luaString(protocol));
  }
  lua.lua_remove(L, chunk);
  lua.lua_pushvalue(L, -1);
  lua.lua_setfield(L, lua.LUA_REGISTRYINDEX, MODULE_KEY);
}
