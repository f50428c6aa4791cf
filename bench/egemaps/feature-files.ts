// Debug tool: per-file parity (relative error) of the functionals whose names match a pattern.
// Usage: npx tsx bench/egemaps/feature-files.ts <regex> [--all]   (--all: also list passing files)
import { decodeWavFile } from '../../src/audio/wav-decode.js';
import { computeEgemaps, EGEMAPS_FUNCTIONAL_NAMES } from '../../src/audio/egemaps/index.js';
import { readReferenceCsv } from '../../test/support/egemaps-reference-csv.js';

const dir = 'test/fixtures/reference';
const args = process.argv.slice(2);
const pattern = new RegExp(args.find((a) => !a.startsWith('--')) ?? '.');
const all = args.includes('--all');
const ref = readReferenceCsv(`${dir}/egemaps.csv`);
const cols = EGEMAPS_FUNCTIONAL_NAMES.map((n, i) => [n, i] as const).filter(([n]) => pattern.test(n));
const lines: string[] = [];
for (const row of ref.rows) {
  const wav = decodeWavFile(`${dir}/audio/${row.name}.wav`);
  const res = computeEgemaps(wav.samples, wav.sampleRateHz);
  if (res.functionals === null) continue;
  for (const [name, i] of cols) {
    const a = res.functionals[i]!, b = row.values[i]!;
    const err = Math.abs(b) <= 1e-3 ? Math.abs(a - b) : Math.abs(a - b) / Math.abs(b);
    const pass = Math.abs(b) <= 1e-3 ? err <= 1e-3 : err <= 0.01;
    if (!pass || all) lines.push(`${pass ? ' ' : 'x'} ${name.padEnd(42)} ${row.name.padEnd(22)} ours ${a.toPrecision(6).padStart(12)} ref ${b.toPrecision(6).padStart(12)} err ${err.toExponential(2)}`);
  }
}
lines.sort();
console.log(lines.join('\n'));
