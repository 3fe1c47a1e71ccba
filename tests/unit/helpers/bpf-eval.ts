// A classic-BPF interpreter over struct seccomp_data, enough for the
// filters libseccomp exports: it lets the tests ask what a filter answers
// for arches and numbers this kernel cannot run (i386, x32), without
// loading it.

export interface SeccompData { nr: number; arch: number; args?: bigint[] }

export const AUDIT_ARCH_X86_64 = 0xc000003e;
export const AUDIT_ARCH_I386 = 0x40000003;

function word(d: SeccompData, off: number): number {
  if (off === 0) return d.nr >>> 0;
  if (off === 4) return d.arch >>> 0;
  if (off >= 16 && off < 64) {
    const a = d.args?.[(off - 16) >> 3] ?? 0n;
    return Number((off & 4) === 0 ? a & 0xffffffffn : (a >> 32n) & 0xffffffffn);
  }
  return 0; // instruction_pointer
}

/** The filter's return value for `d`. */
export function evaluate(bpf: Uint8Array, d: SeccompData): number {
  const v = new DataView(bpf.buffer, bpf.byteOffset, bpf.byteLength);
  const mem = new Uint32Array(16);
  let A = 0, X = 0;
  for (let pc = 0; pc * 8 < bpf.length; pc++) {
    const code = v.getUint16(pc * 8, true), jt = v.getUint8(pc * 8 + 2), jf = v.getUint8(pc * 8 + 3);
    const k = v.getUint32(pc * 8 + 4, true);
    const src = (code & 0x08) !== 0 ? X : k;
    switch (code & 0x07) {
      case 0x00: // LD
        A = (code & 0xe0) === 0x20 ? word(d, k) : (code & 0xe0) === 0x60 ? mem[k] : (code & 0xe0) === 0x00 ? k : 0;
        break;
      case 0x01: X = (code & 0xe0) === 0x60 ? mem[k] : k; break; // LDX
      case 0x02: mem[k] = A; break; // ST
      case 0x03: mem[k] = X; break; // STX
      case 0x04: // ALU
        switch (code & 0xf0) {
          case 0x00: A = (A + src) >>> 0; break;
          case 0x10: A = (A - src) >>> 0; break;
          case 0x40: A = (A | src) >>> 0; break;
          case 0x50: A = (A & src) >>> 0; break;
          default: throw new Error(`ALU op 0x${code.toString(16)}`);
        }
        break;
      case 0x05: { // JMP
        const op = code & 0xf0;
        if (op === 0x00) { pc += k; break; }
        const t = op === 0x10 ? A === src : op === 0x20 ? A > src : op === 0x30 ? A >= src : op === 0x40 ? (A & src) !== 0 : null;
        if (t === null) throw new Error(`JMP op 0x${code.toString(16)}`);
        pc += t ? jt : jf;
        break;
      }
      case 0x06: return (code & 0x18) === 0x10 ? A : k; // RET
      case 0x07: if ((code & 0xf8) === 0) X = A; else A = X; break; // TAX / TXA
      default: throw new Error(`opcode 0x${code.toString(16)}`);
    }
  }
  throw new Error('filter ran off its end');
}
