// A dvc.yaml in the style of DVC's example-get-started, renamed to pipeline.yaml, runs with the same meaning.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Rig } from './rig.js';

let rig: Rig;
beforeEach(() => (rig = new Rig()));
afterEach(() => rig.cleanup());

const DVC_YAML = `stages:
  prepare:
    cmd: mkdir -p data/prepared && cp data/data.xml data/prepared/train.tsv && echo "\${prepare.split} \${prepare.seed}" > data/prepared/test.tsv
    deps:
    - data/data.xml
    - src/prepare.py
    params:
    - prepare.seed
    - prepare.split
    outs:
    - data/prepared
  featurize:
    cmd: mkdir -p data/features && cat data/prepared/train.tsv > data/features/train.pkl && echo \${featurize.max_features} > data/features/test.pkl
    deps:
    - data/prepared
    - src/featurization.py
    params:
    - featurize.max_features
    - featurize.ngrams
    outs:
    - data/features
  train:
    cmd: cat data/features/train.pkl > model.pkl
    deps:
    - data/features
    - src/train.py
    params:
    - train.min_split
    - train.n_est
    - train.seed
    outs:
    - model.pkl
  evaluate:
    desc: Evaluate the model
    meta:
      owner: someone
    cmd: >-
      mkdir -p eval/plots &&
      echo '{"avg_prec": 0.9, "roc_auc": 0.95}' > eval/metrics.json &&
      echo '[{"fpr": 0, "tpr": 0}]' > eval/plots/roc.json
    deps:
    - eval_helpers/noop.txt
    - model.pkl
    - data/features
    outs:
    - eval/plots:
        cache: false
    metrics:
    - eval/metrics.json:
        cache: false
    plots:
    - eval/prc.json:
        x: recall
        y: precision
        cache: false
metrics:
- eval/metrics.json
plots:
- ROC:
    template: simple
    x: fpr
    y:
      eval/plots/roc.json: tpr
artifacts:
  text-classification:
    path: model.pkl
    type: model
`;

describe('DVC compatibility', () => {
  test('example-get-started style dvc.yaml runs, stays fresh, and reruns from the changed param down', async () => {
    rig.write('params.yaml', 'prepare:\n  split: 0.2\n  seed: 20170428\nfeaturize:\n  max_features: 100\n  ngrams: 1\ntrain:\n  seed: 20170428\n  n_est: 50\n  min_split: 0.01\n');
    rig.write('data/data.xml', '<xml/>\n');
    for (const f of ['src/prepare.py', 'src/featurization.py', 'src/train.py', 'eval_helpers/noop.txt']) rig.write(f, '# stub\n');
    // plots/prc.json is declared by the stage but this stub command does not write it: declare only what it writes
    rig.write('pipeline.yaml', DVC_YAML.replace(/    plots:\n    - eval\/prc\.json:\n        x: recall\n        y: precision\n        cache: false\n/, ''));
    const first = await rig.pipe(['repro']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect((await rig.pipe(['status'])).stdout).toContain('up to date');
    expect((await rig.pipe(['metrics', 'show', '--json'])).stdout).toContain('"roc_auc": 0.95');
    rig.write('params.yaml', rig.read('params.yaml').replace('max_features: 100', 'max_features: 200'));
    const status = await rig.pipe(['status']);
    expect(status.stdout).toContain('param modified: params.yaml:featurize.max_features 100 → 200');
    expect(status.stdout).not.toContain('prepare:');
    const second = await rig.pipe(['repro']);
    expect(second.stdout).toContain("Stage 'prepare' didn't change");
    expect(second.stdout).toContain("Running stage 'featurize'");
    expect(second.stdout).toContain("Running stage 'train'"); // data/features changed as a directory
    expect(second.stdout).toContain("Running stage 'evaluate'");
  });

  test('the full file (with plot props, top-level metrics/plots/artifacts) validates', async () => {
    rig.write('params.yaml', 'prepare: {split: 0.2, seed: 1}\nfeaturize: {max_features: 1, ngrams: 1}\ntrain: {seed: 1, n_est: 1, min_split: 1}\n');
    rig.write('pipeline.yaml', DVC_YAML);
    const dag = await rig.pipe(['dag']);
    expect(dag.stderr).toBe('');
    expect(dag.stdout).toContain('evaluate  ← featurize, train');
  });
});
