// Stage `evaluate` of the burst study: the final model (through its ONNX export on onnxruntime, as `pipe predict`
// runs it) on the held-out test recordings: windows, overlap-weighted segment probabilities, the report, per-segment
// predictions, plots, and results/metrics.json for `pipe metrics show`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBurstDataset } from '../../src/burst/dataset.js';
import { evaluateRecordings } from '../../src/burst/evaluation/evaluate-recordings.js';
import { writeEvaluationPlots } from '../../src/burst/evaluation/plots.js';
import { evaluationReport, flatMetrics, perSegmentCsv } from '../../src/burst/evaluation/report.js';
import { readBurstModel } from '../../src/burst/model-dir.js';
import { openOnnxClassifier } from '../../src/nn/index.js';
import { replaceDirectory, writeFileAtomic } from '../lib/atomic-output.js';
import { EVALUATION_DIR, MODEL_DIR, readPrepared, readStudyParams, runBurstStage } from './study.js';

runBurstStage('evaluate', async () => {
  const started = performance.now();
  const params = readStudyParams();
  const prepared = readPrepared();
  const descriptor = readBurstModel(MODEL_DIR);
  const test = new Set(prepared.splits.test);
  const dataset = loadBurstDataset(params.data.dir, { onProblem: params.data.on_problem });
  const recordings = dataset.recordings.filter((r) => test.has(r.id));
  const classifier = await openOnnxClassifier(join(MODEL_DIR, descriptor.files.onnx));
  let evaluation;
  try {
    evaluation = await evaluateRecordings(recordings, descriptor.segment_samples, (batch) => classifier.predictProba(batch));
  } finally {
    await classifier.close();
  }
  const cv = JSON.parse(readFileSync('results/cv.json', 'utf8')) as unknown;
  const report = evaluationReport(evaluation.scores, recordings.length, cv);
  await replaceDirectory(EVALUATION_DIR, async (dir) => {
    writeFileAtomic(join(dir, 'evaluation_report.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileAtomic(join(dir, 'per_segment_predictions.csv'), perSegmentCsv(evaluation.segments));
    await writeEvaluationPlots(dir, report, evaluation.segments);
  });
  writeFileAtomic('results/metrics.json', `${JSON.stringify(flatMetrics(report), null, 2)}\n`);
  console.log(`evaluate: ${report.n_segments} segments of ${recordings.length} test recordings: accuracy ${report.accuracy.toFixed(3)}, macro F1 ${report.macro_f1.toFixed(3)}, ECE ${report.ece.toFixed(3)}, PR AUC ${report.pr_auc_macro.toFixed(3)} -> ${EVALUATION_DIR} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
});
