// The first datagrams a subprocess actor's host reads from its socket, before
// any message: which module to run. JSON, cut into datagrams of at most
// CHUNK bytes; the first byte of each says whether more follow. The parent
// writes them; the host (runtime/cli/subprocess-host.ts) reads them with
// blocking reads before its VM exists. The parent is the more privileged
// side, but the host still bounds what it reads (MAX_BOOTSTRAP_BYTES).

export interface Bootstrap {
  /** The root module: a file path, as the parent resolved it. */
  readonly module: string;
  /** source_tree_cache: [absolute path, base64 source] pairs. */
  readonly sourceTree?: Array<[string, string]>;
  /**
   * Variables of subprocess.environment that Node itself reads at start-up
   * (NODE_OPTIONS, NODE_EXTRA_CA_CERTS...): kept out of the host's exec and
   * set by the host before any Lua runs, as [base64 name, base64 value].
   */
  readonly environment?: Array<[string, string]>;
  /**
   * subprocess.libc_service was given: one more datagram follows the
   * bootstrap, LIBC_SERVICE_MARK alone, carrying the slave's socket
   * (SCM_RIGHTS). Sent on the IPC socket rather than as a fixed descriptor
   * of the init helper, so the helper's contract and init.script see nothing
   * of it.
   */
  readonly libcService?: boolean;
}

/**
 * Whether Node or libuv would act on the variable while the actor host starts:
 * NODE_OPTIONS can refuse the snapshot, NODE_EXTRA_CA_CERTS makes every start
 * read a certificate bundle, UV_THREADPOOL_SIZE sizes the pool, OPENSSL_CONF
 * is read by the crypto start-up.
 */
export function readByNodeAtStart(name: Uint8Array): boolean {
  const text = Buffer.from(name).toString('latin1');
  return text.startsWith('NODE_') || text.startsWith('UV_') || text === 'OPENSSL_CONF';
}

export const LIBC_SERVICE_MARK = 0xb2;

const MORE = 0xb1;
const LAST = 0xb0;
const CHUNK = 32 * 1024;
export const MAX_BOOTSTRAP_BYTES = 64 * 1024 * 1024;

export function encodeBootstrap(bootstrap: Bootstrap): Uint8Array[] {
  const json = Buffer.from(JSON.stringify(bootstrap));
  const out: Uint8Array[] = [];
  for (let at = 0; at === 0 || at < json.length; at += CHUNK) {
    const part = json.subarray(at, at + CHUNK);
    const datagram = new Uint8Array(part.length + 1);
    datagram[0] = at + CHUNK >= json.length ? LAST : MORE;
    datagram.set(part, 1);
    out.push(datagram);
  }
  return out;
}

/** Reads the bootstrap with `read` (one datagram per call: count | -errno). Throws on bad input. */
export function readBootstrap(read: (buffer: Uint8Array) => number): Bootstrap {
  const buffer = new Uint8Array(CHUNK + 1);
  const parts: Buffer[] = [];
  let total = 0;
  for (;;) {
    const n = read(buffer);
    if (n <= 0) throw new Error(`subprocess host: bootstrap read failed (${n})`);
    if (buffer[0] !== MORE && buffer[0] !== LAST) throw new Error('subprocess host: not a bootstrap datagram');
    total += n - 1;
    if (total > MAX_BOOTSTRAP_BYTES) throw new Error('subprocess host: bootstrap too large');
    parts.push(Buffer.from(buffer.subarray(1, n)));
    if (buffer[0] === LAST) break;
  }
  const value = JSON.parse(Buffer.concat(parts).toString('utf8')) as Bootstrap;
  if (typeof value.module !== 'string') throw new Error('subprocess host: bootstrap without a module');
  if (value.sourceTree !== undefined && !Array.isArray(value.sourceTree)) throw new Error('subprocess host: bad source tree');
  if (value.environment !== undefined && !(Array.isArray(value.environment) &&
      value.environment.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'string'))) {
    throw new Error('subprocess host: bad environment');
  }
  if (value.libcService !== undefined && typeof value.libcService !== 'boolean') throw new Error('subprocess host: bad libc_service flag');
  return value;
}
