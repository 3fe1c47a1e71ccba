// The option tables of IP sockets (set_option/get_option), with the options
// that are more than an int or a bool: linger, multicast membership and
// interface, those whose level depends on the family, and the acceptor's
// enable_connection_aborted.

import { lua } from '../../lua/lua-api';
import { raiseSystemError } from '../../errors/error-object';
import { loadAddon } from '../../native/load-addon';
import { sockConstant } from '../../io/socket-address';
import { SocketObject } from '../../io/socket-object';
import { checkBoolean, checkInteger, einval } from '../../errors/args';
import { checkResult } from '../../errors/errno';
import { OptionSpec, OptionTable, intOption, boolOption, int32 } from '../../io/socket-options';
import { checkAddress } from './address';

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


export const V6_ONLY = boolOption('IPPROTO_IPV6', 'IPV6_V6ONLY');

export function tcpSocketOptions(): OptionTable {
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

export function udpSocketOptions(): OptionTable {
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
