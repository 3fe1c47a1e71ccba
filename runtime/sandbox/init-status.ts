// Decoder of the failure record the init helper writes on its status fd
// (layout in init-script/die.h). EOF without a record means the helper reached
// its final execve. The record comes from a process that ran user code (the
// script) and may have been half-written: decode it defensively.

export const INIT_STATUS_VERSION = 1;
const MAGIC = [0x45, 0x54, 0x49, 0x53]; // "ETIS"
const HEADER = 12;
const MESSAGE_MAX = 1024;

export type InitStage = 'config' | 'setup' | 'script-call' | 'script-error' | 'exec';

const STAGES: Record<number, InitStage> = {
  1: 'config',
  2: 'setup',
  3: 'script-call',
  4: 'script-error',
  5: 'exec',
};

export interface InitFailure {
  readonly stage: InitStage;
  /** errno of the failed call; 0 when the failure is not a system call's. */
  readonly errno: number;
  /** config/setup: what failed; script-call: the C.* or helper name;
   *  script-error: Lua's message ("init.script:LINE: ..."); exec: the path. */
  readonly message: string;
}

/** Decodes everything read from the status fd up to EOF. Returns null for an
 *  empty read (success), a failure, or a failure of stage 'setup' describing
 *  the malformed record itself. */
export function decodeInitStatus(bytes: Uint8Array): InitFailure | null {
  if (bytes.length === 0) return null;
  const malformed = (why: string): InitFailure => ({ stage: 'setup', errno: 0, message: `malformed status record from the init helper: ${why}` });
  if (bytes.length < HEADER) return malformed('truncated header');
  for (let i = 0; i < 4; i++) if (bytes[i] !== MAGIC[i]) return malformed('bad magic');
  if (bytes[4] !== INIT_STATUS_VERSION) return malformed(`version ${bytes[4]}`);
  const stage = STAGES[bytes[5]];
  if (stage === undefined) return malformed(`unknown stage ${bytes[5]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint16(6, true);
  const errno = view.getInt32(8, true);
  if (length > MESSAGE_MAX || bytes.length !== HEADER + length) return malformed('bad length');
  if (errno < 0 || errno > 4095) return malformed('bad errno');
  const message = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(HEADER));
  return { stage, errno, message };
}

const STAGE_CODES: Record<InitStage, number> = { config: 1, setup: 2, 'script-call': 3, 'script-error': 4, exec: 5 };

/**
 * The record itself, for the actor host when it applies init.script's
 * held-back policies on the helper's behalf (a message longer than the
 * record allows is cut).
 */
export function encodeInitStatus(failure: InitFailure): Uint8Array {
  let message = new TextEncoder().encode(failure.message);
  if (message.length > MESSAGE_MAX) message = message.subarray(0, MESSAGE_MAX);
  const out = new Uint8Array(HEADER + message.length);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  out[4] = INIT_STATUS_VERSION;
  out[5] = STAGE_CODES[failure.stage];
  view.setUint16(6, message.length, true);
  view.setInt32(8, failure.errno, true);
  out.set(message, HEADER);
  return out;
}
