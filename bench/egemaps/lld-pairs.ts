// Shared by the LLD debug tools: which reference files to look at, and our LLD rows beside openSMILE's.
import { readdirSync } from 'node:fs';
import { computeEgemaps } from '../../src/audio/egemaps/index.js';
import { readReferenceCsv } from '../../test/support/egemaps-reference-csv.js';
import { decodeWavFile } from '../../src/audio/wav-decode.js';

export const REFERENCE_DIR = 'test/fixtures/reference';

/** The file stems named on the command line (arguments not starting with --), or every reference audio file. */
export function stemsFromArgs(args: readonly string[]): string[] {
  const stems = args.filter((a) => !a.startsWith('--'));
  return stems.length > 0 ? stems : readdirSync(`${REFERENCE_DIR}/audio`).map((f) => f.replace(/\.wav$/, ''));
}

/** openSMILE's LLD CSV of a reference file and our LLD rows for it; null when openSMILE wrote no rows. */
export function lldPair(stem: string): { ref: ReturnType<typeof readReferenceCsv>; ours: Float64Array[] } | null {
  const ref = readReferenceCsv(`${REFERENCE_DIR}/egemaps_lld/${stem}.csv`);
  if (ref.rows.length === 0) return null;
  const wav = decodeWavFile(`${REFERENCE_DIR}/audio/${stem}.wav`);
  return { ref, ours: computeEgemaps(wav.samples, wav.sampleRateHz, { lld: true }).lld!.frames };
}
