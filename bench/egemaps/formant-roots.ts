// Debug tool: LPC polynomial roots of one stream-B frame (double precision and float32-emulated paths).
// Usage: npx tsx bench/egemaps/formant-roots.ts <file-stem> <frame> [<frame> …]
import { decodeWavFile } from '../../src/audio/wav-decode.js';
import { framePlan, windowedSpectrum } from '../../src/audio/egemaps/frames.js';
import { polynomialRoots } from '../../src/audio/egemaps/polynomial-roots.js';

const [stem, ...frameArgs] = process.argv.slice(2);
const wav = decodeWavFile(`test/fixtures/reference/audio/${stem}.wav`);
const plan = framePlan(wav.sampleRateHz);
const n = plan.fftB.size;
const re = new Float64Array(n), im = new Float64Array(n);
const f = Math.fround;
const ORDER = 11, OUT = 220, KB = 109;
const nd = (n * 11000) / wav.sampleRateHz;

function roots(x: Float64Array, single: boolean): string {
  const r = new Float64Array(ORDER + 1);
  for (let lag = 0; lag <= ORDER; lag++) {
    let s = 0;
    for (let i = lag; i < OUT; i++) s = single ? f(s + f(x[i]! * x[i - lag]!)) : s + x[i]! * x[i - lag]!;
    r[lag] = s;
  }
  const a = new Float64Array(ORDER);
  let e = r[0]!;
  for (let m = 1; m <= ORDER; m++) {
    let sum = r[m]!;
    for (let i = 1; i < m; i++) sum = single ? f(sum + f(a[i - 1]! * r[m - i]!)) : sum + a[i - 1]! * r[m - i]!;
    const k = single ? f(f(-1 / e) * sum) : (-1 / e) * sum;
    a[m - 1] = k;
    for (let i = 1; i <= m / 2; i++) {
      const xx = a[i - 1]!;
      a[i - 1] = single ? f(a[i - 1]! + f(k * a[m - i - 1]!)) : a[i - 1]! + k * a[m - i - 1]!;
      if (i < Math.floor(m / 2) || (m & 1) === 1) a[m - i - 1] = single ? f(a[m - i - 1]! + f(k * xx)) : a[m - i - 1]! + k * xx;
    }
    e = single ? f(e * f(1 - f(k * k))) : e * (1 - k * k);
    if (process.env.EK) console.log(`  m=${m} k=${k.toFixed(7)} e/r0=${(e / r[0]!).toExponential(3)}`);
  }
  const poly = new Float64Array(ORDER + 1);
  poly[0] = 1;
  for (let k = 1; k <= ORDER; k++) poly[k] = -a[k - 1]!;
  const zr = new Float64Array(ORDER), zi = new Float64Array(ORDER);
  polynomialRoots(poly, zr, zi);
  const out: string[] = [];
  for (let i = 0; i < ORDER; i++) {
    let a2 = zr[i]!, b2 = zi[i]!;
    const m2 = a2 * a2 + b2 * b2;
    if (m2 > 1) { a2 /= m2; b2 /= m2; }
    const hz = (Math.abs(Math.atan2(b2, a2)) * 11000) / (2 * Math.PI);
    const bw = (-Math.log(Math.sqrt(a2 * a2 + b2 * b2)) * 11000) / Math.PI;
    out.push(`${b2 < 0 ? '-' : '+'}${hz.toFixed(1)}/${bw.toFixed(0)}${m2 > 1 ? '*' : ''}`);
  }
  return `coef ${Array.from(a, (v) => v.toFixed(5)).join(' ')}\n    roots ${out.join(' ')}`;
}

for (const fa of frameArgs) {
  const t = Number(fa);
  re.fill(0); im.fill(0);
  windowedSpectrum(wav.samples, t * plan.hop, plan.windowB, plan.fftB, re, im);
  for (const single of [false, true]) {
    const x = new Float64Array(OUT);
    for (let i = 0; i < OUT; i++) {
      let s = single ? f(re[0]!) : re[0]!;
      for (let k = 1; k <= KB; k++) {
        const th = (2 * Math.PI * (k * i)) / nd;
        if (single) {
          s = f(s + f(f(re[k]!) * f(Math.cos(th))));
          s = f(s + f(f(-im[k]!) * f(Math.sin(th))));
        } else s += re[k]! * Math.cos(th) - im[k]! * Math.sin(th);
      }
      x[i] = single ? f(s / (n / 2)) : s / (n / 2);
    }
    console.log(`${stem} frame ${t} ${single ? 'float32' : 'double '}: ${roots(x, single)}`);
  }
}
