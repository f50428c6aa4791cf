// The resolved-pipeline cache: the typed stages of the last load of each pipeline file, kept in
// .pipe/pipeline.json (the root's pipeline.yaml; `pipeline.<dir>.json` for one in a subfolder) and reused while
// the file and every params/vars file it read keep their stat. Lets a no-op run skip YAML and zod.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Failure } from '../failure.js';
import { absPath } from '../paths.js';
import { ok, type Result } from '../result.js';
import type { Pipeline } from '../stage.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { ENGINE_SCHEMA } from '../store/lock-types.js';

/** The cache file of pipeline file `file` (root-relative). */
function cacheName(file: string): string {
  return file === 'pipeline.yaml' ? 'pipeline.json' : `pipeline.${encodeURIComponent(path.posix.dirname(file))}.json`;
}
/** Format of the saved file: the engine schema plus the shape of a saved Stage (pipelineFile added). */
const FORMAT = `${ENGINE_SCHEMA}+files`;
/** Inputs modified this close to the save are not trusted (same-tick rewrite). */
const RACY_MS = 20;

interface Saved {
  readonly schema: string;
  readonly inputs: Record<string, string>;
  readonly pipeline: Pipeline;
}

function sigOf(root: string, rel: string): { sig: string; mtimeMs: number } {
  try {
    const st = statSync(absPath(root, rel));
    return { sig: `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`, mtimeMs: Math.max(st.mtimeMs, st.ctimeMs) };
  } catch {
    return { sig: 'missing', mtimeMs: 0 };
  }
}

/** Loads the pipeline at `root/file`, from the cache when its inputs are unchanged. */
export async function loadPipelineCached(root: string, file: string, pipeDir: string): Promise<Result<Pipeline, Failure>> {
  const cached = readSaved(root, file, pipeDir);
  if (cached !== undefined) return ok(cached);
  const { loadPipeline } = await import('./load-pipeline.js');
  const loaded = loadPipeline(root, file);
  if (loaded.ok) save(root, pipeDir, loaded.value);
  return loaded;
}

function readSaved(root: string, file: string, pipeDir: string): Pipeline | undefined {
  let saved: Saved;
  try {
    saved = JSON.parse(readFileSync(path.join(pipeDir, cacheName(file)), 'utf8')) as Saved;
  } catch {
    return undefined;
  }
  if (saved?.schema !== FORMAT || saved.pipeline?.root !== root || saved.pipeline.file !== file) return undefined;
  for (const [rel, sig] of Object.entries(saved.inputs)) if (sigOf(root, rel).sig !== sig) return undefined;
  return saved.pipeline;
}

function save(root: string, pipeDir: string, pipeline: Pipeline): void {
  const now = Date.now();
  const inputs: Record<string, string> = {};
  for (const rel of pipeline.inputs) {
    const { sig, mtimeMs } = sigOf(root, rel);
    if (mtimeMs >= now - RACY_MS) return;
    inputs[rel] = sig;
  }
  try {
    mkdirSync(pipeDir, { recursive: true });
    writeFileAtomic(path.join(pipeDir, cacheName(pipeline.file)), JSON.stringify({ schema: FORMAT, inputs, pipeline } satisfies Saved));
  } catch {
    // an optimisation only
  }
}
