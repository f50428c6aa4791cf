// Test and benchmark support: the XGBoost 1.7.4 reference runs copied from shared/reference/gbdt (see
// test/fixtures/reference/gbdt and shared/reference/README.md for how they were computed).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { datasetFromCsv, type CsvDataset } from '../../src/ml/gbdt/dataset.js';

/** One reference run of summary.json. */
export interface ReferenceRun {
  params: Record<string, unknown>;
  test_metrics: { uar: number; log_loss: number; accuracy: number };
  final_test_mlogloss: number;
}

/** Directory of the reference fixtures, found from this file (test/support/ or dist/test/support/). */
export function referenceDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const root = here.replace(/(dist\/)?test\/support\/$/, '');
  return `${root}test/fixtures/reference/gbdt/`;
}

/** Reads a fixture file as text. */
export function referenceText(name: string): string {
  return readFileSync(referenceDir() + name, 'utf8');
}

/** The reference runs by name (exact_d4_r50, exact_reg_r30, hist_vocalbaby_best, hist_d8_r200). */
export function referenceRuns(): Record<string, ReferenceRun> {
  return (JSON.parse(referenceText('summary.json')) as { runs: Record<string, ReferenceRun> }).runs;
}

/** The reference train and test sets (88 features, label column `label`, classes 0..4). */
export function referenceData(): { train: CsvDataset; test: CsvDataset } {
  return {
    train: datasetFromCsv(referenceText('train.csv'), { labelColumn: 'label' }),
    test: datasetFromCsv(referenceText('test.csv'), { labelColumn: 'label' }),
  };
}

/** Class probabilities of a pred_<run>.csv file, row-major. */
export function referencePredictions(run: string): Float64Array {
  const lines = referenceText(`pred_${run}.csv`).trim().split('\n').slice(1);
  return Float64Array.from(lines.flatMap((l) => l.split(',').map(Number)));
}
