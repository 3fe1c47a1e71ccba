// Digits of a finite, non-negative double the way libfmt lays them out. JS's
// toFixed/toExponential round exact ties upwards, while libfmt (like printf)
// rounds the exact binary value half to even, so rounding is done here on
// exact BigInt rationals. The shortest round-trip digits come from JS, whose
// Number-to-string conversion picks the same shortest digits as libfmt.

const view = new DataView(new ArrayBuffer(8));

/** x = mantissa * 2^exponent exactly. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  if (biased !== 0) mantissa |= 1n << 52n;
  return { mantissa, exponent: (biased === 0 ? 1 : biased) - 1075 };
}

/** round-half-even(x * 10^shift) for x >= 0. */
function roundScaled(x: number, shift: number): bigint {
  const { mantissa, exponent } = decompose(x);
  let num = mantissa;
  let den = 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  const q = num / den;
  const twice = (num % den) * 2n;
  return twice > den || (twice === den && (q & 1n) === 1n) ? q + 1n : q;
}

/** floor(log10(x)) for x > 0, exactly. */
function decimalExponent(x: number): number {
  const { mantissa, exponent } = decompose(x);
  if (exponent >= 0) return (mantissa << BigInt(exponent)).toString().length - 1;
  // x = mantissa * 5^-exponent / 10^-exponent
  return (mantissa * 5n ** BigInt(-exponent)).toString().length - 1 + exponent;
}

interface Decimal {
  /** Significant digits, the first one non-zero unless the value is 0. */
  digits: string;
  /** Decimal exponent of the first digit. */
  exp: number;
}

/** x rounded to `count` significant digits. */
function significant(x: number, count: number): Decimal {
  if (x === 0) return { digits: '0'.repeat(count), exp: 0 };
  let exp = decimalExponent(x);
  let digits = roundScaled(x, count - 1 - exp).toString();
  if (digits.length > count) {
    // Rounding carried into a new digit (9.99 -> 10.0).
    digits = digits.slice(0, count);
    exp++;
  }
  return { digits, exp };
}

function shortest(x: number): Decimal {
  if (x === 0) return { digits: '0', exp: 0 };
  const [mantissa, exponent] = x.toExponential().split('e');
  return { digits: mantissa.replace('.', ''), exp: Number(exponent) };
}

function exponentSuffix(exp: number, upper: boolean): string {
  const magnitude = String(Math.abs(exp)).padStart(2, '0');
  return `${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${magnitude}`;
}

export function fixed(x: number, precision: number, alt: boolean): string {
  const text = roundScaled(x, precision).toString().padStart(precision + 1, '0');
  const whole = text.slice(0, text.length - precision);
  if (precision > 0) return `${whole}.${text.slice(whole.length)}`;
  return alt ? `${whole}.` : whole;
}

export function exponential(x: number, precision: number, alt: boolean, upper: boolean): string {
  const { digits, exp } = significant(x, precision + 1);
  const point = precision > 0 || alt ? '.' : '';
  return `${digits[0]}${point}${digits.slice(1)}${exponentSuffix(exp, upper)}`;
}

/**
 * libfmt's general layout, used by 'g'/'G' (precision >= 1) and by the
 * default presentation (precision -1: shortest digits, exponent from 1e16).
 * Without '#', trailing zeros go away; with it they stay and a point is kept.
 */
export function general(x: number, precision: number, alt: boolean, upper: boolean): string {
  let { digits, exp } = precision < 0 ? shortest(x) : significant(x, precision);
  if (!alt) digits = digits.replace(/(?<=.)0+$/, '');
  const limit = precision > 0 ? precision : 16;
  if (exp < -4 || exp >= limit) {
    const point = digits.length > 1 || alt ? '.' : '';
    const padding = alt && precision > digits.length ? '0'.repeat(precision - digits.length) : '';
    return `${digits[0]}${point}${digits.slice(1)}${padding}${exponentSuffix(exp, upper)}`;
  }
  if (exp < 0) return `0.${'0'.repeat(-exp - 1)}${digits}`;
  if (exp + 1 >= digits.length) {
    const whole = digits + '0'.repeat(exp + 1 - digits.length);
    if (!alt) return whole;
    return `${whole}.${'0'.repeat(Math.max(precision - whole.length, 0))}`;
  }
  return `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** libfmt's 'a': 0x1.hhhp+e, trailing zero digits dropped, round half up. */
export function hexadecimal(x: number, precision: number, alt: boolean, upper: boolean): string {
  let { mantissa, exponent } = decompose(x);
  exponent += 52;
  let shown = 13;
  if (precision >= 0 && precision < shown) {
    const shift = BigInt((shown - precision - 1) * 4);
    if (((mantissa >> shift) & 0xfn) >= 8n) {
      const step = 1n << (shift + 4n);
      mantissa = (mantissa + step) & ~(step - 1n);
    }
    shown = precision;
  }
  const hex = mantissa.toString(16).padStart(14, '0');
  while (shown > 0 && hex[shown] === '0') shown--;
  const point = alt || shown > 0 || shown < precision ? '.' : '';
  const tail = '0'.repeat(Math.max(precision - shown, 0));
  const text = `0x${hex[0]}${point}${hex.slice(1, 1 + shown)}${tail}p${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
  return upper ? text.toUpperCase() : text;
}
