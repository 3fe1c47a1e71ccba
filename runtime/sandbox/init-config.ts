// Encoder of the config the init helper (init-script/, build/Release/emilua-ts-init)
// reads on its fd 3. The byte layout is described once, in init-script/config.h;
// this file and init-script/config.c must change together (bump the version).
//
// Pure data transformation: no I/O, no imports from the rest of the runtime.

export const INIT_CONFIG_VERSION = 1;
/** The helper refuses a config larger than this (init-script/config.h). */
export const INIT_CONFIG_MAX_BYTES = 1024 * 1024;
/** The helper refuses more argv or environment entries than this. */
export const INIT_CONFIG_MAX_ITEMS = 4096;
/** Set by the helper for the exec'd program; the environment must not carry it. */
export const IPC_FD_ENV_NAME = 'EMILUA_TS_IPC_FD';
/** Set by the helper when it hands init.script's policies over (deferred-policies.ts). */
export const POLICY_FD_ENV_NAME = 'EMILUA_TS_POLICY_FD';
export const STATUS_FD_ENV_NAME = 'EMILUA_TS_STATUS_FD';
/** The variables the helper owns: a config that sets one is refused. */
export const HELPER_OWNED_ENV_NAMES: readonly string[] = [IPC_FD_ENV_NAME, POLICY_FD_ENV_NAME, STATUS_FD_ENV_NAME];
/** The fd number at which the exec'd program finds its IPC socket. */
export const HOST_IPC_FD = 3;

const MAGIC = [0x45, 0x54, 0x49, 0x43]; // "ETIC"
const FLAG_PID1 = 0x01;
const FLAG_HAS_ARG = 0x02;
const FLAG_DEFER_POLICIES = 0x04;

type Bytes = string | Uint8Array;

export interface InitConfig {
  /** Be the PID1 supervisor (spawn_vm's newns_pid); the helper must be pid 1. */
  readonly pid1: boolean;
  /** init.arg is passed on the helper's fd 6 (Lua `arg` in the script). */
  readonly hasArg: boolean;
  /**
   * Hold init.script's Landlock and seccomp requests and hand them to the
   * exec'd program (the actor host), which applies them on all its threads
   * (init-script/deferred.h, ./deferred-policies.ts).
   */
  readonly deferPolicies?: boolean;
  /** init.script source; empty = no script. */
  readonly script: Bytes;
  /** Program executed at the end (the actor host, or a system.spawn target). */
  readonly path: Bytes;
  /** Its argv (at least argv[0]). */
  readonly argv: readonly Bytes[];
  /** Its whole environment, as [name, value] pairs. */
  readonly env: readonly (readonly [Bytes, Bytes])[];
}

const utf8 = new TextEncoder();

function toBytes(value: Bytes): Uint8Array {
  return typeof value === 'string' ? utf8.encode(value) : value;
}

function noNul(what: string, b: Uint8Array): Uint8Array {
  if (b.includes(0)) throw new RangeError(`init config: ${what} contains a NUL byte`);
  return b;
}

/** Encodes `config`; throws RangeError on what the helper would refuse. */
export function encodeInitConfig(config: InitConfig): Uint8Array {
  if (config.argv.length < 1 || config.argv.length > INIT_CONFIG_MAX_ITEMS) {
    throw new RangeError(`init config: argv must have 1..${INIT_CONFIG_MAX_ITEMS} items`);
  }
  if (config.env.length > INIT_CONFIG_MAX_ITEMS) {
    throw new RangeError(`init config: more than ${INIT_CONFIG_MAX_ITEMS} environment entries`);
  }
  const path = noNul('program path', toBytes(config.path));
  if (path.length === 0) throw new RangeError('init config: empty program path');
  const argv = config.argv.map((a) => noNul('argv', toBytes(a)));
  const env = config.env.map(([name, value]) => {
    const n = noNul('environment name', toBytes(name));
    if (n.length === 0 || n.includes(0x3d)) {
      throw new RangeError('init config: environment names must be non-empty and hold no "="');
    }
    const text = String.fromCharCode(...n);
    if (HELPER_OWNED_ENV_NAMES.includes(text)) {
      throw new RangeError(`init config: ${text} is set by the init helper`);
    }
    const v = noNul('environment value', toBytes(value));
    const entry = new Uint8Array(n.length + 1 + v.length);
    entry.set(n, 0);
    entry[n.length] = 0x3d;
    entry.set(v, n.length + 1);
    return entry;
  });
  const script = toBytes(config.script);

  const strings = [script, path, ...argv, ...env];
  const size = 8 + 4 + 4 + strings.reduce((sum, s) => sum + 4 + s.length, 0);
  if (size > INIT_CONFIG_MAX_BYTES) {
    throw new RangeError(`init config: ${size} bytes, more than ${INIT_CONFIG_MAX_BYTES}`);
  }

  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  out.set(MAGIC, 0);
  out[4] = INIT_CONFIG_VERSION;
  out[5] = (config.pid1 ? FLAG_PID1 : 0) | (config.hasArg ? FLAG_HAS_ARG : 0) |
    (config.deferPolicies === true ? FLAG_DEFER_POLICIES : 0);
  // out[6..7]: reserved, zero.
  at = 8;
  const putU32 = (n: number) => {
    view.setUint32(at, n, true);
    at += 4;
  };
  const putStr = (s: Uint8Array) => {
    putU32(s.length);
    out.set(s, at);
    at += s.length;
  };
  putStr(script);
  putStr(path);
  putU32(argv.length);
  argv.forEach(putStr);
  putU32(env.length);
  env.forEach(putStr);
  return out;
}
