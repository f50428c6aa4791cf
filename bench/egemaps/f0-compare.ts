// Debug tool: F0semitoneFrom27.5Hz_sma3nz frame by frame against openSMILE's LLD CSVs — voicing mismatches and
// semitone differences on frames both call voiced.
// Usage: npx tsx bench/egemaps/f0-compare.ts [file-stem …] [--rows]
import { EGEMAPS_LLD_NAMES } from '../../src/audio/egemaps/index.js';
import { lldPair, stemsFromArgs } from './lld-pairs.js';

const args = process.argv.slice(2);
const showRows = args.includes('--rows');
const files = stemsFromArgs(args);
const c = EGEMAPS_LLD_NAMES.indexOf('F0semitoneFrom27.5Hz_sma3nz');
let totalMis = 0, totalBoth = 0, totalWithin = 0;
for (const stem of files) {
  const pair = lldPair(stem);
  if (pair === null) continue;
  const { ref, ours } = pair;
  const n = Math.min(ours.length, ref.rows.length);
  const mis: number[] = [];
  let both = 0, sum = 0, max = 0, within = 0;
  for (let t = 0; t < n; t++) {
    const a = ours[t]![c]!, b = ref.rows[t]!.values[c]!;
    if ((a > 0) !== (b > 0)) { mis.push(t); continue; }
    if (a > 0) {
      both++; sum += a - b; max = Math.max(max, Math.abs(a - b));
      if (Math.abs(a - b) <= 1e-3) within++;
    }
    if (showRows) console.log(`  ${t} ours ${a.toFixed(5)} ref ${b.toFixed(5)} d ${(a - b).toFixed(5)}`);
  }
  totalMis += mis.length; totalBoth += both; totalWithin += within;
  console.log(`${stem.padEnd(22)} rows ${n} voiced ${both} mean d ${(both ? sum / both : 0).toFixed(5)} max |d| ${max.toFixed(5)} ` +
    `≤1e-3: ${within}/${both} V/UV mismatches ${mis.length}${mis.length ? ' [' + mis.slice(0, 20).join(',') + ']' : ''}`);
}
console.log(`total: V/UV mismatches ${totalMis}, voiced frames within 1e-3 st ${totalWithin}/${totalBoth}`);
