// Stage `synthesize`: writes the built-in demo corpus (data/demo/audio/*.wav, data/demo/metadata.csv) from the
// `synthesize:` section of params.yaml. Run from the project root: `npx tsx stages/synthesize.ts`.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseSynthesizeParams, writeDemoCorpus } from '../src/synth/index.js';

const PARAMS_FILE = 'params.yaml';
const TARGET_DIR = 'data/demo';

/** Reads the `synthesize:` section (absent file or section: defaults). */
function readSection(): unknown {
  if (!existsSync(PARAMS_FILE)) return {};
  let doc: unknown;
  try {
    doc = parse(readFileSync(PARAMS_FILE, 'utf8'));
  } catch (error) {
    throw new UserError(`${PARAMS_FILE}: not valid YAML: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new UserError(`${PARAMS_FILE}: expected a mapping at the top level`);
  return (doc as Record<string, unknown>)['synthesize'] ?? {};
}

class UserError extends Error {}

/** Entry point: validate params, write the corpus, print a one-line summary. */
async function main(): Promise<number> {
  const started = performance.now();
  const parsed = parseSynthesizeParams(readSection());
  if (!parsed.ok) throw new UserError(parsed.message);
  const summary = await writeDemoCorpus(TARGET_DIR, parsed.options);
  const counts = Object.entries(summary.classCounts).map(([k, v]) => `${k} ${v}`).join(', ');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`synthesize: ${summary.clips} clips from ${summary.children} children in ${seconds} s -> ${TARGET_DIR} ` +
    `(${counts}; mean ${summary.meanDurationSec.toFixed(3)} s; ${summary.labelNoiseClips} label-noise clips)`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof UserError) {
    console.error(`synthesize: ${error.message}`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
