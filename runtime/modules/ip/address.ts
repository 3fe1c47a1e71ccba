// ip.address: an IPv4 or IPv6 address (Boost.Asio's ip::address) as an
// immutable userdata, except for the scope_id of an IPv6 address.
//
// Text goes through the C library (inet_pton/inet_ntop in the addon), with
// Asio's handling of an IPv6 scope suffix: "%name" is an interface name for
// link-local addresses (if_nametoindex), otherwise (or when no interface has
// that name) a number; printing appends "%<interface name>" for link-local
// addresses and "%<number>" for others with a scope.

import { lua, lauxlib, luaString, pushText, setFunctions, pushUserdata, toUserdata, LuaState, LuaJsFunction, indexKey } from '../../lua/lua-api';
import { raiseGenericError, raiseSystemError, raiseRuntimeError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { loadAddon } from '../../native/load-addon';
import { sockConstant, IpAddress } from '../../io/socket-address';

const KIND = 'ip.address';
const METATABLE = luaString('emilua-ts ip.address');

/** The host side of an ip.address object (mutable only through scope_id). */
export class AddressValue implements IpAddress {
  constructor(readonly bytes: Uint8Array, public scopeId: number) {}

  get isV6(): boolean {
    return this.bytes.length === 16;
  }
}

function isLinkLocalV6(bytes: Uint8Array): boolean {
  return bytes[0] === 0xfe && (bytes[1] & 0xc0) === 0x80;
}

function isMulticastLinkLocalV6(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && (bytes[1] & 0x0f) === 0x02;
}

function isV4MappedV6(bytes: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

/** Parses text as Asio's make_address does (IPv6 first, then IPv4); undefined if neither. */
export function parseAddress(text: Uint8Array): AddressValue | undefined {
  return parseV6(text) ?? parseV4(text);
}

export function parseV4(text: Uint8Array): AddressValue | undefined {
  const ret = loadAddon().netAddressFromText(sockConstant('AF_INET'), text);
  return typeof ret === 'number' ? undefined : new AddressValue(Uint8Array.from(ret), 0);
}

export function parseV6(text: Uint8Array): AddressValue | undefined {
  const percent = text.indexOf(0x25);
  const head = percent === -1 ? text : text.subarray(0, percent);
  const ret = loadAddon().netAddressFromText(sockConstant('AF_INET6'), head);
  if (typeof ret === 'number') return undefined;
  const bytes = Uint8Array.from(ret);
  let scopeId = 0;
  if (percent !== -1) {
    const scope = text.subarray(percent + 1);
    if (isLinkLocalV6(bytes) || isMulticastLinkLocalV6(bytes)) scopeId = loadAddon().netInterfaceIndex(scope);
    if (scopeId === 0) scopeId = leadingNumber(scope);
  }
  return new AddressValue(bytes, scopeId);
}

/** atoi(3): optional blanks and sign, then digits; 0 when there are none. */
function leadingNumber(text: Uint8Array): number {
  const match = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(Buffer.from(text).toString('latin1'));
  if (match === null) return 0;
  const n = Number.parseInt(match[1], 10);
  // atoi's int, then stored in an unsigned long.
  return (n | 0) >>> 0;
}

export function addressToString(address: AddressValue): string {
  const family = sockConstant(address.isV6 ? 'AF_INET6' : 'AF_INET');
  const text = loadAddon().netAddressToText(family, address.bytes);
  if (typeof text === 'number') return '';
  if (!address.isV6 || address.scopeId === 0) return text;
  let scope: string | number = address.scopeId;
  if (isLinkLocalV6(address.bytes) || isMulticastLinkLocalV6(address.bytes)) {
    const name = loadAddon().netInterfaceName(address.scopeId);
    if (typeof name === 'string') scope = name;
  }
  return `${text}%${scope}`;
}

function v4Value(bytes: Uint8Array): number {
  return ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
}

/** Asio's ordering: every IPv4 address before every IPv6 one; IPv6 by bytes, then scope. */
export function compareAddresses(a: AddressValue, b: AddressValue): number {
  if (a.isV6 !== b.isV6) return a.isV6 ? 1 : -1;
  if (!a.isV6) return Math.sign(v4Value(a.bytes) - v4Value(b.bytes));
  for (let i = 0; i < 16; i++) {
    if (a.bytes[i] !== b.bytes[i]) return a.bytes[i] < b.bytes[i] ? -1 : 1;
  }
  return Math.sign(a.scopeId - b.scopeId);
}

function ensureMetatable(L: LuaState): void {
  if (lauxlib.luaL_newmetatable(L, METATABLE)) {
    setFunctions(L, -1, metamethods);
    lua.lua_pushstring(L, luaString('ip.address'));
    lua.lua_setfield(L, -2, luaString('__metatable'));
  }
  lua.lua_pop(L, 1);
}

export function pushAddress(L: LuaState, address: IpAddress): void {
  ensureMetatable(L);
  pushUserdata(L, KIND, new AddressValue(Uint8Array.from(address.bytes), address.scopeId), METATABLE);
}

export function toAddress(L: LuaState, idx: number): AddressValue | undefined {
  return toUserdata<AddressValue>(L, idx, KIND);
}

export function checkAddress(L: LuaState, idx: number): AddressValue {
  const address = toAddress(L, idx);
  return address === undefined ? raiseGenericError(L, errnoCodes.EINVAL, { arg: idx }) : address;
}

/** An ip.address, or a string parsed as one (a bad string raises EINVAL, as Asio's make_address). */
export function checkAddressOrString(L: LuaState, idx: number): AddressValue {
  if (lua.lua_type(L, idx) === lua.LUA_TSTRING) {
    const parsed = parseAddress(lua.lua_tolstring(L, idx) as Uint8Array);
    return parsed ?? raiseSystemError(L, errnoCodes.EINVAL);
  }
  if (lua.lua_type(L, idx) !== lua.LUA_TUSERDATA) return raiseGenericError(L, errnoCodes.EINVAL, { arg: idx });
  return checkAddress(L, idx);
}

function v6Only(L: LuaState, address: AddressValue): Uint8Array {
  return address.isV6 ? address.bytes : raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
}

function pushBoolean(L: LuaState, value: boolean): number {
  lua.lua_pushboolean(L, value);
  return 1;
}

function allZero(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 0);
}

const properties: Record<string, (L: LuaState, a: AddressValue) => number> = {
  is_loopback: (L, a) => pushBoolean(L, a.isV6
    ? a.bytes.subarray(0, 15).every((b) => b === 0) && a.bytes[15] === 1
    : a.bytes[0] === 127),
  is_multicast: (L, a) => pushBoolean(L, a.isV6 ? a.bytes[0] === 0xff : (a.bytes[0] & 0xf0) === 0xe0),
  is_unspecified: (L, a) => pushBoolean(L, allZero(a.bytes)),
  is_v4: (L, a) => pushBoolean(L, !a.isV6),
  is_v6: (L, a) => pushBoolean(L, a.isV6),
  is_link_local: (L, a) => pushBoolean(L, isLinkLocalV6(v6Only(L, a))),
  is_multicast_global: (L, a) => pushBoolean(L, multicastScope(L, a) === 0x0e),
  is_multicast_link_local: (L, a) => pushBoolean(L, multicastScope(L, a) === 0x02),
  is_multicast_node_local: (L, a) => pushBoolean(L, multicastScope(L, a) === 0x01),
  is_multicast_org_local: (L, a) => pushBoolean(L, multicastScope(L, a) === 0x08),
  is_multicast_site_local: (L, a) => pushBoolean(L, multicastScope(L, a) === 0x05),
  is_site_local: (L, a) => {
    const bytes = v6Only(L, a);
    return pushBoolean(L, bytes[0] === 0xfe && (bytes[1] & 0xc0) === 0xc0);
  },
  is_v4_mapped: (L, a) => pushBoolean(L, isV4MappedV6(v6Only(L, a))),
  scope_id: (L, a) => {
    v6Only(L, a);
    lua.lua_pushnumber(L, a.scopeId);
    return 1;
  },
};

/** The scope nibble of an IPv6 multicast address, -1 for any other IPv6 address. */
function multicastScope(L: LuaState, a: AddressValue): number {
  const bytes = v6Only(L, a);
  return bytes[0] === 0xff ? bytes[1] & 0x0f : -1;
}

const methods: Record<string, LuaJsFunction> = {
  to_v6(L) {
    const a = toAddress(L, 1);
    if (a === undefined || a.isV6) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
    const bytes = new Uint8Array(16);
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    bytes.set(a.bytes, 12);
    pushAddress(L, { bytes, scopeId: 0 });
    return 1;
  },
  to_v4(L) {
    const a = toAddress(L, 1);
    if (a === undefined || !a.isV6) return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
    if (!isV4MappedV6(a.bytes)) return raiseGenericError(L, errnoCodes.EINVAL);
    pushAddress(L, { bytes: a.bytes.subarray(12), scopeId: 0 });
    return 1;
  },
};

function bothAddresses(L: LuaState): [AddressValue, AddressValue] {
  return [checkAddress(L, 1), checkAddress(L, 2)];
}

const metamethods: Record<string, LuaJsFunction> = {
  __index(L) {
    const a = toAddress(L, 1) as AddressValue;
    const key = indexKey(L);
    if (Object.hasOwn(methods, key)) {
      lua.lua_pushcfunction(L, methods[key]);
      return 1;
    }
    if (Object.hasOwn(properties, key)) return properties[key](L, a);
    return raiseRuntimeError(L, 'bad_index', { index: 2 });
  },
  __newindex(L) {
    const a = toAddress(L, 1) as AddressValue;
    const key = indexKey(L);
    if (key !== 'scope_id') return raiseRuntimeError(L, 'bad_index', { index: 2 });
    lauxlib.luaL_checktype(L, 3, lua.LUA_TNUMBER);
    v6Only(L, a);
    const n = Math.trunc(lua.lua_tonumber(L, 3));
    a.scopeId = Number.isFinite(n) ? n >>> 0 : 0;
    return 0;
  },
  __tostring(L) {
    pushText(L, addressToString(toAddress(L, 1) as AddressValue));
    return 1;
  },
  __eq(L) {
    const a = toAddress(L, 1);
    const b = toAddress(L, 2);
    lua.lua_pushboolean(L, a !== undefined && b !== undefined && compareAddresses(a, b) === 0);
    return 1;
  },
  __lt(L) {
    const [a, b] = bothAddresses(L);
    lua.lua_pushboolean(L, compareAddresses(a, b) < 0);
    return 1;
  },
  __le(L) {
    const [a, b] = bothAddresses(L);
    lua.lua_pushboolean(L, compareAddresses(a, b) <= 0);
    return 1;
  },
};

function constantAddress(bytes: number[]): LuaJsFunction {
  return (L) => {
    pushAddress(L, { bytes: Uint8Array.from(bytes), scopeId: 0 });
    return 1;
  };
}

/** Pushes the ip.address class table. */
export function pushAddressClass(L: LuaState): void {
  ensureMetatable(L);
  lua.lua_createtable(L, 0, 6);
  setFunctions(L, -1, {
    new(L) {
      lua.lua_settop(L, 1);
      switch (lua.lua_type(L, 1)) {
        case lua.LUA_TNIL:
          // Asio's default address: IPv4 0.0.0.0.
          pushAddress(L, { bytes: new Uint8Array(4), scopeId: 0 });
          return 1;
        case lua.LUA_TSTRING: {
          const parsed = parseAddress(lua.lua_tolstring(L, 1) as Uint8Array);
          if (parsed === undefined) return raiseSystemError(L, errnoCodes.EINVAL);
          pushAddress(L, parsed);
          return 1;
        }
        default:
          return raiseGenericError(L, errnoCodes.EINVAL, { arg: 1 });
      }
    },
    any_v4: constantAddress([0, 0, 0, 0]),
    any_v6: constantAddress(new Array(16).fill(0)),
    loopback_v4: constantAddress([127, 0, 0, 1]),
    loopback_v6: constantAddress([...new Array(15).fill(0), 1]),
    broadcast_v4: constantAddress([255, 255, 255, 255]),
  });
}
