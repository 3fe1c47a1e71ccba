// Decoder of the policy hand-over the init helper gives the actor host: the
// Landlock rulesets and seccomp filters init.script asked for, in order, held
// back so that Node could start (layout in init-script/deferred.h). The host
// applies them on every thread before the actor's first line
// (runtime/cli/held-back-policies.ts).
//
// The memfd is written and sealed by the helper, before any untrusted code
// ran; it is still decoded with bounds: a malformed one is refused whole.
//
// Pure data transformation: no I/O, no imports from the rest of the runtime.

export const POLICY_HANDOVER_VERSION = 1;
/** init-script/deferred.h: DEFERRED_MAX. */
export const POLICY_HANDOVER_MAX_ITEMS = 32;
/** A seccomp program is at most BPF_MAXINSNS (4096) instructions of 8 bytes. */
const MAX_FILTER_BYTES = 4096 * 8;
export const POLICY_HANDOVER_MAX_BYTES = 8 + POLICY_HANDOVER_MAX_ITEMS * (8 + MAX_FILTER_BYTES);

const MAGIC = [0x45, 0x54, 0x49, 0x50]; // "ETIP"

export type HeldBackPolicy =
  | { readonly kind: 'landlock'; readonly rulesetFd: number }
  | { readonly kind: 'seccomp'; readonly program: Uint8Array };

/** Throws RangeError naming what is wrong. */
export function decodePolicyHandover(bytes: Uint8Array): HeldBackPolicy[] {
  const bad = (why: string): never => {
    throw new RangeError(`malformed policy hand-over from the init helper: ${why}`);
  };
  if (bytes.length < 8) bad('truncated header');
  for (let i = 0; i < 4; i++) if (bytes[i] !== MAGIC[i]) bad('bad magic');
  if (bytes[4] !== POLICY_HANDOVER_VERSION) bad(`version ${bytes[4]}`);
  const count = bytes[5];
  if (count < 1 || count > POLICY_HANDOVER_MAX_ITEMS) bad(`${count} entries`);
  if (bytes[6] !== 0 || bytes[7] !== 0) bad('reserved bytes are not 0');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: HeldBackPolicy[] = [];
  let at = 8;
  for (let i = 0; i < count; i++) {
    if (at + 8 > bytes.length) bad(`entry ${i + 1} is truncated`);
    const kind = bytes[at];
    if (bytes[at + 1] !== 0 || bytes[at + 2] !== 0 || bytes[at + 3] !== 0) bad(`entry ${i + 1}: reserved bytes are not 0`);
    const value = view.getUint32(at + 4, true);
    at += 8;
    if (kind === 1) {
      if (value < 3 || value > 0x7fffffff) bad(`entry ${i + 1}: fd ${value}`);
      out.push({ kind: 'landlock', rulesetFd: value });
    } else if (kind === 2) {
      if (value === 0 || value % 8 !== 0 || value > MAX_FILTER_BYTES) bad(`entry ${i + 1}: filter of ${value} bytes`);
      if (at + value > bytes.length) bad(`entry ${i + 1}: filter is truncated`);
      out.push({ kind: 'seccomp', program: bytes.slice(at, at + value) });
      at += value;
    } else {
      bad(`entry ${i + 1}: unknown kind ${kind}`);
    }
  }
  if (at !== bytes.length) bad(`${bytes.length - at} bytes after the last entry`);
  return out;
}
