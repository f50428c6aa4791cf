// Stage `prepare` of the burst study: reads the dataset folder named by `data.dir` (pairing, label files, audio,
// manifest), splits it by recording into test and cross-validation folds, fixes the segment length on the training
// split, and writes data/prepared.json. Every problem is one line naming the file (and line) or recording.
import { createHash } from 'node:crypto';
import { loadBurstDataset, BURST_SAMPLE_RATE_HZ } from '../../src/burst/dataset.js';
import { burstClassIndex, BURST_CLASSES } from '../../src/burst/classes.js';
import { fixedLengthSamples } from '../../src/burst/segments.js';
import { splitRecordings } from '../../src/burst/splits.js';
import { writeFileAtomic } from '../lib/atomic-output.js';
import { PREPARED_FILE, readStudyParams, runBurstStage, type PreparedStudy } from './study.js';

runBurstStage('prepare', async () => {
  const params = readStudyParams();
  const dataset = loadBurstDataset(params.data.dir, { onProblem: params.data.on_problem, warn: (m) => process.stderr.write(`prepare: warning: ${m}\n`) });
  const recordings = dataset.recordings.map((r) => {
    const counts = BURST_CLASSES.map(() => 0);
    for (const s of r.segments) counts[burstClassIndex(s.label)]!++;
    return { id: r.id, audio: r.audioRelpath, labels: r.labelRelpath, source_sample_rate_hz: r.sourceSampleRateHz, duration_s: r.samples.length / BURST_SAMPLE_RATE_HZ, counts };
  });
  const splits = splitRecordings(recordings, { testShare: params.split.test_share, seed: params.split.seed, cv: params.train.cv, folds: params.train.folds, valShare: params.train.val_share });
  const train = new Set(splits.train);
  const segmentSamples = fixedLengthSamples(dataset.recordings.filter((r) => train.has(r.id)).flatMap((r) => r.segments), BURST_SAMPLE_RATE_HZ, params.train.min_segment_s);
  const manifestSha = createHash('sha256').update(JSON.stringify(dataset.manifest.files)).digest('hex');
  const prepared: PreparedStudy = { data_dir: params.data.dir, dataset_hash: dataset.hash, manifest_sha256: manifestSha, label_counts: dataset.labelCounts, recordings, splits, segment_samples: segmentSamples };
  writeFileAtomic(PREPARED_FILE, `${JSON.stringify(prepared, null, 2)}\n`);
  const counts = Object.entries(dataset.labelCounts).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`prepare: ${recordings.length} recordings (${counts}); test ${splits.test.length}, train ${splits.train.length}, ${params.train.cv} ${splits.folds.length} fold(s); segment ${(segmentSamples / BURST_SAMPLE_RATE_HZ).toFixed(3)} s; dataset ${dataset.hash.slice(0, 12)}`);
});
