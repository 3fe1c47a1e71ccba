// Endpoints as text: ip.toendpoint, ip.tostring and dial()'s toendpoint2;
// and the port and family of an endpoint, as the socket methods take them.

import { lua, lauxlib, pushText, LuaState, LuaJsFunction } from '../../lua/lua-api';
import { raiseGenericError, raiseSystemError } from '../../errors/error-object';
import { errnoCodes } from '../../errors/categories';
import { sockConstant, IpAddress } from '../../io/socket-address';
import { checkInteger, einval } from '../../errors/args';
import { pushAddress, toAddress, parseAddress, parseV4, parseV6, addressToString } from './address';

export function familyOf(address: IpAddress): number {
  return sockConstant(address.bytes.length === 16 ? 'AF_INET6' : 'AF_INET');
}

export function checkPort(L: LuaState, idx: number): number {
  return checkInteger(L, idx) & 0xffff;
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
export function parseNumericEndpoint(L: LuaState): { address: IpAddress; port: number } {
  const { host, port, bracketed } = splitEndpoint(L, checkEndpointText(L));
  if (!/^\d+$/.test(port)) return einval(L, 1);
  const value = Number(port);
  if (value > 0xffff) return raiseGenericError(L, errnoCodes.ERANGE, { arg: 1 });
  const address = parseAddress(Buffer.from(host, 'latin1'));
  if (address === undefined) return raiseSystemError(L, errnoCodes.EINVAL);
  if (bracketed !== address.isV6) return einval(L, 1);
  return { address, port: value };
}

export const toendpoint: LuaJsFunction = (L) => {
  const { address, port } = parseNumericEndpoint(L);
  pushAddress(L, address);
  lua.lua_pushnumber(L, port);
  return 2;
};

/** The host and service strings of a dial() endpoint (the host need not be numeric). */
export const toendpoint2: LuaJsFunction = (L) => {
  const { host, port, bracketed } = splitEndpoint(L, checkEndpointText(L));
  const bytes = Buffer.from(host, 'latin1');
  const address = parseV6(bytes) ?? parseV4(bytes);
  if (address !== undefined && bracketed !== address.isV6) return einval(L, 1);
  lua.lua_pushstring(L, Uint8Array.from(bytes));
  lua.lua_pushstring(L, Uint8Array.from(Buffer.from(port, 'latin1')));
  return 2;
};

export const tostring: LuaJsFunction = (L) => {
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
