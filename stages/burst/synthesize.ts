// Stage `synthesize` of the burst study: the seeded demo dataset (data/demo: WAVs, label files, manifest.json).
import { writeDemoDataset } from '../../src/burst/synth/write-demo-dataset.js';
import { readStudyParams, runBurstStage } from './study.js';

runBurstStage('synthesize', async () => {
  const started = performance.now();
  const params = readStudyParams();
  const summary = writeDemoDataset('data/demo', params.synth);
  const counts = Object.entries(summary.labelCounts).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`synthesize: ${summary.recordings} recordings, ${summary.totalSeconds.toFixed(1)} s of audio, segments ${counts} -> data/demo (${((performance.now() - started) / 1000).toFixed(1)} s)`);
});
