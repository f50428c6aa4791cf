// Number formatting of XGBoost's JSON writer: the shortest digits that round-trip a float32, as `dE±x`.

/** Formats a float32 value like XGBoost 1.7 (e.g. 6.0909086E-1, 0E0, -0E0); NaN/Infinity are written as-is. */
export function formatFloat32(value: number): string {
  const v = Math.fround(value);
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0E0' : '0E0';
  for (let digits = 1; digits <= 9; digits++) {
    const s = closestShortest(v, digits);
    if (s !== null) return s.replace('e+', 'E').replace('e', 'E');
  }
  return v.toExponential(8).replace('e+', 'E').replace('e', 'E');
}

/**
 * Among the `digits`-digit decimals next to v, the one closest to v that still reads back as v (ties: even last
 * digit, as Ryu does), in toExponential form; null when none round-trips.
 */
function closestShortest(v: number, digits: number): string | null {
  const base = v.toExponential(digits - 1);
  const [mant, exp] = base.split('e') as [string, string];
  const neg = mant.startsWith('-');
  const intDigits = BigInt(mant.replace('-', '').replace('.', ''));
  let best: { text: string; err: number; even: boolean } | null = null;
  for (const delta of [-1n, 0n, 1n]) {
    const m = intDigits + delta;
    if (m <= 0n) continue;
    let ds = m.toString();
    let e = Number(exp);
    if (ds.length > digits) {
      ds = ds.slice(0, digits);
      e += 1;
    }
    const text = `${neg ? '-' : ''}${ds[0]}${ds.length > 1 ? '.' + ds.slice(1) : ''}e${e >= 0 ? '+' : ''}${e}`;
    const x = Number(text);
    if (Math.fround(x) !== v) continue;
    const err = Math.abs(x - v);
    const even = Number(ds[ds.length - 1]) % 2 === 0;
    if (!best || err < best.err || (err === best.err && even && !best.even)) best = { text, err, even };
  }
  return best?.text ?? null;
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
