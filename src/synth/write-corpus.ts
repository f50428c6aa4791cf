// Writes the demo corpus (audio/*.wav + metadata.csv) into a directory atomically: everything goes into a
// temporary sibling directory that is renamed into place only when complete, so an interrupted run never
// leaves a half corpus behind.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { encodeWav } from '../audio/wav-encode.js';
import { makeChildProfiles, type ChildProfile } from './child.js';
import { LABELS, type Label } from './labels.js';
import { metadataCsv } from './metadata.js';
import type { SynthOptions } from './options.js';
import { planCorpus, type ClipPlan } from './plan.js';
import { renderClip } from './render-clip.js';

/** Children and clip plans of a corpus (no audio yet). */
export interface CorpusPlan {
  readonly children: readonly ChildProfile[];
  readonly clips: readonly ClipPlan[];
}

/** What was written, for the stage's log line. */
export interface CorpusSummary {
  readonly clips: number;
  readonly children: number;
  readonly classCounts: Readonly<Record<Label, number>>;
  readonly meanDurationSec: number;
  readonly labelNoiseClips: number;
}

/** Plans a corpus from options (deterministic in `options.seed`). */
export function planDemoCorpus(options: SynthOptions): CorpusPlan {
  const children = makeChildProfiles(options.nChildren, options.seed, {
    corpora: options.corpora, snrDbRange: options.snrDbRange, childVariability: options.childVariability,
  });
  const clips = planCorpus(children, options.nClips, options.seed, {
    labelNoise: options.labelNoise,
    sampleRateHz: options.sampleRateHz,
    durations: { minSec: options.minDurationSec, maxSec: options.maxDurationSec, chunkSec: options.chunkSec, chunkShare: options.chunkShare },
  });
  return { children, clips };
}

/** Files written concurrently while the next clips render (creating files is slow on some file systems). */
const MAX_PENDING_WRITES = 32;

/** Synthesises the corpus and writes `<targetDir>/audio/<clip_ID>` and `<targetDir>/metadata.csv` atomically. */
export async function writeDemoCorpus(targetDir: string, options: SynthOptions): Promise<CorpusSummary> {
  const { children, clips } = planDemoCorpus(options);
  const parent = dirname(targetDir);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(targetDir)}.tmp-${process.pid}`);
  removeLeftovers(parent, basename(targetDir));
  try {
    mkdirSync(join(tmp, 'audio'), { recursive: true });
    const pending = new Set<Promise<void>>();
    for (const plan of clips) {
      const clip = renderClip(plan, options);
      const write = writeFile(join(tmp, 'audio', plan.clipId), encodeWav(clip.samples, { sampleRateHz: options.sampleRateHz }))
        .finally(() => pending.delete(write));
      pending.add(write);
      if (pending.size >= MAX_PENDING_WRITES) await Promise.race(pending);
    }
    await Promise.all(pending);
    writeFileSync(join(tmp, 'metadata.csv'), metadataCsv(clips));
    const old = join(parent, `.${basename(targetDir)}.old-${process.pid}`);
    if (existsSync(targetDir)) renameSync(targetDir, old);
    renameSync(tmp, targetDir);
    rmSync(old, { recursive: true, force: true });
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  return summarise(children.length, clips);
}

/** Removes temporary directories that an interrupted earlier run left beside the target. */
function removeLeftovers(parent: string, name: string): void {
  for (const entry of readdirSync(parent)) {
    if (entry.startsWith(`.${name}.tmp-`) || entry.startsWith(`.${name}.old-`)) {
      rmSync(join(parent, entry), { recursive: true, force: true });
    }
  }
}

/** Class counts and mean duration of a plan. */
export function summarise(children: number, clips: readonly ClipPlan[]): CorpusSummary {
  const classCounts = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
  let total = 0;
  let noisy = 0;
  for (const c of clips) {
    classCounts[c.label]++;
    total += c.durationSec;
    if (c.label !== c.renderedAs) noisy++;
  }
  return { clips: clips.length, children, classCounts, meanDurationSec: total / Math.max(1, clips.length), labelNoiseClips: noisy };
}
