// Peaks and rising/falling slopes of a contour, following openSMILE's cFunctionalPeaks2 as configured by eGeMAPSv02
// (relThresh 0.1, dynRelThresh 0, norm seconds). The rules below were taken from reading openSMILE's source and
// are re-implemented here in our own words:
//
//  1. Candidates are the strict local maxima and minima at indices 2 … n−3.
//  2. A first pass walks the candidates with the threshold thr = 0.1 × (max − min of the contour). It remembers
//     the value of the previous candidate (kept or not; initially x[0]), the last accepted minimum and maximum
//     (both initially x[0]) and whether the last accepted extremum was a minimum. A maximum closer than thr to the
//     previous candidate is dropped when it also lies less than thr above the last accepted minimum; otherwise it
//     replaces the last accepted maximum when it exceeds it by 5 % (multiplicative), is accepted next to it when a
//     minimum was accepted since, and is dropped otherwise. A maximum at least thr away from the previous candidate
//     is accepted. Minima are never dropped here; one at least thr away from the previous candidate becomes the
//     last accepted minimum.
//  3. A second pass drops every minimum lying less than thr below the most recent remaining maximum (x[0] before
//     the first one).
//  4. A third pass enforces alternation: of consecutive minima the lowest (first on ties) survives, of consecutive
//     maxima the highest (first on ties).
//  5. Slopes run from (0, x[0]) through the remaining extrema; a segment ending in a maximum is rising, one ending
//     in a minimum falling (stored as a positive magnitude). The segment from the last extremum to the end of the
//     contour is signed (x[n−1] − last)/Δt and counted as falling after a maximum, rising after a minimum. Without
//     any extremum the only slope is (x[n−1] − x[0]) / n — per frame, not per second — rising if positive,
//     falling (negative) if negative.
//  6. Means divide by the number of slopes; the standard deviation sums squared deviations of the slopes between
//     extrema only (not of the end segment) but divides by the same count.
// openSMILE's data memory holds 32-bit floats and the functional computes in float; values are rounded to float32
// where openSMILE stores or computes them in float.

const f32 = Math.fround;

/** Peaks and slope statistics of one contour. */
export interface SlopeStats {
  peaks: number;
  meanRising: number;
  stddevRising: number;
  meanFalling: number;
  stddevFalling: number;
}

/** Options of contourSlopes. */
export interface ContourSlopesOptions {
  /** Threshold relative to the contour's range (default 0.1). */
  relativeThreshold?: number;
  /** Time between frames in seconds (default 0.01). */
  frameSeconds?: number;
}

/** Accepted extrema: positions and types (+1 max, −1 min), in order. */
export function contourExtrema(x: Float64Array, relativeThreshold = 0.1): { pos: number[]; type: number[] } {
  const n = x.length;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) { lo = Math.min(lo, x[i]!); hi = Math.max(hi, x[i]!); }
  const thr = f32(f32(relativeThreshold) * f32(hi - lo));
  // Step 1: all strict local extrema in [2, n−3].
  const pos: number[] = [], type: number[] = [];
  for (let i = 2; i < n - 2; i++) {
    const v = x[i]!;
    if (v > x[i - 1]! && v > x[i + 1]!) { pos.push(i); type.push(1); }
    else if (v < x[i - 1]! && v < x[i + 1]!) { pos.push(i); type.push(-1); }
  }
  const alive = new Uint8Array(pos.length).fill(1);
  const val = (k: number): number => x[pos[k]!]!;
  // Step 2: mutual minimum rise/fall.
  let lastVal = x[0]!, lastMin = x[0]!, lastMax = x[0]!, minSince = false, lastMaxK = -1;
  for (let k = 0; k < pos.length; k++) {
    const v = val(k);
    if (type[k] === 1) {
      if (f32(Math.abs(v - lastVal)) < thr) {
        if (f32(v - lastMin) < thr) {
          alive[k] = 0;
        } else {
          if (v > lastMax * 1.05) {
            if (lastMaxK >= 0) alive[lastMaxK] = 0;
            lastMax = v; lastMaxK = k;
          } else if (minSince) {
            lastMax = v; lastMaxK = k;
          } else {
            alive[k] = 0;
          }
          minSince = false;
        }
      } else {
        minSince = false;
        lastMax = v; lastMaxK = k;
      }
    } else if (!(f32(Math.abs(v - lastVal)) < thr)) {
      minSince = true;
      lastMin = v;
    }
    lastVal = v;
  }
  // Step 3: minima too shallow below the preceding maximum.
  let prevMax = x[0]!;
  for (let k = 0; k < pos.length; k++) {
    if (!alive[k]) continue;
    if (type[k] === -1) { if (f32(prevMax - val(k)) < thr) alive[k] = 0; }
    else prevMax = val(k);
  }
  // Step 4: alternation.
  let inMin = false, first = true, refK = -1;
  for (let k = 0; k < pos.length; k++) {
    if (!alive[k]) continue;
    const v = val(k);
    if (type[k] === -1) {
      if (!inMin || first) { refK = k; inMin = true; first = false; }
      else if (v >= val(refK)) alive[k] = 0;
      else { alive[refK] = 0; refK = k; }
    } else {
      if (inMin || first) { refK = k; inMin = false; first = false; }
      else if (v <= val(refK)) alive[k] = 0;
      else { alive[refK] = 0; refK = k; }
    }
  }
  const outPos: number[] = [], outType: number[] = [];
  for (let k = 0; k < pos.length; k++) if (alive[k]) { outPos.push(pos[k]!); outType.push(type[k]!); }
  return { pos: outPos, type: outType };
}

/** Mean and standard deviation as in step 6: `inner` slopes enter both, `tail` (if any) only the mean. */
function meanStd(inner: number[], tail: number | null): [number, number] {
  const count = inner.length + (tail === null ? 0 : 1);
  if (count === 0) return [0, 0];
  let s = 0;
  for (const v of inner) s = f32(s + v);
  if (tail !== null) s = f32(s + tail);
  const m = count > 1 ? f32(s / count) : s;
  let q = 0;
  for (const v of inner) q = f32(q + f32(f32(v - m) * f32(v - m)));
  if (count > 1) q = f32(q / count);
  return [m, q > 0 ? f32(Math.sqrt(q)) : 0];
}

/** Peak count and rising/falling slope statistics (per second) of a contour (openSMILE cFunctionalPeaks2). */
export function contourSlopes(contour: Float64Array, options: ContourSlopesOptions = {}): SlopeStats {
  const x = contour.map(f32);
  const dt = f32(options.frameSeconds ?? 0.01);
  const n = x.length;
  const out: SlopeStats = { peaks: 0, meanRising: 0, stddevRising: 0, meanFalling: 0, stddevFalling: 0 };
  if (n === 0) return out;
  const { pos, type } = contourExtrema(x, options.relativeThreshold ?? 0.1);
  out.peaks = type.filter((t) => t === 1).length;
  if (pos.length === 0) {
    const s = f32(f32(x[n - 1]! - x[0]!) / n);
    if (s > 0) out.meanRising = s;
    else if (s < 0) out.meanFalling = s;
    return out;
  }
  const rise: number[] = [], fall: number[] = [];
  let maxV = x[0]!, maxP = 0, minV = x[0]!, minP = 0, lastIsMax = false;
  for (let k = 0; k < pos.length; k++) {
    const p = pos[k]!, v = x[p]!;
    if (type[k] === -1) {
      minV = v; minP = p;
      if (minP > maxP) { fall.push(f32(f32(maxV - minV) / f32((minP - maxP) * dt))); lastIsMax = false; }
    } else {
      maxV = v; maxP = p;
      if (maxP > minP) { rise.push(f32(f32(maxV - minV) / f32((maxP - minP) * dt))); lastIsMax = true; }
    }
  }
  let riseTail: number | null = null, fallTail: number | null = null;
  if (lastIsMax && n - 1 - maxP > 0) fallTail = f32(f32(x[n - 1]! - maxV) / f32((n - 1 - maxP) * dt));
  else if (!lastIsMax && n - 1 - minP > 0) riseTail = f32(f32(x[n - 1]! - minV) / f32((n - 1 - minP) * dt));
  [out.meanRising, out.stddevRising] = meanStd(rise, riseTail);
  [out.meanFalling, out.stddevFalling] = meanStd(fall, fallTail);
  return out;
}
