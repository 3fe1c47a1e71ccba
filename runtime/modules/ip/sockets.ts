// The socket classes: ip.tcp.socket, ip.tcp.acceptor and ip.udp.socket,
// built once from the methods every socket shares (runtime/io/socket-ops.ts)
// plus what IP adds: families, endpoints, options (options.ts).

import { lua, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { raiseGenericError, raiseSystemError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { loadAddon } from '../../native/load-addon';
import { sockConstant, ipAddress, ipEndpointOf, unspecifiedAddress } from '../../io/socket-address';
import { SocketClass, SocketObject } from '../../io/socket-object';
import {
  commonMethods, isOpenProperty, openSocket, assignDescriptor, bindSocket, listenMethod, shutdownMethod,
  ioControlMethod, disconnect, receiveMethod, sendMethod, acceptMethod, waitMethod, suspendConnect,
} from '../../io/socket-ops';
import { einval } from '../../errors/args';
import { checkResult } from '../../errors/errno';
import { defineOptions, OptionTable, boolOption } from '../../io/socket-options';
import { pushAddress, toAddress, checkAddress, checkAddressOrString } from './address';
import { familyOf, checkPort } from './endpoint';
import { V6_ONLY, tcpSocketOptions, udpSocketOptions } from './options';
import { connectionAbortedOption } from '../../io/socket-options';

const IP_FLAGS: Readonly<Record<string, string>> = {
  do_not_route: 'MSG_DONTROUTE', end_of_record: 'MSG_EOR', out_of_band: 'MSG_OOB', peek: 'MSG_PEEK',
};

/** "v4" | "v6" | ip.address at idx, as AF_INET/AF_INET6. */
function checkFamily(L: LuaState, idx: number): number {
  if (lua.lua_type(L, idx) === lua.LUA_TSTRING) {
    const name = lua.lua_tojsstring(L, idx);
    if (name === 'v4') return sockConstant('AF_INET');
    if (name === 'v6') return sockConstant('AF_INET6');
    return einval(L, idx);
  }
  const address = toAddress(L, idx);
  return address === undefined ? einval(L, idx) : familyOf(address);
}

function endpointProperty(peer: boolean, part: 'address' | 'port') {
  return (L: LuaState, obj: SocketObject): number => {
    const raw = loadAddon().sockAddress(obj.openFd(L), peer);
    if (typeof raw === 'number') return raiseSystemError(L, -raw);
    const endpoint = ipEndpointOf(raw);
    if (endpoint === undefined) return raiseSystemError(L, errnoCodes.EAFNOSUPPORT);
    if (part === 'address') pushAddress(L, endpoint.address);
    else lua.lua_pushnumber(L, endpoint.port);
    return 1;
  };
}

/** Methods every IP socket and acceptor has. */
function ipBaseMethods(cls: SocketClass, options: OptionTable): Record<string, LuaJsFunction> {
  return {
    ...commonMethods(cls),
    ...defineOptions(cls, options),
    open(L) {
      lua.lua_settop(L, 2);
      const obj = cls.check(L, 1);
      openSocket(L, obj, checkFamily(L, 2));
      return 0;
    },
    assign(L) {
      lua.lua_settop(L, 3);
      const obj = cls.check(L, 1);
      const family = checkFamily(L, 2);
      assignDescriptor(L, obj, 3, family);
      return 0;
    },
    bind(L) {
      const obj = cls.check(L, 1);
      const port = checkPort(L, 3);
      const address = checkAddressOrString(L, 2);
      bindSocket(L, obj, ipAddress(address, port));
      return 0;
    },
  };
}

function connectMethod(cls: SocketClass): LuaJsFunction {
  return (L) => {
    const obj = cls.check(L, 1);
    const address = checkAddress(L, 2);
    const port = checkPort(L, 3);
    return suspendConnect(L, obj, familyOf(address), ipAddress(address, port));
  };
}

interface IpClasses {
  tcpSocket: SocketClass;
  tcpAcceptor: SocketClass;
  udpSocket: SocketClass;
}

let classes: IpClasses | undefined;

export function ipClasses(): IpClasses {
  if (classes !== undefined) return classes;
  const tcpSocket = new SocketClass('ip.tcp.socket', sockConstant('SOCK_STREAM'));
  tcpSocket.methods = {
    ...ipBaseMethods(tcpSocket, tcpSocketOptions()),
    connect: connectMethod(tcpSocket),
    disconnect(L) {
      disconnect(L, tcpSocket.check(L, 1), unspecifiedAddress());
      return 0;
    },
    shutdown: shutdownMethod(tcpSocket),
    io_control: ioControlMethod(tcpSocket),
    read_some: receiveMethod(tcpSocket, { eof: 'nonempty', flagsArg: 0, flags: {} }),
    write_some: sendMethod(tcpSocket, { flagsArg: 0, flags: {}, stream: true }),
    receive: receiveMethod(tcpSocket, { eof: 'nonempty', flagsArg: 3, flags: IP_FLAGS }),
    send: sendMethod(tcpSocket, { flagsArg: 3, flags: IP_FLAGS, stream: true }),
    wait: waitMethod(tcpSocket),
    // Windows only in Emilua (TransmitFile).
    send_file: (L) => raiseGenericError(L, errnoCodes.ENOSYS),
  };
  tcpSocket.properties = {
    is_open: isOpenProperty,
    local_address: endpointProperty(false, 'address'),
    local_port: endpointProperty(false, 'port'),
    remote_address: endpointProperty(true, 'address'),
    remote_port: endpointProperty(true, 'port'),
    at_mark(L, obj) {
      lua.lua_pushboolean(L, checkResult(L, loadAddon().sockAtMark(obj.openFd(L))) !== 0);
      return 1;
    },
  };

  const tcpAcceptor = new SocketClass('ip.tcp.acceptor', sockConstant('SOCK_STREAM'));
  tcpAcceptor.methods = {
    ...ipBaseMethods(tcpAcceptor, {
      reuse_address: boolOption('SOL_SOCKET', 'SO_REUSEADDR'),
      enable_connection_aborted: connectionAbortedOption(),
      debug: boolOption('SOL_SOCKET', 'SO_DEBUG'),
      v6_only: V6_ONLY,
    }),
    listen: listenMethod(tcpAcceptor),
    accept: acceptMethod(tcpAcceptor, tcpSocket),
    wait: waitMethod(tcpAcceptor),
  };
  tcpAcceptor.properties = {
    is_open: isOpenProperty,
    local_address: endpointProperty(false, 'address'),
    local_port: endpointProperty(false, 'port'),
  };

  const udpSocket = new SocketClass('ip.udp.socket', sockConstant('SOCK_DGRAM'));
  const pushSender = (L: LuaState, raw: Uint8Array): number => {
    const endpoint = ipEndpointOf(raw);
    if (endpoint === undefined) {
      lua.lua_pushnil(L);
      lua.lua_pushnil(L);
    } else {
      pushAddress(L, endpoint.address);
      lua.lua_pushnumber(L, endpoint.port);
    }
    return 2;
  };
  udpSocket.methods = {
    ...ipBaseMethods(udpSocket, udpSocketOptions()),
    connect: connectMethod(udpSocket),
    disconnect(L) {
      disconnect(L, udpSocket.check(L, 1), unspecifiedAddress());
      return 0;
    },
    shutdown: shutdownMethod(udpSocket),
    io_control: ioControlMethod(udpSocket),
    receive: receiveMethod(udpSocket, { eof: 'never', flagsArg: 3, flags: IP_FLAGS }),
    receive_from: receiveMethod(udpSocket, { eof: 'never', flagsArg: 3, flags: IP_FLAGS, from: pushSender }),
    send: sendMethod(udpSocket, { flagsArg: 3, flags: IP_FLAGS, stream: false }),
    send_to: sendMethod(udpSocket, {
      flagsArg: 5, flags: IP_FLAGS, stream: false,
      to: (L) => {
        const address = checkAddress(L, 3);
        return ipAddress(address, checkPort(L, 4));
      },
    }),
  };
  udpSocket.properties = {
    is_open: isOpenProperty,
    local_address: endpointProperty(false, 'address'),
    local_port: endpointProperty(false, 'port'),
    remote_address: endpointProperty(true, 'address'),
    remote_port: endpointProperty(true, 'port'),
  };
  classes = { tcpSocket, tcpAcceptor, udpSocket };
  return classes;
}
