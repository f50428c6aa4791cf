// Debug tool: frames whose formants are numerically ill-conditioned. For every stream-B frame it compares our
// (double-precision) F1–F3/B1–B3 with the same chain where the resampled frame, its autocorrelation and the
// Levinson–Durbin recursion are rounded to float32 (openSMILE computes all of these in single precision). Frames
// where this float32-level perturbation moves a value by more than --tol (relative, default 0.003) are listed:
// there openSMILE's output depends on its exact float32 rounding and a double-precision chain cannot match it.
// The probe is one perturbation among many: a frame it does not list can still be fragile (vowel_infant_380
// frame 8 flips its root structure under 1e-5·r[0] changes of single lags, which this probe does not reach).
// Usage: npx tsx bench/egemaps/formant-conditioning.ts <file-stem> [<file-stem> …] [--tol=0.003]
import { decodeWavFile } from '../../src/audio/wav-decode.js';
import { framePlan, windowedSpectrum, frameCount } from '../../src/audio/egemaps/frames.js';
import { polynomialRoots } from '../../src/audio/egemaps/polynomial-roots.js';
import { formantPlan, resampleSpectrum, formants } from '../../src/audio/egemaps/formants.js';
const f = Math.fround;
function sel(a: Float64Array): number[] {
  const poly = new Float64Array(12); poly[0] = 1;
  for (let k = 1; k <= 11; k++) poly[k] = -a[k - 1]!;
  const zr = new Float64Array(11), zi = new Float64Array(11);
  polynomialRoots(poly, zr, zi);
  const fr: [number, number][] = [];
  for (let i = 0; i < 11; i++) {
    let a2 = zr[i]!, b2 = zi[i]!;
    const m2 = a2 * a2 + b2 * b2;
    if (m2 > 1) { a2 /= m2; b2 /= m2; }
    if (b2 < 0) continue;
    const hz = (Math.abs(Math.atan2(b2, a2)) * 11000) / (2 * Math.PI);
    if (hz < 50 || hz > 5450) continue;
    fr.push([hz, (-Math.log(Math.sqrt(a2 * a2 + b2 * b2)) * 11000) / Math.PI]);
  }
  fr.sort((p, q) => p[0] - q[0]);
  const out = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < Math.min(3, fr.length); i++) { out[2 * i] = fr[i]![0]; out[2 * i + 1] = fr[i]![1]; }
  return out;
}
function lev(r: Float64Array): Float64Array {
  const a = new Float64Array(11); let e = r[0]!;
  for (let m = 1; m <= 11; m++) {
    let sum = r[m]!;
    for (let i = 1; i < m; i++) sum = f(sum + f(a[i - 1]! * r[m - i]!));
    const k = f(f(-1 / e) * sum);
    a[m - 1] = k;
    for (let i = 1; i <= m / 2; i++) {
      const xx = a[i - 1]!;
      a[i - 1] = f(a[i - 1]! + f(k * a[m - i - 1]!));
      if (i < Math.floor(m / 2) || (m & 1) === 1) a[m - i - 1] = f(a[m - i - 1]! + f(k * xx));
    }
    e = f(e * f(1 - f(k * k)));
  }
  return a;
}
const tol = Number(process.argv.find((a) => a.startsWith('--tol='))?.slice(6) ?? 0.003);
for (const stem of process.argv.slice(2).filter((a) => !a.startsWith('--'))) {
  const wav = decodeWavFile(`test/fixtures/reference/audio/${stem}.wav`);
  const plan = framePlan(wav.sampleRateHz);
  const n = plan.fftB.size;
  const re = new Float64Array(n), im = new Float64Array(n);
  const fp = formantPlan(n, plan.lengthB, wav.sampleRateHz);
  const frames = frameCount(wav.samples.length, plan.lengthB, plan.hop);
  const x = new Float64Array(fp.outLength), out = new Float64Array(6);
  const flagged: string[] = [];
  for (let t = 0; t < frames; t++) {
    windowedSpectrum(wav.samples, t * plan.hop, plan.windowB, plan.fftB, re, im);
    const hr = re.subarray(0, n / 2 + 1), hi = im.subarray(0, n / 2 + 1);
    formants(hr, hi, fp, out);
    resampleSpectrum(hr, hi, fp, x);
    const xf = Float64Array.from(x, v => f(v / (n / 2)));
    const rf = new Float64Array(12);
    for (let lag = 0; lag <= 11; lag++) { let s = 0; for (let i = lag; i < fp.outLength; i++) s = f(s + f(xf[i]! * xf[i - lag]!)); rf[lag] = s; }
    const g = sel(lev(rf));
    let worst = 0;
    for (let i = 0; i < 6; i++) worst = Math.max(worst, Math.abs(g[i]! - out[i]!) / Math.max(Math.abs(out[i]!), 1));
    if (worst > tol) flagged.push(`${t}(${worst.toExponential(1)}: ${Array.from(out, v => v.toFixed(0)).join('/')} vs ${g.map(v => v.toFixed(0)).join('/')})`);
  }
  console.log(`${stem}: ${flagged.length}/${frames} frames ill-conditioned`);
  if (flagged.length > 0) console.log(`  ${flagged.join('\n  ')}`);
}
