// Name resolution for the ip module: get_address_info (and its v4/v6
// variants) and get_name_info of ip.tcp and ip.udp, and host_name().
//
// getaddrinfo(3)/getnameinfo(3) run on libuv's thread pool (native/addon/
// net.cc), so Node's event loop never waits for /etc/hosts or a DNS server.
// The calling fiber suspends; cancelling it abandons the lookup (its result
// is dropped when it arrives: a lookup has no effect to undo).
//
// Failures are reported as Boost.Asio reports them: EAI_NONAME and friends
// in the "asio.netdb" category, EAI_SERVICE/EAI_SOCKTYPE in "asio.addrinfo",
// the rest as system errors.

import * as os from 'node:os';
import { lua, luaString, pushText, toText, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { raiseGenericError, pushError, pushSystemError } from '../../errors/error-object';
import { errnoCodes, Category } from '../../errors/categories';
import { prepareSuspension, suspend, raiseCanceled } from '../../fiber/suspension';
import { vmOf } from '../../fiber/vm-of';
import { loadAddon } from '../../native/load-addon';
import { sockConstant, ipEndpointOf, ipAddress } from '../../io/socket-address';
import { pushAddress, toAddress, addressToString, checkAddress } from './address';
import { checkInteger } from '../../errors/args';
import { servedGetaddrinfo } from '../../io/libc-service/gate';

const NETDB_MESSAGES = new Map<number, string>([
  [1, 'Host not found (authoritative)'],
  [2, 'Host not found (non-authoritative), try again later'],
  [3, 'A non-recoverable error occurred during database lookup'],
  [4, 'The query is valid, but it does not have associated data'],
]);

export const netdbCategory: Category = {
  name: 'asio.netdb',
  message: (code) => NETDB_MESSAGES.get(code) ?? 'asio.netdb error',
};

export const addrinfoCategory: Category = {
  name: 'asio.addrinfo',
  message: (code) => {
    if (code === netConstant('EAI_SERVICE')) return 'Service not found';
    if (code === netConstant('EAI_SOCKTYPE')) return 'Socket type not supported';
    return 'asio.addrinfo error';
  },
};

let constants: Readonly<Record<string, number>> | undefined;

function netConstant(name: string): number {
  constants ??= Object.freeze(loadAddon().netConstants());
  return constants[name] ?? Number.NaN;
}

/** Pushes the error of a failed getaddrinfo/getnameinfo, mapped as Asio maps it. */
function pushResolveError(L: LuaState, eai: number, errno: number): void {
  const is = (name: string): boolean => eai === netConstant(name);
  if (is('EAI_NONAME') || is('EAI_NODATA') || is('EAI_ADDRFAMILY')) pushError(L, netdbCategory, 1);
  else if (is('EAI_AGAIN')) pushError(L, netdbCategory, 2);
  else if (is('EAI_FAIL')) pushError(L, netdbCategory, 3);
  else if (is('EAI_SERVICE') || is('EAI_SOCKTYPE')) pushError(L, addrinfoCategory, eai);
  else if (is('EAI_BADFLAGS')) pushSystemError(L, errnoCodes.EINVAL);
  else if (is('EAI_FAMILY')) pushSystemError(L, errnoCodes.EAFNOSUPPORT);
  else if (is('EAI_MEMORY')) pushSystemError(L, errnoCodes.ENOMEM);
  else pushSystemError(L, errno > 0 ? errno : errnoCodes.EIO);
}

const RESOLVE_FLAGS: Readonly<Record<string, string>> = {
  address_configured: 'AI_ADDRCONFIG',
  all_matching: 'AI_ALL',
  canonical_name: 'AI_CANONNAME',
  passive: 'AI_PASSIVE',
  v4_mapped: 'AI_V4MAPPED',
};

/**
 * Suspends the calling fiber on a lookup started by `start(finish)`; `finish`
 * must be called once, with a function that pushes the results (or raises)
 * on the fiber. Cancelling the fiber abandons the lookup.
 */
function suspendOnLookup(L: LuaState, start: (finish: (deliver: (L: LuaState) => number) => void) => number): number {
  const fiber = prepareSuspension(L, true);
  const scheduler = vmOf(L).scheduler;
  let abandoned = false;
  let settled = false;
  const queued = start((deliver) => {
    if (abandoned || settled) return;
    settled = true;
    scheduler.wake(fiber, deliver);
  });
  if (queued < 0) {
    pushSystemError(L, -queued);
    return lua.lua_error(L);
  }
  return suspend(L, fiber, {
    cancellable: true,
    cancel() {
      if (settled) return;
      abandoned = true;
      scheduler.wake(fiber, raiseCanceled);
    },
  });
}

type Family = 'any' | 'v4' | 'v6';

/** get_address_info(host, service[, flags]) of one protocol and family. */
export function getAddressInfo(protocol: 'tcp' | 'udp', family: Family): LuaJsFunction {
  return (L) => {
    lua.lua_settop(L, 3);
    prepareSuspension(L, true);
    let flags = 0;
    switch (lua.lua_type(L, 3)) {
      case lua.LUA_TNIL:
        // Emilua's documented default (glibc's) is address_configured +
        // v4_mapped; its v6 variant uses v4_mapped alone, and so does the v4
        // one here (address_configured would refuse 127.0.0.1 on a host whose
        // only IPv4 address is the loopback one).
        flags = netConstant('AI_V4MAPPED') | (family === 'any' ? netConstant('AI_ADDRCONFIG') : 0);
        break;
      case lua.LUA_TTABLE:
        for (let i = 1; ; i++) {
          const t = lua.lua_rawgeti(L, 3, i);
          if (t === lua.LUA_TNIL) {
            lua.lua_pop(L, 1);
            break;
          }
          const name = t === lua.LUA_TSTRING ? toText(L, -1) : '';
          lua.lua_pop(L, 1);
          if (!Object.hasOwn(RESOLVE_FLAGS, name)) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 3 });
          flags |= netConstant(RESOLVE_FLAGS[name]);
        }
        break;
      default:
        return raiseGenericError(L, errnoCodes.EINVAL, { arg: 3 });
    }
    let host: Uint8Array;
    switch (lua.lua_type(L, 1)) {
      case lua.LUA_TSTRING:
        host = Uint8Array.from(lua.lua_tolstring(L, 1) as Uint8Array);
        break;
      case lua.LUA_TUSERDATA: {
        const address = toAddress(L, 1);
        if (address === undefined) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
        host = Buffer.from(addressToString(address));
        flags |= netConstant('AI_NUMERICHOST');
        break;
      }
      default:
        return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
    }
    let service: Uint8Array;
    switch (lua.lua_type(L, 2)) {
      case lua.LUA_TSTRING:
        service = Uint8Array.from(lua.lua_tolstring(L, 2) as Uint8Array);
        break;
      case lua.LUA_TNUMBER:
        service = Buffer.from(String(Math.trunc(lua.lua_tonumber(L, 2))));
        flags |= netConstant('AI_NUMERICSERV');
        break;
      default:
        return raiseGenericError(L, errnoCodes.EINVAL, { arg: 2 });
    }
    const wantCanonical = (flags & netConstant('AI_CANONNAME')) !== 0;
    const af = family === 'v4' ? sockConstant('AF_INET') : family === 'v6' ? sockConstant('AF_INET6') : sockConstant('AF_UNSPEC');
    const socktype = sockConstant(protocol === 'tcp' ? 'SOCK_STREAM' : 'SOCK_DGRAM');
    const proto = sockConstant(protocol === 'tcp' ? 'IPPROTO_TCP' : 'IPPROTO_UDP');
    return suspendOnLookup(L, (finish) => lookup(host, service, af, socktype, proto, flags, protocol,
      (eai, errno, addresses, canonical) => finish((L) => {
        if (eai !== 0) {
          pushResolveError(L, eai, errno);
          return lua.lua_error(L);
        }
        // Asio names every entry after the canonical name of the first, or
        // the host asked for when there is none.
        const name = canonical ?? host;
        lua.lua_createtable(L, addresses.length, 0);
        let n = 0;
        for (const raw of addresses) {
          const endpoint = ipEndpointOf(raw);
          if (endpoint === undefined) continue;
          lua.lua_createtable(L, 0, 3);
          pushAddress(L, endpoint.address);
          lua.lua_setfield(L, -2, luaString('address'));
          lua.lua_pushnumber(L, endpoint.port);
          lua.lua_setfield(L, -2, luaString('port'));
          if (wantCanonical) {
            lua.lua_pushstring(L, Uint8Array.from(name));
            lua.lua_setfield(L, -2, luaString('canonical_name'));
          }
          lua.lua_rawseti(L, -2, ++n);
        }
        return 1;
      })));
  };
}

type LookupDone = (eai: number, errno: number, addresses: Uint8Array[], canonical: Uint8Array | null) => void;

/**
 * getaddrinfo(3) on the thread pool, unless libc_service answers it (in a
 * subprocess actor spawned with one): then `done` runs on the next turn of
 * the loop with the master's one address. 0 | -errno.
 */
function lookup(host: Uint8Array, service: Uint8Array, af: number, socktype: number, proto: number, flags: number,
  protocol: 'tcp' | 'udp', done: LookupDone): number {
  const answer = servedGetaddrinfo(host, service, protocol);
  if (answer === undefined) return loadAddon().netGetAddrInfo(host, service, af, socktype, proto, flags, done);
  setImmediate(() => {
    if (answer.kind === 'error') return done(answer.eai, answer.errno, [], null);
    if (answer.kind === 'none') return done(0, 0, [], null);
    const six = answer.bytes.length === 16;
    if (af !== sockConstant('AF_UNSPEC') && af !== sockConstant(six ? 'AF_INET6' : 'AF_INET')) {
      return done(netConstant('EAI_NONAME'), 0, [], null);
    }
    const text = Buffer.from(service).toString('latin1');
    const port = answer.port ?? (/^[0-9]{1,5}$/.test(text) ? Number(text) & 0xffff : 0);
    return done(0, 0, [ipAddress({ bytes: answer.bytes, scopeId: answer.scopeId }, port)], null);
  });
  return 0;
}

/** get_name_info(address, port): {{host_name, service_name}}. */
export function getNameInfo(protocol: 'tcp' | 'udp'): LuaJsFunction {
  return (L) => {
    prepareSuspension(L, true);
    const port = checkInteger(L, 2) & 0xffff;
    const address = checkAddress(L, 1);
    const raw = ipAddress(address, port);
    const baseFlags = protocol === 'udp' ? netConstant('NI_DGRAM') : 0;
    return suspendOnLookup(L, (finish) => {
      const deliver = (host: Buffer | null, service: Buffer | null) => (L: LuaState): number => {
        lua.lua_createtable(L, 1, 0);
        lua.lua_createtable(L, 0, 2);
        lua.lua_pushstring(L, Uint8Array.from(host ?? []));
        lua.lua_setfield(L, -2, luaString('host_name'));
        lua.lua_pushstring(L, Uint8Array.from(service ?? []));
        lua.lua_setfield(L, -2, luaString('service_name'));
        lua.lua_rawseti(L, -2, 1);
        return 1;
      };
      // As Asio: a service without a name is given as its number.
      return loadAddon().netGetNameInfo(raw, baseFlags, (eai, _errno, host, service) => {
        if (eai === 0) return finish(deliver(host, service));
        const retried = loadAddon().netGetNameInfo(raw, baseFlags | netConstant('NI_NUMERICSERV'), (eai2, errno2, host2, service2) => {
          if (eai2 === 0) return finish(deliver(host2, service2));
          finish((L) => {
            pushResolveError(L, eai2, errno2);
            return lua.lua_error(L);
          });
        });
        if (retried < 0) {
          finish((L) => {
            pushSystemError(L, -retried);
            return lua.lua_error(L);
          });
        }
      });
    });
  };
}

export const hostName: LuaJsFunction = (L) => {
  pushText(L, os.hostname());
  return 1;
};
