// Debug tool: LLD mismatches (> tol relative) of chosen columns, restricted to frames whose smoothed F0 agrees with
// openSMILE's (relative 1e-4) over t−2..t+2; the last rows (end-of-input artefacts) are skipped.
// Usage: npx tsx bench/egemaps/lld-f0match.ts [--tol=0.01] [--col=regex] [--rows] [file-stem …]
import { EGEMAPS_LLD_NAMES } from '../../src/audio/egemaps/index.js';
import { lldPair, stemsFromArgs } from './lld-pairs.js';

const args = process.argv.slice(2);
const tol = Number(args.find((a) => a.startsWith('--tol='))?.slice(6) ?? 0.01);
const colRe = new RegExp(args.find((a) => a.startsWith('--col='))?.slice(6) ?? 'HNR|logRel|F[123]');
const f0tol = Number(args.find((a) => a.startsWith("--f0tol="))?.slice(8) ?? 1e-4);
const rowsOut = args.includes('--rows');
const files = stemsFromArgs(args);
const f0c = EGEMAPS_LLD_NAMES.indexOf('F0semitoneFrom27.5Hz_sma3nz');
const totals = new Map<string, [number, number]>();
for (const stem of files) {
  const pair = lldPair(stem);
  if (pair === null) continue;
  const { ref, ours } = pair;
  const n = Math.min(ours.length, ref.rows.length) - 4;
  const f0ok = (t: number): boolean => {
    for (let u = Math.max(0, t - 2); u <= Math.min(n - 1, t + 2); u++) {
      const a = ours[u]![f0c]!, b = ref.rows[u]!.values[f0c]!;
      if (Math.abs(a - b) > f0tol * Math.max(Math.abs(b), 1e-3)) return false;
    }
    return true;
  };
  for (let c = 0; c < EGEMAPS_LLD_NAMES.length; c++) {
    const name = EGEMAPS_LLD_NAMES[c]!;
    if (!colRe.test(name)) continue;
    let bad = 0, used = 0;
    const badRows: number[] = [];
    for (let t = 0; t < n; t++) {
      if (!f0ok(t)) continue;
      used++;
      const a = ours[t]![c]!, b = ref.rows[t]!.values[c]!;
      if (Math.abs(a - b) > tol * Math.max(Math.abs(b), 1e-3)) { bad++; badRows.push(t); }
    }
    const tot = totals.get(name) ?? [0, 0];
    totals.set(name, [tot[0] + bad, tot[1] + used]);
    if (bad > 0) console.log(`${stem.padEnd(22)} ${name.padEnd(28)} ${bad}/${used}${rowsOut ? `  rows ${badRows.join(',')}` : ''}`);
  }
}
console.log('--- totals (bad / F0-matched frames)');
for (const [name, [bad, used]] of totals) console.log(`${name.padEnd(28)} ${bad}/${used}`);
