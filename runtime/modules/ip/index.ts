// require 'ip': addresses, TCP and UDP sockets, name resolution.
//
//   ip.address                     address.ts
//   ip.tcp.socket, ip.tcp.acceptor, ip.udp.socket   (runtime/io/socket-*.ts)
//   ip.{tcp,udp}.get_address_info / _v4_info / _v6_info, get_name_info   resolver.ts
//   ip.host_name(), ip.tostring(addr[, port]), ip.toendpoint(str)
//   ip.connect(sock, entries[, cond]), ip.{tcp,udp}.dial(ep)   lua-stdlib/ip.lua
//   ip.tcp.listen(ep)

import { lua, lauxlib, luaString, pushText, setFunctions, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { raiseGenericError, raiseSystemError, pushError, isRuntimeError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { ipSource } from '../../lua/lua-stdlib-sources';
import { asioMiscCategory } from '../../io/errors';
import { loadAddon } from '../../native/load-addon';
import { sockConstant, ipAddress, ipEndpointOf, unspecifiedAddress, IpAddress } from '../../io/socket-address';
import { SocketClass, SocketObject } from '../../io/socket-object';
import {
  commonMethods, isOpenProperty, openSocket, assignDescriptor, bindSocket, listenMethod, shutdownMethod,
  ioControlMethod, disconnect, receiveMethod, sendMethod, acceptMethod, waitMethod, suspendConnect,
} from '../../io/socket-ops';
import { checkBoolean, checkInteger, einval } from '../../errors/args';
import { checkResult } from '../../errors/errno';
import { defineOptions, OptionSpec, OptionTable, intOption, boolOption, int32 } from '../../io/socket-options';
import {
  pushAddressClass, pushAddress, toAddress, checkAddress, checkAddressOrString, parseAddress, parseV4, parseV6,
  addressToString,
} from './address';
import { getAddressInfo, getNameInfo, hostName } from './resolver';
import { servedSocketCall } from '../../io/libc-service/gate';

const MISC_NOT_FOUND = 3;

const IP_FLAGS: Readonly<Record<string, string>> = {
  do_not_route: 'MSG_DONTROUTE', end_of_record: 'MSG_EOR', out_of_band: 'MSG_OOB', peek: 'MSG_PEEK',
};

function familyOf(address: IpAddress): number {
  return sockConstant(address.bytes.length === 16 ? 'AF_INET6' : 'AF_INET');
}

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

function checkPort(L: LuaState, idx: number): number {
  return checkInteger(L, idx) & 0xffff;
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

/** An option whose level and name depend on the socket's family (IPv4 or IPv6). */
function perFamily(v4: OptionSpec, v6: OptionSpec): OptionSpec {
  const pick = (obj: SocketObject): OptionSpec => (obj.family === sockConstant('AF_INET6') ? v6 : v4);
  return {
    get: (L, obj) => (pick(obj).get as NonNullable<OptionSpec['get']>)(L, obj),
    set: (L, obj) => (pick(obj).set as NonNullable<OptionSpec['set']>)(L, obj),
  };
}

const lingerOption: OptionSpec = {
  get(L, obj) {
    const raw = loadAddon().sockGetOptionBytes(obj.openFd(L), sockConstant('SOL_SOCKET'), sockConstant('SO_LINGER'), 8);
    if (typeof raw === 'number') return raiseSystemError(L, -raw);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
    lua.lua_pushboolean(L, raw.length >= 4 && view.getInt32(0, little) !== 0);
    lua.lua_pushnumber(L, raw.length >= 8 ? view.getInt32(4, little) : 0);
    return 2;
  },
  set(L, obj) {
    const on = checkBoolean(L, 3);
    const timeout = int32(L, checkInteger(L, 4), 4);
    const bytes = new Int32Array([on ? 1 : 0, timeout]);
    checkResult(L, loadAddon().sockSetOptionBytes(obj.openFd(L), sockConstant('SOL_SOCKET'), sockConstant('SO_LINGER'),
      new Uint8Array(bytes.buffer)));
  },
};

/** join_multicast_group / leave_multicast_group (an IPv6 group joins on its scope_id's interface). */
function membershipOption(join: boolean): OptionSpec {
  return {
    set(L, obj) {
      const group = checkAddress(L, 3);
      const fd = obj.openFd(L);
      if (group.bytes.length === 4) {
        const mreq = new Uint8Array(8);
        mreq.set(group.bytes, 0);
        checkResult(L, loadAddon().sockSetOptionBytes(fd, sockConstant('IPPROTO_IP'),
          sockConstant(join ? 'IP_ADD_MEMBERSHIP' : 'IP_DROP_MEMBERSHIP'), mreq));
      } else {
        const mreq = new Uint8Array(20);
        mreq.set(group.bytes, 0);
        new DataView(mreq.buffer).setUint32(16, group.scopeId, new Uint8Array(new Uint16Array([1]).buffer)[0] === 1);
        checkResult(L, loadAddon().sockSetOptionBytes(fd, sockConstant('IPPROTO_IPV6'),
          sockConstant(join ? 'IPV6_JOIN_GROUP' : 'IPV6_LEAVE_GROUP'), mreq));
      }
    },
  };
}

/** multicast_interface: an IPv4 address, or an interface index (IPv6). */
const multicastInterfaceOption: OptionSpec = {
  set(L, obj) {
    const fd = obj.openFd(L);
    if (lua.lua_type(L, 3) === lua.LUA_TNUMBER) {
      const index = checkInteger(L, 3);
      if (obj.family === sockConstant('AF_INET6')) {
        checkResult(L, loadAddon().sockSetOption(fd, sockConstant('IPPROTO_IPV6'), sockConstant('IPV6_MULTICAST_IF'), int32(L, index, 3)));
      } else {
        checkResult(L, loadAddon().sockSetOptionBytes(fd, sockConstant('IPPROTO_IP'), sockConstant('IP_MULTICAST_IF'), new Uint8Array(4)));
      }
      return;
    }
    const address = checkAddress(L, 3);
    if (address.bytes.length !== 4) return einval(L, 3);
    checkResult(L, loadAddon().sockSetOptionBytes(fd, sockConstant('IPPROTO_IP'), sockConstant('IP_MULTICAST_IF'), address.bytes));
  },
};

function connectionAbortedOption(): OptionSpec {
  return {
    get(L, obj) {
      obj.openFd(L);
      lua.lua_pushboolean(L, obj.enableConnectionAborted);
      return 1;
    },
    set(L, obj) {
      const on = checkBoolean(L, 3);
      obj.openFd(L);
      obj.enableConnectionAborted = on;
    },
  };
}

const V6_ONLY = boolOption('IPPROTO_IPV6', 'IPV6_V6ONLY');

function tcpSocketOptions(): OptionTable {
  return {
    tcp_no_delay: boolOption('IPPROTO_TCP', 'TCP_NODELAY'),
    send_low_watermark: intOption('SOL_SOCKET', 'SO_SNDLOWAT'),
    send_buffer_size: intOption('SOL_SOCKET', 'SO_SNDBUF'),
    receive_low_watermark: intOption('SOL_SOCKET', 'SO_RCVLOWAT'),
    receive_buffer_size: intOption('SOL_SOCKET', 'SO_RCVBUF'),
    out_of_band_inline: boolOption('SOL_SOCKET', 'SO_OOBINLINE'),
    linger: lingerOption,
    keep_alive: boolOption('SOL_SOCKET', 'SO_KEEPALIVE'),
    do_not_route: boolOption('SOL_SOCKET', 'SO_DONTROUTE'),
    debug: boolOption('SOL_SOCKET', 'SO_DEBUG'),
    v6_only: V6_ONLY,
  };
}

function udpSocketOptions(): OptionTable {
  return {
    debug: boolOption('SOL_SOCKET', 'SO_DEBUG'),
    broadcast: boolOption('SOL_SOCKET', 'SO_BROADCAST'),
    do_not_route: boolOption('SOL_SOCKET', 'SO_DONTROUTE'),
    send_buffer_size: intOption('SOL_SOCKET', 'SO_SNDBUF'),
    receive_buffer_size: intOption('SOL_SOCKET', 'SO_RCVBUF'),
    reuse_address: boolOption('SOL_SOCKET', 'SO_REUSEADDR'),
    multicast_loop: perFamily(boolOption('IPPROTO_IP', 'IP_MULTICAST_LOOP'), boolOption('IPPROTO_IPV6', 'IPV6_MULTICAST_LOOP')),
    multicast_hops: perFamily(intOption('IPPROTO_IP', 'IP_MULTICAST_TTL'), intOption('IPPROTO_IPV6', 'IPV6_MULTICAST_HOPS')),
    unicast_hops: perFamily(intOption('IPPROTO_IP', 'IP_TTL'), intOption('IPPROTO_IPV6', 'IPV6_UNICAST_HOPS')),
    join_multicast_group: membershipOption(true),
    leave_multicast_group: membershipOption(false),
    multicast_interface: multicastInterfaceOption,
    v6_only: V6_ONLY,
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

function ipClasses(): IpClasses {
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

function constructor(cls: SocketClass): LuaJsFunction {
  return (L) => {
    cls.pushNew(L, sockConstant('AF_INET'), null);
    return 1;
  };
}

/** Splits "host:port" / "[v6]:port" at the last colon; the port must be decimal without leading zeros. */
function splitEndpoint(L: LuaState, text: string): { host: string; port: string; bracketed: boolean } {
  const colon = text.lastIndexOf(':');
  if (colon === -1) return einval(L, 1);
  const port = text.slice(colon + 1);
  if (port.startsWith('0') && port.length !== 1) return einval(L, 1);
  let host = text.slice(0, colon);
  let bracketed = false;
  if (host.startsWith('[')) {
    if (!host.endsWith(']')) return einval(L, 1);
    host = host.slice(1, -1);
    bracketed = true;
  }
  return { host, port, bracketed };
}

function checkEndpointText(L: LuaState): string {
  lauxlib.luaL_checktype(L, 1, lua.LUA_TSTRING);
  return Buffer.from(lua.lua_tolstring(L, 1) as Uint8Array).toString('latin1');
}

/** "addr:port" with a numeric address and port, as ip.toendpoint and ip.tcp.listen read it. */
function parseNumericEndpoint(L: LuaState): { address: IpAddress; port: number } {
  const { host, port, bracketed } = splitEndpoint(L, checkEndpointText(L));
  if (!/^\d+$/.test(port)) return einval(L, 1);
  const value = Number(port);
  if (value > 0xffff) return raiseGenericError(L, errnoCodes.ERANGE, { arg: 1 });
  const address = parseAddress(Buffer.from(host, 'latin1'));
  if (address === undefined) return raiseSystemError(L, errnoCodes.EINVAL);
  if (bracketed !== address.isV6) return einval(L, 1);
  return { address, port: value };
}

const toendpoint: LuaJsFunction = (L) => {
  const { address, port } = parseNumericEndpoint(L);
  pushAddress(L, address);
  lua.lua_pushnumber(L, port);
  return 2;
};

/** The host and service strings of a dial() endpoint (the host need not be numeric). */
const toendpoint2: LuaJsFunction = (L) => {
  const { host, port, bracketed } = splitEndpoint(L, checkEndpointText(L));
  const bytes = Buffer.from(host, 'latin1');
  const address = parseV6(bytes) ?? parseV4(bytes);
  if (address !== undefined && bracketed !== address.isV6) return einval(L, 1);
  lua.lua_pushstring(L, Uint8Array.from(bytes));
  lua.lua_pushstring(L, Uint8Array.from(Buffer.from(port, 'latin1')));
  return 2;
};

const tostring: LuaJsFunction = (L) => {
  const n = lua.lua_gettop(L);
  const address = toAddress(L, 1);
  if (address === undefined) return einval(L, 1);
  const text = addressToString(address);
  if (n === 1) {
    pushText(L, text);
    return 1;
  }
  if (n !== 2) return einval(L, 3);
  const port = checkPort(L, 2);
  pushText(L, address.isV6 ? `[${text}]:${port}` : `${text}:${port}`);
  return 1;
};

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
