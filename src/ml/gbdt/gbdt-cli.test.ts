// Scenario test of `pipe gbdt train|predict` through the built CLI (bin/pipe.js → dist; `npm test` builds first),
// in a temp dir, on a slice of the reference data (test/fixtures/reference/gbdt).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { referenceDir, referencePredictions, referenceText } from '../../../test/support/gbdt-reference-data.js';

const run = promisify(execFile);
const pipe = join(referenceDir(), '../../../../bin/pipe.js');
const built = existsSync(join(referenceDir(), '../../../../dist/src/cli/main.js'));

/** Runs `pipe` with arguments in `cwd`, returning exit code and output without throwing. */
async function pipeIn(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [pipe, ...args], { cwd });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe.skipIf(!built)('pipe gbdt', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-gbdt-'));
  const lines = (name: string, n: number): string => referenceText(name).split('\n').slice(0, n + 1).join('\n') + '\n';
  writeFileSync(join(dir, 'train.csv'), lines('train.csv', 500));
  writeFileSync(join(dir, 'valid.csv'), lines('test.csv', 300));
  writeFileSync(join(dir, 'model_ref.json'), referenceText('model_exact_d4_r50.json'));
  writeFileSync(join(dir, 'test_full.csv'), referenceText('test.csv'));

  it('trains with early stopping, writes the model and test probabilities, and predict agrees', async () => {
    const params = JSON.stringify({ objective: 'multi:softprob', num_class: 5, learning_rate: 0.3, max_depth: 3, n_estimators: 60, early_stopping_rounds: 5, tree_method: 'hist', nthread: 1 });
    const t = await pipeIn(dir, ['gbdt', 'train', '--train', 'train.csv', '--valid', 'valid.csv', '--label', 'label', '--params', params, '--model-out', 'm.json', '--pred-out', 'p.csv', '--test', 'valid.csv']);
    expect(t.stderr).toBe('');
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/trained \d+ rounds/);
    const p = await pipeIn(dir, ['gbdt', 'predict', '--model', 'm.json', '--data', 'valid.csv', '--out', 'p2.csv']);
    expect(p.code).toBe(0);
    const probs = readFileSync(join(dir, 'p.csv'), 'utf8');
    expect(probs.split('\n')[0]).toBe('p0,p1,p2,p3,p4');
    expect(probs.trim().split('\n')).toHaveLength(301);
    expect(readFileSync(join(dir, 'p2.csv'), 'utf8')).toBe(probs);
  });

  it("predicts with XGBoost's own model file as XGBoost did (1e-5)", async () => {
    const p = await pipeIn(dir, ['gbdt', 'predict', '--model', 'model_ref.json', '--data', 'test_full.csv', '--out', 'ref.csv']);
    expect(p.code).toBe(0);
    const ours = readFileSync(join(dir, 'ref.csv'), 'utf8').trim().split('\n').slice(1).flatMap((l) => l.split(',').map(Number));
    const ref = referencePredictions('exact_d4_r50');
    expect(ours.length).toBe(ref.length);
    expect(Math.max(...ours.map((v, i) => Math.abs(v - ref[i]!)))).toBeLessThan(1e-5);
  });

  it('reports user mistakes in one line with exit code 1', async () => {
    const cases: [string[], RegExp][] = [
      [['--params', '{"etaa":1}'], /unknown parameter\(s\) 'etaa'/],
      [['--params', '{"num_class":5,"max_depth":0}'], /max_depth/],
      [['--params', '{"num_class":5', ], /not valid JSON/],
      [['--params', '{"num_class":5,"early_stopping_rounds":3}'], /needs --valid/],
    ];
    for (const [extra, message] of cases) {
      const r = await pipeIn(dir, ['gbdt', 'train', '--train', 'train.csv', '--label', 'label', '--model-out', 'x.json', ...extra]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const missing = await pipeIn(dir, ['gbdt', 'predict', '--model', 'nope.json', '--data', 'valid.csv', '--out', 'x.csv']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--model nope.json: cannot read/);
  });
});
