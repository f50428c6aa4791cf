// Parity of computed functionals with reference values (openSMILE outputs): per (file, feature) relative error,
// with an absolute floor for values near 0, as issue #3 defines the acceptance criteria.

/** One compared (file, feature) pair. */
export interface ParityPair {
  file: string;
  feature: string;
  ours: number;
  ref: number;
  /** |ours − ref| / |ref|, or the absolute error when |ref| is near 0 (see nearZero). */
  error: number;
  /** Whether `error` is absolute (reference near 0). */
  absolute: boolean;
}

/** Options of parityPairs. */
export interface ParityOptions {
  /** Reference magnitudes at or below this are compared absolutely (default 1e−3). */
  nearZero?: number;
}

/** Compares two equally long rows of features. */
export function parityPairs(
  file: string, names: readonly string[], ours: Float64Array, ref: Float64Array, options: ParityOptions = {},
): ParityPair[] {
  if (ours.length !== names.length || ref.length !== names.length) throw new RangeError('parityPairs: length mismatch');
  const nearZero = options.nearZero ?? 1e-3;
  const pairs: ParityPair[] = [];
  for (let i = 0; i < names.length; i++) {
    const o = ours[i]!, r = ref[i]!;
    const absolute = Math.abs(r) <= nearZero;
    const diff = Math.abs(o - r);
    const error = Number.isFinite(o) ? (absolute ? diff : diff / Math.abs(r)) : Infinity;
    pairs.push({ file, feature: names[i]!, ours: o, ref: r, error, absolute });
  }
  return pairs;
}

/** Share of pairs within a tolerance: relative ≤ tol, or absolute ≤ 1e−3 for near-zero references. */
export function passRate(pairs: readonly ParityPair[], tolerance: number, absoluteTolerance = 1e-3): number {
  if (pairs.length === 0) return 1;
  const ok = pairs.filter((p) => (p.absolute ? p.error <= absoluteTolerance : p.error <= tolerance)).length;
  return ok / pairs.length;
}

/** A text table of the worst pairs (by relative error; absolute ones by error/1e−3). */
export function worstPairsTable(pairs: readonly ParityPair[], count = 20): string {
  const score = (p: ParityPair): number => (p.absolute ? p.error / 1e-3 * 0.01 : p.error);
  const worst = [...pairs].sort((a, b) => score(b) - score(a)).slice(0, count);
  const lines = worst.map((p) =>
    `${p.feature.padEnd(44)} ${p.file.padEnd(22)} ours ${p.ours.toPrecision(6).padStart(12)} ref ${p.ref.toPrecision(6).padStart(12)} ${p.absolute ? 'abs' : 'rel'} ${p.error.toExponential(2)}`);
  return lines.join('\n');
}

/** Per-feature pass counts at a tolerance, worst features first. */
export function featureSummary(pairs: readonly ParityPair[], tolerance: number): string {
  const byFeature = new Map<string, { ok: number; all: number }>();
  for (const p of pairs) {
    const e = byFeature.get(p.feature) ?? { ok: 0, all: 0 };
    e.all++;
    if (p.absolute ? p.error <= 1e-3 : p.error <= tolerance) e.ok++;
    byFeature.set(p.feature, e);
  }
  return [...byFeature.entries()]
    .filter(([, e]) => e.ok < e.all)
    .sort((a, b) => a[1].ok / a[1].all - b[1].ok / b[1].all)
    .map(([f, e]) => `${f.padEnd(44)} ${e.ok}/${e.all}`)
    .join('\n');
}
