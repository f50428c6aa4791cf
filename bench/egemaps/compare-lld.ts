// Debug tool: per-LLD agreement of computeEgemaps' frame-level output with openSMILE's LLD CSVs.
// Usage: npx tsx bench/egemaps/compare-lld.ts [file-stem …] [--rows]
import { EGEMAPS_LLD_NAMES } from '../../src/audio/egemaps/index.js';
import { lldPair, stemsFromArgs } from './lld-pairs.js';

const args = process.argv.slice(2);
const showRows = args.includes('--rows');
const col = args.find((a) => a.startsWith('--col='))?.slice(6);
const files = stemsFromArgs(args);
for (const stem of files) {
  const pair = lldPair(stem);
  if (pair === null) continue;
  const { ref, ours } = pair;
  console.log(`${stem}: ours ${ours.length} rows, ref ${ref.rows.length}`);
  const n = Math.min(ours.length, ref.rows.length);
  for (let c = 0; c < EGEMAPS_LLD_NAMES.length; c++) {
    const name = EGEMAPS_LLD_NAMES[c]!;
    if (col !== undefined && !name.startsWith(col)) continue;
    let bad = 0, worst = 0, worstRow = -1;
    for (let t = 0; t < n; t++) {
      const a = ours[t]![c]!, b = ref.rows[t]!.values[c]!;
      const err = Math.abs(a - b) / Math.max(Math.abs(b), 1e-3);
      if (err > 0.01) bad++;
      if (err > worst) { worst = err; worstRow = t; }
      if (showRows && col !== undefined) console.log(`  ${t} ours ${a.toPrecision(7)} ref ${b.toPrecision(7)}`);
    }
    console.log(`  ${name.padEnd(30)} >1%: ${bad}/${n}  worst ${worst.toExponential(2)} @${worstRow}`);
  }
}
