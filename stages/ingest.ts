// Stage `ingest`: the child-disjoint train/valid/test split of the metadata (params `data`, `ingest`), written as
// data/splits/<split>.csv (study columns + `path`) with the audio linked under data/splits/audio/<split>/.
// Rows whose audio is missing are passed through unlinked: validate reports them, by clip and split.
import { copyFileSync, existsSync, linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { classCounts, splitRows } from '../src/ml/preprocess/index.js';
import { formatCsv } from '../src/util/csv.js';
import { replaceDirectory } from './lib/atomic-output.js';
import { METADATA_COLUMNS, readClipTable, SPLIT_COLUMNS, SPLITS, SPLITS_DIR, type ClipRecord, type Split } from './lib/split-table.js';
import { runStage } from './lib/stage-error.js';
import { loadStudyParams } from './lib/study-params.js';

/** Whether a clip_ID can name a file inside the split's audio folder (no separators, not `.` or `..`). */
function isPlainFileName(clipId: string): boolean {
  return clipId !== '' && clipId !== '.' && clipId !== '..' && basename(clipId) === clipId && !clipId.includes('\\');
}

/** Hard-links `source` to `target`, copying when they sit on different devices (or links are not allowed). */
function linkOrCopy(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return; // a duplicate clip_ID in one split: validate reports it
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw error;
    copyFileSync(source, target);
  }
}

/** Writes one split's table and links its audio into `tmpDir`; returns how many clips had no audio file. */
function writeSplit(tmpDir: string, split: Split, rows: readonly ClipRecord[], audioDir: string): number {
  const audioOut = join(tmpDir, 'audio', split);
  mkdirSync(audioOut, { recursive: true });
  let missing = 0;
  const table = rows.map((row) => {
    const source = join(audioDir, row.clip_ID);
    if (isPlainFileName(row.clip_ID) && existsSync(source)) linkOrCopy(source, join(audioOut, row.clip_ID));
    else missing++;
    return [...METADATA_COLUMNS.map((c) => row[c]), `${SPLITS_DIR}/audio/${split}/${row.clip_ID}`];
  });
  // A plain write is enough: the whole directory is renamed into place by replaceDirectory.
  writeFileSync(join(tmpDir, `${split}.csv`), formatCsv(SPLIT_COLUMNS, table));
  return missing;
}

/** Entry point: split, write, print a one-line summary. */
async function main(): Promise<void> {
  const params = loadStudyParams();
  const metadata = params.data.metadata;
  const records = readClipTable(metadata, METADATA_COLUMNS).map((r) => ({ ...r, path: '' }));
  const splits = splitRows(records, {
    seed: params.ingest.seed,
    trainShare: params.ingest.train_share,
    classCaps: params.ingest.class_caps,
  });
  let missing = 0;
  await replaceDirectory(SPLITS_DIR, (tmpDir) => {
    for (const split of SPLITS) missing += writeSplit(tmpDir, split, splits[split], params.data.audio_dir);
  });
  const parts = SPLITS.map((split) => {
    const rows = splits[split];
    const children = new Set(rows.map((r) => r.child_ID)).size;
    const counts = Object.entries(classCounts(rows)).map(([label, n]) => `${label} ${n}`).join(', ');
    return `${split} ${children} children/${rows.length} clips (${counts})`;
  });
  const missingNote = missing > 0 ? `; ${missing} clip(s) without an audio file in ${params.data.audio_dir} (validate reports them)` : '';
  console.log(`ingest: ${records.length} metadata rows -> ${SPLITS_DIR}: ${parts.join('; ')}${missingNote}`);
}

runStage('ingest', main);
