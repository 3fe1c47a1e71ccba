// LuaJIT prints numbers with "%.14g" whether or not they are integral, so `10/2`
// is "5" and 2^53 is "9.007199254741e+15". Fengari would print "5.0" and the
// full digits; every number-to-text path in the VM goes through this function.

const nanSign = new Float64Array(1);
const nanBytes = new Uint8Array(nanSign.buffer);

function stripFractionZeros(digits: string): string {
  if (!digits.includes('.')) return digits;
  return digits.replace(/\.?0+$/, '');
}

/** Formats like C's printf("%.14g", n) with glibc's spelling of inf and nan. */
export function formatLuaNumber(n: number): string {
  if (Number.isNaN(n)) {
    nanSign[0] = n;
    return (nanBytes[7] & 0x80) !== 0 ? '-nan' : 'nan';
  }
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  if (Number.isInteger(n) && Math.abs(n) < 1e14) return String(n);

  const [mantissa, exponentText] = n.toExponential(13).split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 14) {
    const sign = exponent < 0 ? '-' : '+';
    const magnitude = String(Math.abs(exponent)).padStart(2, '0');
    return `${stripFractionZeros(mantissa)}e${sign}${magnitude}`;
  }
  return stripFractionZeros(n.toFixed(13 - exponent));
}
