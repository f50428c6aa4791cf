// The research pipeline's declared plots (pipeline.yaml at the repo root) resolve to the five expected specs when
// their data files exist: confusion matrices, per-class F1, the tuning history and the Pareto front.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { pipe } from './plots-project.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'pipe-demo-plots-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('pipe plots show builds every plot the research pipeline declares', () => {
  for (const f of ['pipeline.yaml', 'params.yaml']) cpSync(path.join(REPO, f), path.join(dir, f));
  const write = (rel: string, text: string): void => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  // Files in the shapes stages/evaluate.ts and stages/tune.ts write.
  for (const set of ['egemaps', 'mfcc']) {
    write(`results/evaluation/${set}/test_predictions.csv`, 'actual,predicted\nangry,angry\nangry,sad\nsad,sad\n');
    write(`results/evaluation/${set}/test_per_class.csv`, 'class,precision,recall,f1,support,pr_auc\nangry,1,0.5,0.667,2,0.9\nsad,0.5,1,0.667,1,0.8\n');
    write(`results/tuning/${set}/trials.csv`, 'trial,state,uar_valid,macro_f1_valid,pareto\n0,complete,0.5,0.45,false\n1,complete,0.6,0.58,true\n');
    write(`results/tuning/${set}/pareto.csv`, 'trial,uar_valid,macro_f1_valid\n1,0.6,0.58\n');
  }
  const plots = JSON.parse(pipe(dir, ['plots', 'show', '--json'])) as { id: string; spec: { data: { values: unknown[] } } }[];
  expect(plots.map((p) => p.id)).toEqual(['test_confusion', 'test_confusion_normalized', 'test_per_class_f1', 'tuning_history', 'tuning_pareto']);
  expect(plots.map((p) => p.spec.data.values.length)).toEqual([6, 6, 4, 4, 2]);
});
