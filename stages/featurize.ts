// Stage `featurize <set>`: extracts one feature set for every clip of every split into
// data/features/<set>/{train,valid,test}.parquet (+ errors.csv listing clips without features and why).
// A model-based set without a configured checkpoint is skipped with a clear message and a SKIPPED.json marker.
import { existsSync } from 'node:fs';
import { extractFeatures, sslSkipReason, writeErrorTable, type ExtractedRow } from '../src/features/index.js';
import { replaceDirectory, stableJson, writeFileAtomic } from './lib/atomic-output.js';
import { featureTablePath, featureTableToParquet, FEATURES_DIR, SKIPPED_FILE } from './lib/feature-table.js';
import { readClipTable, splitTablePath, SPLITS } from './lib/split-table.js';
import { StageError, runStage } from './lib/stage-error.js';
import { featureSetParams, loadStudyParams } from './lib/study-params.js';

runStage('featurize', async () => {
  const set = process.argv[2];
  if (set === undefined) throw new StageError('usage: featurize <feature set>');
  const params = loadStudyParams();
  const setParams = featureSetParams(params, set);
  const target = `${FEATURES_DIR}/${set}`;
  const skip = sslSkipReason(set, setParams);
  if (skip !== undefined) {
    console.log(`featurize: skipping ${set}: ${skip}`);
    await replaceDirectory(target, (dir) => writeFileAtomic(`${dir}/${SKIPPED_FILE}`, stableJson({ feature_set: set, reason: skip })));
    return;
  }
  await replaceDirectory(target, async (dir) => {
    const failed: ExtractedRow[] = [];
    for (const split of SPLITS) {
      const clips = readClipTable(splitTablePath(split));
      for (const clip of clips) if (!existsSync(clip.path)) throw new StageError(`${splitTablePath(split)}: ${clip.path} is missing (rerun ingest)`);
      const started = performance.now();
      const result = await extractFeatures({
        set,
        params: setParams,
        files: clips.map((c) => ({ path: c.path, name: c.clip_ID })),
        workers: params.features.workers === 0 ? undefined : params.features.workers,
        onError: 'skip',
      });
      const data = new Float64Array(result.rows.length * result.columns.length).fill(Number.NaN);
      result.rows.forEach((row, r) => {
        if (row.ok) data.set(row.values, r * result.columns.length);
        else failed.push({ ...row, name: `${split}/${row.name}` });
      });
      const bytes = await featureTableToParquet({
        clipIds: clips.map((c) => c.clip_ID),
        childIds: clips.map((c) => c.child_ID),
        labels: clips.map((c) => c.Answer),
        columns: result.columns,
        x: { data, rows: clips.length, cols: result.columns.length },
      });
      writeFileAtomic(featureTablePath(set, split, dir), bytes);
      const missing = result.rows.filter((r) => !r.ok).length;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`featurize: ${set} ${split}: ${clips.length} clips × ${result.columns.length} features in ${seconds} s` +
        (missing > 0 ? ` (${missing} without features, imputed later; see errors.csv)` : ''));
    }
    writeErrorTable(`${dir}/errors.csv`, failed);
  });
});
