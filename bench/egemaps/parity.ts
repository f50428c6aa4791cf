// Debug/report tool: parity of computeEgemaps with openSMILE's eGeMAPSv02 functionals on the reference audio.
// Usage: npx tsx bench/egemaps/parity.ts [--features] [--file=stem] [--top=N]
import { decodeWavFile } from '../../src/audio/wav-decode.js';
import { computeEgemaps, EGEMAPS_FUNCTIONAL_NAMES } from '../../src/audio/egemaps/index.js';
import { readReferenceCsv } from '../../test/support/egemaps-reference-csv.js';
import type { ParityPair } from '../../test/support/egemaps-parity.js';
import { featureSummary, parityPairs, passRate, worstPairsTable } from '../../test/support/egemaps-parity.js';

const dir = 'test/fixtures/reference';
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--file='))?.slice(7);
const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
const ref = readReferenceCsv(`${dir}/egemaps.csv`);
const pairs: ParityPair[] = [];
for (const row of ref.rows) {
  if (only !== undefined && row.name !== only) continue;
  const wav = decodeWavFile(`${dir}/audio/${row.name}.wav`);
  const res = computeEgemaps(wav.samples, wav.sampleRateHz);
  if (res.functionals === null) { console.log(`${row.name}: no functionals (${res.reason})`); continue; }
  pairs.push(...parityPairs(row.name, EGEMAPS_FUNCTIONAL_NAMES, res.functionals, row.values));
}
console.log(`pairs ${pairs.length}: within 1% ${(100 * passRate(pairs, 0.01)).toFixed(1)}%, within 5% ${(100 * passRate(pairs, 0.05)).toFixed(1)}%`);
if (args.includes('--features')) console.log(featureSummary(pairs, 0.01));
console.log(worstPairsTable(pairs, top));
