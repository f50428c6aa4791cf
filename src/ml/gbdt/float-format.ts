// Number formatting of XGBoost's JSON writer: the shortest digits that round-trip a float32, as `dE±x`.

/** Formats a float32 value like XGBoost 1.7 (e.g. 6.0909086E-1, 0E0, -0E0); NaN/Infinity are written as-is. */
export function formatFloat32(value: number): string {
  const v = Math.fround(value);
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0E0' : '0E0';
  for (let digits = 1; digits <= 9; digits++) {
    const s = v.toExponential(digits - 1);
    if (Math.fround(Number(s)) === v) return s.replace('e+', 'E').replace('e', 'E');
  }
  return v.toExponential(8).replace('e+', 'E').replace('e', 'E');
}

/** Shortest decimal text of a float32 in plain notation (for CSV output), e.g. 0.139209956. */
export function formatFloat32Plain(value: number): string {
  const v = Math.fround(value);
  if (!Number.isFinite(v)) return String(v);
  for (let digits = 1; digits <= 9; digits++) {
    const s = v.toPrecision(digits);
    if (Math.fround(Number(s)) === v) return String(Number(s));
  }
  return String(v);
}
