// A small git project declaring one plot per DVC template (stage plots and top-level definitions), for the
// `pipe plots` scenario tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PIPE_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/pipe.js');

const PIPELINE = `stages:
  train:
    cmd: printf 'epoch,loss,acc\\n1,0.9,0.5\\n2,0.6,0.7\\n3,0.4,0.8\\n4,0.35,0.82\\n' > loss.csv
    plots:
      - loss.csv: {x: epoch, y: loss, template: linear, title: Training loss}
plots:
  - preds.csv: {x: predicted, y: actual, template: confusion}
  - confusion_norm:
      x: predicted
      y: {preds.csv: actual}
      template: confusion_normalized
  - f1_sorted:
      x: f1
      y: {f1.json: class}
      template: bar_horizontal_sorted
  - f1_bars:
      x: f1
      y: {f1.json: class}
      template: bar_horizontal
  - curves:
      x: epoch
      y: {loss.csv: [loss, acc]}
      template: simple
  - pareto:
      x: uar
      y: {trials.csv: macro_f1}
      template: scatter
  - history:
      x: trial
      y: {trials.csv: uar}
      template: smooth
`;

/** Creates the project, runs `pipe repro`, commits it; returns its directory. */
export function makePlotsProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pipe-plots-'));
  const write = (rel: string, text: string): void => writeFileSync(path.join(dir, rel), text);
  write('pipeline.yaml', PIPELINE);
  write('preds.csv', 'actual,predicted\na,a\na,b\nb,b\nb,b\nc,a\nc,c\n');
  write('f1.json', JSON.stringify({ rows: [{ class: 'a', f1: 0.5 }, { class: 'b', f1: 0.8 }, { class: 'c', f1: 0.65 }] }));
  const trials = Array.from({ length: 12 }, (_, i) => `${i},${(0.5 + 0.03 * i - 0.02 * (i % 3)).toFixed(3)},${(0.45 + 0.025 * i).toFixed(3)}`);
  write('trials.csv', `trial,uar,macro_f1\n${trials.join('\n')}\n`);
  const git = (...args: string[]): void => void execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('config', 'user.email', 'test@example.org');
  git('config', 'user.name', 'test');
  pipe(dir, ['repro']);
  git('add', '-A');
  git('commit', '-qm', 'baseline');
  return dir;
}

/** Runs the built CLI in `dir`; throws with its stderr on a non-zero exit. */
export function pipe(dir: string, args: readonly string[]): string {
  return execFileSync(process.execPath, [PIPE_BIN, ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
