// Cohen's kappa of two raters over the same items: κ = (p_o − p_e) / (1 − p_e), with p_e from each rater's
// marginal category frequencies (Cohen 1960, "A coefficient of agreement for nominal scales").

/** κ of paired categorical ratings; null when undefined (no items, or chance agreement is 1). */
export function cohenKappa(a: readonly string[], b: readonly string[]): number | null {
  if (a.length !== b.length) throw new RangeError(`cohenKappa: ${a.length} vs ${b.length} ratings`);
  const n = a.length;
  if (n === 0) return null;
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  let agree = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) agree++;
    countA.set(x, (countA.get(x) ?? 0) + 1);
    countB.set(y, (countB.get(y) ?? 0) + 1);
  }
  const po = agree / n;
  let pe = 0;
  for (const [category, ca] of countA) pe += (ca / n) * ((countB.get(category) ?? 0) / n);
  if (1 - pe < 1e-12) return po === 1 ? null : 0;
  return (po - pe) / (1 - pe);
}
