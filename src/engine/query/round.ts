// Python's round(x, n) (ties to even on the exact binary value), as DVC rounds metrics for display
// (dvc/compare.py _format_field with round_digits; `--precision`, default 5).
import { pyNumber } from '../config/py-str.js';

/** DVC's default `--precision` for metrics tables. */
export const DEFAULT_PRECISION = 5;

/** `x` rounded to `digits` decimals as Python's round() does. */
export function pyRound(x: number, digits: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x;
  const exact = Math.abs(x).toFixed(Math.min(100, digits + 30)); // the binary value's decimal expansion
  const dot = exact.indexOf('.');
  const rest = exact.slice(dot + 1 + digits);
  const tie = /^50*$/.test(rest);
  let r = Number(Math.abs(x).toFixed(digits));
  if (tie) {
    const kept = Number(exact.slice(0, dot + 1 + digits).replace('.', '').slice(-1));
    if (kept % 2 === 0) r = Number(exact.slice(0, dot + 1 + digits)); // ties to even: keep
  }
  return x < 0 ? -r : r;
}

/** A metric value as DVC prints it with `precision`: floats rounded, then Python's str(). */
export function formatMetric(v: number, precision: number): string {
  return Number.isInteger(v) ? String(v) : pyNumber(pyRound(v, precision));
}
