// Where the runtime asks libc_service before making a call itself. In the
// host of a subprocess actor spawned with subprocess.libc_service, the
// host installs the service (install()) before its VM runs; every other
// process never does, and each served*() function then answers undefined
// at once: "make the call yourself".
//
// A served*() function runs the slave's filter for its call when there is
// one (filter.ts), else asks the master (client.ts); undefined means the
// master answered use_slave_credentials (or is gone): the caller does what
// it always does. The list of call sites is in docs/sandboxing.md.

import { loadAddon } from '../../native/load-addon';
import { errnoCodes } from '../../errors/categories';
import { LibcClient, readConfig } from './client';
import { ask, intOutcome, statOutcome, gaiOutcome, realInt, realStat, realGai, type GaiOutcome } from './answers';
import { Filters } from './filter';
import { familyOf, type Call, type StatValues } from './calls';
import { unixPathOf, ipEndpointOf } from '../socket-address';

interface Service {
  client: LibcClient;
  filters: Filters;
}

let service: Service | null = null;

/** Installs the service on the slave socket `fd` (after reading its filter config). False: malformed config, service off. */
export function install(fd: number): boolean {
  const config = readConfig(fd);
  if (config === null) {
    loadAddon().fdClose(fd);
    process.stderr.write('emilua-ts libc_service: malformed filter config; service off\n');
    return false;
  }
  const client = new LibcClient(fd, config);
  const filters = new Filters(config, {
    int: (call) => realInt(client, call),
    stat: (call) => realStat(client, call),
    gai: (call) => realGai(client, call),
  });
  service = { client, filters };
  return true;
}

export function active(): boolean {
  return service !== null && service.client.connected;
}

function closeAll(fds: number[]): void {
  for (const fd of fds) loadAddon().fdClose(fd);
}

/** An integer call: result (>= 0) or -errno; undefined: make the call yourself. */
function serveInt(call: Call): number | undefined {
  if (service === null) return undefined;
  if (service.filters.has(call.name)) {
    const out = service.filters.run(call);
    if (out.shape !== 'int') return -errnoCodes.EIO;
    return out.value.result < 0 ? -(out.value.errno || errnoCodes.EIO) : out.value.result;
  }
  const answer = ask(service.client, call);
  if (answer.kind === 'pass') return undefined;
  const out = intOutcome(answer);
  closeAll(out.fds);
  if (out.result < 0) return -(out.errno || errnoCodes.EIO);
  // Without a filter, a descriptor number from the master names nothing
  // in this process: a non-negative open() result would adopt some other
  // descriptor of the host (docs/sandboxing.md).
  if (call.name === 'open') return -errnoCodes.EBADF;
  return out.result;
}

/** open(path, flags, mode): a new descriptor or -errno; undefined: open it yourself. */
export function servedOpen(path: Uint8Array, flags: number, mode: number): number | undefined {
  return serveInt({ name: 'open', path, flags, mode });
}

export function servedUnlink(path: Uint8Array): number | undefined {
  return serveInt({ name: 'unlink', path });
}

export function servedRmdir(path: Uint8Array): number | undefined {
  return serveInt({ name: 'rmdir', path });
}

export function servedRename(path: Uint8Array, path2: Uint8Array): number | undefined {
  return serveInt({ name: 'rename', path, path2 });
}

export function servedMkdir(path: Uint8Array, mode: number): number | undefined {
  return serveInt({ name: 'mkdir', path, mode });
}

/** stat(path) (lstat when !follow): the values or -errno; undefined: stat it yourself. */
export function servedStat(path: Uint8Array, follow: boolean): StatValues | number | undefined {
  if (service === null) return undefined;
  const call: Call = { name: follow ? 'stat' : 'lstat', path };
  let out;
  if (service.filters.has(call.name)) {
    const run = service.filters.run(call);
    if (run.shape !== 'stat') return -errnoCodes.EIO;
    out = run.value;
  } else {
    const answer = ask(service.client, call);
    if (answer.kind === 'pass') return undefined;
    out = statOutcome(answer);
  }
  return out.ok ? out.stat : -(out.errno || errnoCodes.EIO);
}

/** connect(2)/bind(2) of fd to a sockaddr: 0 or -errno (-EINPROGRESS: connecting); undefined: do it yourself. */
export function servedSocketCall(kind: 'connect' | 'bind', fd: number, address: Uint8Array): number | undefined {
  if (service === null) return undefined;
  const family = familyOf(address);
  if (family === undefined) return undefined;
  if (family === 'unix') {
    const path = unixPathOf(address);
    if (path.length === 0) return undefined;
    return serveInt({ name: kind === 'connect' ? 'connect_unix' : 'bind_unix', fd, path });
  }
  const endpoint = ipEndpointOf(address);
  if (endpoint === undefined) return undefined;
  const name = `${kind}_${family}` as 'connect_inet' | 'bind_inet' | 'connect_inet6' | 'bind_inet6';
  return serveInt({ name, fd, addr: endpoint.address.bytes, port: endpoint.port, scopeId: endpoint.address.scopeId });
}

/** getaddrinfo(node, service) for a protocol: the answer; undefined: resolve it yourself. */
export function servedGetaddrinfo(node: Uint8Array | null, serviceName: Uint8Array | null, protocol: 'tcp' | 'udp' | null): GaiOutcome | undefined {
  if (service === null) return undefined;
  const call: Call = { name: 'getaddrinfo', node, service: serviceName, protocol };
  if (service.filters.has('getaddrinfo')) {
    const run = service.filters.run(call);
    return run.shape === 'gai' ? run.value : { kind: 'error', eai: -11, errno: errnoCodes.EIO };
  }
  const answer = ask(service.client, call);
  return answer.kind === 'pass' ? undefined : gaiOutcome(answer);
}
