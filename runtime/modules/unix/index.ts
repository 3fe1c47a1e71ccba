// require 'unix': UNIX domain sockets (Emilua 0.8+ layout).
//
//   unix.stream.socket     new([fd]), pair(); read_some/write_some
//   unix.seqpacket.socket  new([fd]), pair(); receive/send (+ read_some/write_some)
//   unix.datagram.socket   new([fd]), pair(); receive(_from)/send(_to)
//   unix.stream.acceptor, unix.seqpacket.acceptor   new([fd]); accept/wait
//   unix.{stream,seqpacket,datagram}.dial(ep), unix.{stream,seqpacket}.listen(ep[, mode])
//
// Every socket also passes descriptors (receive_with_fds/send_with_fds, and
// the *_from/*_to forms for datagrams). Addresses are filesystem.path objects
// or strings taken byte for byte; a first byte 0 names an abstract socket,
// and dial/listen also read a leading "@" that way. The machinery lives in
// runtime/io/ (socket-object.ts, socket-ops.ts, socket-io.ts).

import * as fs from 'node:fs';
import { lua, luaString, setFunctions, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { raiseSystemError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { checkSuspensionAllowed } from '../../fiber/suspension';
import { pushPathBytes, pathBuffer } from '../../io/path-object';
import { checkPathOrString } from '../../io/path-object';
import { loadAddon } from '../../native/load-addon';
import { raiseIoError } from '../../io/fiber-io';
import { sockConstant, unixAddress, unixPathOf, unspecifiedAddress } from '../../io/socket-address';
import { SocketClass, SocketObject } from '../../io/socket-object';
import {
  commonMethods, isOpenProperty, openSocket, assignDescriptor, bindSocket, listenMethod, shutdownMethod,
  ioControlMethod, disconnect, receiveMethod, sendMethod, acceptMethod,
  waitMethod, suspendConnect, EofRule,
} from '../../io/socket-ops';
import { receiveFdsMethod, sendFdsMethod } from '../../io/socket-fds';
import { einval } from '../../errors/args';
import { checkResult } from '../../errors/errno';
import {
  defineOptions, OptionTable, intOption, boolOption, remoteCredentialsOption, securityLabelOption, freebsdOnlyOption, connectionAbortedOption,
} from '../../io/socket-options';
import { checkFileDescriptor } from '../../io/descriptor-object';
import { servedSocketCall } from '../../io/libc-service/gate';

const UNIX_FLAGS: Readonly<Record<string, string>> = { peek: 'MSG_PEEK' };

/**
 * A pathname with a NUL byte inside raises EINVAL (arg idx), as the
 * filesystem functions do: the kernel would end the name at the NUL and use
 * another file's name. An abstract name (first byte 0) is bytes, NULs too.
 */
function checkNoInnerNul(L: LuaState, idx: number, path: Uint8Array): void {
  if (path.length > 0 && path[0] !== 0 && path.includes(0)) einval(L, idx);
}

/** The sockaddr_un of a path or string argument; a path too long raises ENAMETOOLONG. */
function addressArg(L: LuaState, idx: number): Uint8Array {
  const path = pathBuffer(checkPathOrString(L, idx));
  checkNoInnerNul(L, idx, path);
  const address = unixAddress(path);
  return address === undefined ? raiseSystemError(L, errnoCodes.ENAMETOOLONG) : address;
}

/** dial/listen endpoints: a leading "@" names an abstract socket. */
function endpointArg(L: LuaState, idx: number): { address: Uint8Array; abstract: boolean; path: Uint8Array } {
  const path = Uint8Array.from(pathBuffer(checkPathOrString(L, idx)));
  const abstract = path.length > 0 && path[0] === 0x40;
  if (abstract) path[0] = 0;
  checkNoInnerNul(L, idx, path);
  const address = unixAddress(path);
  if (address === undefined) return raiseSystemError(L, errnoCodes.ENAMETOOLONG);
  return { address, abstract: abstract || path[0] === 0, path };
}

const pushSender = (L: LuaState, address: Uint8Array): number => {
  pushPathBytes(L, unixPathOf(address));
  return 1;
};

function pathProperty(peer: boolean) {
  return (L: LuaState, obj: SocketObject): number => {
    const raw = loadAddon().sockAddress(obj.openFd(L), peer);
    if (typeof raw === 'number') return raiseSystemError(L, -raw);
    pushPathBytes(L, unixPathOf(raw));
    return 1;
  };
}

interface Flavour {
  readonly name: 'stream' | 'seqpacket' | 'datagram';
  readonly type: string;
  readonly eof: EofRule;
}

const FLAVOURS: readonly Flavour[] = [
  { name: 'stream', type: 'SOCK_STREAM', eof: 'nonempty' },
  { name: 'seqpacket', type: 'SOCK_SEQPACKET', eof: 'always' },
  { name: 'datagram', type: 'SOCK_DGRAM', eof: 'never' },
];

function socketOptions(flavour: Flavour): OptionTable {
  const table: OptionTable = {
    debug: boolOption('SOL_SOCKET', 'SO_DEBUG'),
    send_buffer_size: intOption('SOL_SOCKET', 'SO_SNDBUF'),
    receive_buffer_size: intOption('SOL_SOCKET', 'SO_RCVBUF'),
  };
  if (flavour.name === 'stream') {
    table.send_low_watermark = intOption('SOL_SOCKET', 'SO_SNDLOWAT');
    table.receive_low_watermark = intOption('SOL_SOCKET', 'SO_RCVLOWAT');
  }
  if (flavour.name !== 'datagram') {
    table.remote_credentials = remoteCredentialsOption;
    table.remote_security_label = securityLabelOption;
    table.remote_security_labels = freebsdOnlyOption;
  }
  return table;
}

/** open() and bind(path) of unix sockets and acceptors alike. */
function openAndBind(cls: SocketClass): Record<string, LuaJsFunction> {
  const AF_UNIX = sockConstant('AF_UNIX');
  return {
    open(L) {
      openSocket(L, cls.check(L, 1), AF_UNIX);
      return 0;
    },
    bind(L) {
      bindSocket(L, cls.check(L, 1), addressArg(L, 2));
      return 0;
    },
  };
}

function makeSocketClass(flavour: Flavour): SocketClass {
  const cls = new SocketClass(`unix.${flavour.name}.socket`, sockConstant(flavour.type));
  const AF_UNIX = sockConstant('AF_UNIX');
  const stream = flavour.name === 'stream';
  const datagram = flavour.name === 'datagram';
  const options = defineOptions(cls, socketOptions(flavour));
  const methods: Record<string, LuaJsFunction> = {
    ...commonMethods(cls),
    ...options,
    ...openAndBind(cls),
    connect(L) {
      const obj = cls.check(L, 1);
      return suspendConnect(L, obj, AF_UNIX, addressArg(L, 2));
    },
    disconnect(L) {
      disconnect(L, cls.check(L, 1), unspecifiedAddress());
      return 0;
    },
    assign(L) {
      assignDescriptor(L, cls.check(L, 1), 2, AF_UNIX);
      return 0;
    },
    shutdown: shutdownMethod(cls),
    io_control: ioControlMethod(cls),
    receive_with_fds: receiveFdsMethod(cls, { eof: flavour.eof, rejectTruncated: !stream }),
    send_with_fds: sendFdsMethod(cls, {}),
  };
  if (stream) {
    methods.read_some = receiveMethod(cls, { eof: 'nonempty', flagsArg: 0, flags: {} });
    methods.write_some = sendMethod(cls, { flagsArg: 0, flags: {}, stream: true });
  } else {
    methods.receive = receiveMethod(cls, { eof: flavour.eof, flagsArg: 3, flags: UNIX_FLAGS });
    methods.send = sendMethod(cls, { flagsArg: 3, flags: UNIX_FLAGS, stream: false });
  }
  if (flavour.name === 'seqpacket') {
    // Not in Emilua: lets stream.read_all/write_all and stream.scanner use
    // a seqpacket socket (docs/compat.md).
    methods.read_some = receiveMethod(cls, { eof: 'always', flagsArg: 0, flags: {} });
    methods.write_some = sendMethod(cls, { flagsArg: 0, flags: {}, stream: false });
  }
  if (datagram) {
    methods.receive_from = receiveMethod(cls, { eof: 'never', flagsArg: 3, flags: UNIX_FLAGS, from: pushSender });
    methods.send_to = sendMethod(cls, { flagsArg: 4, flags: UNIX_FLAGS, stream: false, to: (L) => addressArg(L, 3) });
    methods.receive_from_with_fds = receiveFdsMethod(cls, { eof: 'never', rejectTruncated: true, from: pushSender });
    methods.send_to_with_fds = sendFdsMethod(cls, { to: (L) => addressArg(L, 3) });
  }
  cls.methods = methods;
  cls.properties = {
    is_open: isOpenProperty,
    local_path: pathProperty(false),
    remote_path: pathProperty(true),
  };
  return cls;
}

function makeAcceptorClass(flavour: Flavour, socketCls: SocketClass): SocketClass {
  const cls = new SocketClass(`unix.${flavour.name}.acceptor`, sockConstant(flavour.type));
  const AF_UNIX = sockConstant('AF_UNIX');
  const options = defineOptions(cls, {
    debug: boolOption('SOL_SOCKET', 'SO_DEBUG'),
    enable_connection_aborted: connectionAbortedOption(),
  });
  cls.methods = {
    ...commonMethods(cls),
    ...options,
    ...openAndBind(cls),
    assign(L) {
      assignDescriptor(L, cls.check(L, 1), 2, AF_UNIX);
      return 0;
    },
    listen: listenMethod(cls),
    accept: acceptMethod(cls, socketCls),
    wait: waitMethod(cls),
  };
  cls.properties = {
    is_open: isOpenProperty,
    local_path: pathProperty(false),
  };
  return cls;
}

interface UnixClasses {
  sockets: Map<string, SocketClass>;
  acceptors: Map<string, SocketClass>;
}

let classes: UnixClasses | undefined;

/** Built on first use: the socket constants come from the addon, never loaded while a snapshot is built. */
function unixClasses(): UnixClasses {
  if (classes !== undefined) return classes;
  const sockets = new Map<string, SocketClass>();
  const acceptors = new Map<string, SocketClass>();
  for (const flavour of FLAVOURS) {
    const socketCls = makeSocketClass(flavour);
    sockets.set(flavour.name, socketCls);
    if (flavour.name !== 'datagram') acceptors.set(flavour.name, makeAcceptorClass(flavour, socketCls));
  }
  classes = { sockets, acceptors };
  return classes;
}

/** new([fd]) of a socket or acceptor class. */
function constructor(cls: SocketClass): LuaJsFunction {
  return (L) => {
    const AF_UNIX = sockConstant('AF_UNIX');
    if (lua.lua_gettop(L) === 0) {
      cls.pushNew(L, AF_UNIX, null);
      return 1;
    }
    const fd = checkFileDescriptor(L, 1).release();
    cls.pushNew(L, AF_UNIX, fd);
    return 1;
  };
}

function pairFunction(cls: SocketClass): LuaJsFunction {
  return (L) => {
    const fds = loadAddon().sockPair(cls.type);
    if (typeof fds === 'number') return raiseSystemError(L, -fds);
    const AF_UNIX = sockConstant('AF_UNIX');
    cls.pushNew(L, AF_UNIX, fds[0]);
    cls.pushNew(L, AF_UNIX, fds[1]);
    return 2;
  };
}

/** dial(ep): a new connected socket; the socket is closed if the connection fails. */
function dialFunction(cls: SocketClass): LuaJsFunction {
  return (L) => {
    lua.lua_settop(L, 1);
    checkSuspensionAllowed(L, false);
    const { address } = endpointArg(L, 1);
    const AF_UNIX = sockConstant('AF_UNIX');
    const fd = checkResult(L, loadAddon().sockOpen(AF_UNIX, cls.type));
    const obj = cls.pushNew(L, AF_UNIX, fd);
    lua.lua_replace(L, 1);
    try {
      return suspendConnect(L, obj, AF_UNIX, address, (L, result) => {
        if (result < 0) {
          obj.handle.close();
          return raiseIoError(L, -result);
        }
        cls.push(L, obj);
        return 1;
      });
    } catch (err) {
      // The connect never started (forbid-suspend, cancellation): nothing
      // else will close it. A yield also lands here, with the socket in use.
      if (obj.handle.isOpen && !isYield(err)) obj.handle.close();
      throw err;
    }
  };
}

/** fengari's lua_yield throws; it must pass through untouched. */
function isYield(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { status?: number }).status === lua.LUA_YIELD;
}

/**
 * listen(ep[, mode]): an acceptor bound to ep and listening. With mode, the
 * socket is fchmod()ed before bind and the file chmod()ed after it (both
 * with mode & 0777). Nothing is removed first: an existing file is EADDRINUSE.
 */
function listenFunction(cls: SocketClass): LuaJsFunction {
  return (L) => {
    lua.lua_settop(L, 2);
    const { address, abstract, path } = endpointArg(L, 1);
    let mode: number | undefined;
    if (!lua.lua_isnil(L, 2)) {
      if (lua.lua_type(L, 2) !== lua.LUA_TNUMBER) return einval(L, 2);
      mode = Math.trunc(lua.lua_tonumber(L, 2)) & 0o777;
    }
    const AF_UNIX = sockConstant('AF_UNIX');
    const fd = checkResult(L, loadAddon().sockOpen(AF_UNIX, cls.type));
    const fail = (errno: number): never => {
      loadAddon().fdClose(fd);
      return raiseSystemError(L, errno);
    };
    if (mode !== undefined) {
      const ret = loadAddon().fdFchmod(fd, mode);
      if (ret < 0) fail(-ret);
    }
    let ret = servedSocketCall('bind', fd, address) ?? loadAddon().sockBind(fd, address);
    if (ret < 0) fail(-ret);
    if (mode !== undefined && !abstract) {
      try {
        fs.chmodSync(Buffer.from(path), mode);
      } catch (err) {
        const errno = (err as NodeJS.ErrnoException).errno;
        fail(typeof errno === 'number' ? -errno : errnoCodes.EIO);
      }
    }
    ret = loadAddon().sockListen(fd, sockConstant('SOMAXCONN'));
    if (ret < 0) fail(-ret);
    cls.pushNew(L, AF_UNIX, fd);
    return 1;
  };
}

export function openUnixModule(L: LuaState): void {
  const { sockets, acceptors } = unixClasses();
  lua.lua_createtable(L, 0, 3);
  for (const flavour of FLAVOURS) {
    const socketCls = sockets.get(flavour.name) as SocketClass;
    lua.lua_createtable(L, 0, 4);
    lua.lua_createtable(L, 0, 2);
    setFunctions(L, -1, { new: constructor(socketCls), pair: pairFunction(socketCls) });
    lua.lua_setfield(L, -2, luaString('socket'));
    setFunctions(L, -1, { dial: dialFunction(socketCls) });
    const acceptorCls = acceptors.get(flavour.name);
    if (acceptorCls !== undefined) {
      lua.lua_createtable(L, 0, 1);
      setFunctions(L, -1, { new: constructor(acceptorCls) });
      lua.lua_setfield(L, -2, luaString('acceptor'));
      setFunctions(L, -1, { listen: listenFunction(acceptorCls) });
    }
    lua.lua_setfield(L, -2, luaString(flavour.name));
  }
}
