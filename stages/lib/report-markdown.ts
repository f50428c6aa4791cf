// results/report.md: the comparison written up for a paper draft — a results table, per-class F1, the method in
// a paragraph, with the figures referenced. Deterministic text for equal inputs.

export interface SplitScores {
  readonly n_clips: number;
  readonly uar: number;
  readonly macro_f1: number;
  readonly weighted_f1: number;
  readonly macro_precision: number;
  readonly macro_recall: number;
  readonly accuracy: number;
  readonly f1_per_class: Readonly<Record<string, number>>;
}

export interface SetResult {
  readonly featureSet: string;
  readonly valid: SplitScores;
  readonly test: SplitScores;
}

const NAMES: Readonly<Record<string, string>> = {
  egemaps: 'eGeMAPSv02 (88 functionals)',
  mfcc: 'MFCC (librosa conventions, pooled)',
  hubert_ssl: 'HuBERT-base embeddings (mean-pooled)',
  wav2vec2_ssl: 'wav2vec2-base embeddings (mean-pooled)',
};

const f3 = (x: number): string => x.toFixed(3);

/** Renders the Markdown report; `results` is sorted best first. */
export function renderReport(results: readonly SetResult[], skipped: readonly { featureSet: string; reason: string }[], classes: readonly string[]): string {
  const best = results[0]!;
  const lines = [
    '# Infant vocalization classification: feature-set comparison',
    '',
    `Best feature set by validation UAR: **${NAMES[best.featureSet] ?? best.featureSet}**, ` +
      `UAR ${f3(best.valid.uar)} on validation and ${f3(best.test.uar)} on test.`,
    '',
    '## Results',
    '',
    '| feature set | UAR valid | UAR test | macro F1 valid | macro F1 test | weighted F1 test | accuracy test |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...results.map((r) => `| ${NAMES[r.featureSet] ?? r.featureSet} | ${f3(r.valid.uar)} | ${f3(r.test.uar)} | ` +
      `${f3(r.valid.macro_f1)} | ${f3(r.test.macro_f1)} | ${f3(r.test.weighted_f1)} | ${f3(r.test.accuracy)} |`),
    '',
    'UAR is the unweighted average recall (balanced accuracy); macro F1 averages the per-class F1 with equal weight.',
    '',
    '## Test F1 per class',
    '',
    `| feature set | ${classes.join(' | ')} |`,
    `|---|${classes.map(() => '---:').join('|')}|`,
    ...results.map((r) => `| ${r.featureSet} | ${classes.map((c) => f3(r.test.f1_per_class[c] ?? Number.NaN)).join(' | ')} |`),
    '',
    '![UAR by feature set](figures/uar_comparison.png)',
    '',
    '![Test F1 per class](figures/per_class_f1_test.png)',
    '',
    '## Method',
    '',
    'Clips were split by child (no child in two splits). For each feature set, missing feature values were imputed ' +
      'with the training median, the training split was balanced with SMOTE (k = 5 neighbours), and an XGBoost ' +
      'classifier (multi:softprob) was tuned by a seeded multi-objective TPE search maximising UAR and macro F1 on the ' +
      'validation split; the Pareto-optimal trial with the highest validation UAR was retrained and evaluated once on ' +
      'the test split. Everything is reproduced by `pipe repro` from `pipeline.yaml` and `params.yaml`.',
    '',
    `Clips: ${best.valid.n_clips} validation, ${best.test.n_clips} test.`,
  ];
  if (skipped.length > 0) {
    lines.push('', '## Skipped feature sets', '', ...skipped.map((s) => `- ${s.featureSet}: ${s.reason}`));
  }
  return `${lines.join('\n')}\n`;
}
