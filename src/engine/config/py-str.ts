// Python's str() of the values DVC interpolates (dvc/parsing/interpolate.py to_str), so that a migrated cmd
// renders the same text: floats in repr form (1e-05, 1e+16), None, lists as ['a', 1].
import type { Value } from '../stage.js';

/** Python `str(x)` of a number: integers as digits; other floats as Python's shortest repr. */
export function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  const [mantissa = '0', expText = '0'] = n.toExponential().split('e');
  const exp = Number(expText);
  if (exp >= -4 && exp < 16) return String(n); // fixed notation, same digits as JS
  const digits = mantissa.includes('.') ? mantissa : `${mantissa}`;
  return `${digits}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** Python `str(x)` of a scalar or container, as DVC's f-strings produce it. */
export function pyStr(v: Value): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pyNumber(v);
  if (typeof v === 'string') return v;
  return pyRepr(v);
}

function pyRepr(v: Value): string {
  if (typeof v === 'string') return `'${v.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (v === null || typeof v !== 'object') return pyStr(v);
  if (Array.isArray(v)) return `[${(v as readonly Value[]).map(pyRepr).join(', ')}]`;
  return `{${Object.entries(v as { readonly [k: string]: Value }).map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
}
