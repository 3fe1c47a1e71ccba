// The host side of every socket object (unix.*.socket/acceptor, ip.tcp.*,
// ip.udp.socket) and the Lua class glue they share.
//
// A SocketHandle owns at most one descriptor, driven by a SocketIo. It is a
// VM resource: closed by the script, when its Lua object is collected, or
// when its VM terminates (vm-resources.ts). close() and cancel() abort the
// waiting operations with operation_aborted (ECANCELED), as Asio does;
// release() hands the descriptor out after aborting them.

import { lua, lauxlib, luaString, setFunctions, pushUserdata, toUserdata, LuaState, LuaJsFunction, indexKey } from '../lua/lua-api';
import { raiseGenericError, raiseSystemError, raiseRuntimeError } from '../errors/error-object';
import { errnoCodes } from '../errors/categories';
import { loadAddon } from '../native/load-addon';
import { SocketIo, Lane, Attempt } from './socket-io';
import type { IoDone, IoRequest } from './async-fd';
import { adoptVmResource, closeWithUserdata, disownVmResource, VmResource } from './vm-resources';

const ECANCELED = errnoCodes.ECANCELED;
const EBADF = errnoCodes.EBADF;

export class SocketHandle implements VmResource {
  io: SocketIo | null = null;

  get isOpen(): boolean {
    return this.io !== null;
  }

  /** The descriptor, or -1 when closed. */
  get fd(): number {
    return this.io === null ? -1 : this.io.fd;
  }

  /** Takes ownership of `fd` for the VM of L. */
  open(L: LuaState, fd: number): void {
    this.io = new SocketIo(fd);
    adoptVmResource(L, this);
  }

  cancel(): void {
    this.io?.abortAll(ECANCELED);
  }

  close(): void {
    const sio = this.io;
    if (sio === null) return;
    this.io = null;
    disownVmResource(this);
    sio.dispose(ECANCELED);
    loadAddon().fdClose(sio.fd);
  }

  /** Hands the descriptor out; -1 when closed. */
  release(): number {
    const sio = this.io;
    if (sio === null) return -1;
    this.io = null;
    disownVmResource(this);
    sio.dispose(ECANCELED);
    return sio.fd;
  }

  closeForVm(): void {
    const sio = this.io;
    if (sio === null) return;
    this.io = null;
    sio.dispose(ECANCELED);
    loadAddon().fdClose(sio.fd);
  }

  /** Starts an operation; a closed socket completes it at once with -EBADF. */
  submit(lane: Lane, attempt: Attempt, done: IoDone): IoRequest {
    const sio = this.io;
    if (sio === null) {
      done(-EBADF);
      return { cancel: () => false };
    }
    return sio.submit(lane, attempt, done);
  }
}

/** A socket or acceptor as its Lua object holds it. */
export class SocketObject {
  readonly handle = new SocketHandle();
  /** AF_* of the open descriptor (IP sockets learn it at open/assign). */
  family: number;
  /** Acceptors: report ECONNABORTED from accept() instead of retrying. */
  enableConnectionAborted = false;

  constructor(readonly cls: SocketClass, family: number) {
    this.family = family;
  }

  get fd(): number {
    return this.handle.fd;
  }

  /** The open descriptor; a closed object raises EBADF (Asio's bad_descriptor). */
  openFd(L: LuaState): number {
    const fd = this.handle.fd;
    return fd === -1 ? raiseSystemError(L, EBADF) : fd;
  }

  /**
   * Turns O_NONBLOCK on before accept/connect, which (unlike transfers) have
   * no per-call flag. Checked before every call (one fcntl, two if the flag
   * was off): another process sharing the open file description may have
   * cleared it since.
   */
  ensureNonBlocking(): number {
    const ret = loadAddon().fdSetNonBlocking(this.handle.fd, true);
    return ret < 0 ? ret : 0;
  }

  /** Takes ownership of `fd` for the VM of L. */
  adopt(L: LuaState, fd: number): void {
    this.handle.open(L, fd);
  }
}

export type PropertyGetter = (L: LuaState, obj: SocketObject) => number;

/** One Lua class of socket objects: its metatable, methods and properties. */
export class SocketClass {
  readonly metatable: Uint8Array;
  methods: Record<string, LuaJsFunction> = {};
  properties: Record<string, PropertyGetter> = {};

  constructor(readonly kind: string, readonly type: number) {
    this.metatable = luaString(`emilua-ts ${kind}`);
  }

  private ensureMetatable(L: LuaState): void {
    if (lauxlib.luaL_newmetatable(L, this.metatable)) {
      setFunctions(L, -1, {
        __index: (L) => {
          const obj = this.check(L, 1);
          const key = indexKey(L);
          if (Object.hasOwn(this.methods, key)) {
            lua.lua_pushcfunction(L, this.methods[key]);
            return 1;
          }
          if (Object.hasOwn(this.properties, key)) return this.properties[key](L, obj);
          return raiseRuntimeError(L, 'bad_index', { index: 2 });
        },
      });
      lua.lua_pushstring(L, luaString(this.kind));
      lua.lua_setfield(L, -2, luaString('__metatable'));
    }
    lua.lua_pop(L, 1);
  }

  /** Pushes the Lua object for `obj`; an open handle is closed when the object is collected. */
  push(L: LuaState, obj: SocketObject): void {
    this.ensureMetatable(L);
    pushUserdata(L, this.kind, obj, this.metatable);
    if (obj.handle.isOpen) closeWithUserdata(L, -1, obj.handle);
  }

  /** A new object of this class, owning `fd` when given. */
  pushNew(L: LuaState, family: number, fd: number | null): SocketObject {
    const obj = new SocketObject(this, family);
    if (fd !== null) obj.adopt(L, fd);
    this.push(L, obj);
    return obj;
  }

  /** The object at idx; anything else raises EINVAL naming idx. */
  check(L: LuaState, idx: number): SocketObject {
    const obj = toUserdata<SocketObject>(L, idx, this.kind);
    return obj === undefined ? raiseGenericError(L, errnoCodes.EINVAL, { arg: idx }) : obj;
  }

  to(L: LuaState, idx: number): SocketObject | undefined {
    return toUserdata<SocketObject>(L, idx, this.kind);
  }
}

/** The descriptor is ours from now on (after open/assign of an object at stack index idx). */
export function closeHandleWithObject(L: LuaState, idx: number, obj: SocketObject): void {
  closeWithUserdata(L, idx, obj.handle);
}
