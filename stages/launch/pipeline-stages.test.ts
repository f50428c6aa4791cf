// The repository's own pipelines start every stage through stages/run.mjs, and on the built tree (`npm test` builds
// first) each stage's compiled closure resolves and reaches the worker entries its stage starts by name only.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compiledClosure } from './compiled-closure.mjs';

const REPO = resolve(import.meta.dirname, '../..');
const PIPELINES = ['pipeline.yaml', 'studies/burst/pipeline.yaml'];

/** Every stage command of a pipeline file (foreach bodies included). */
function commands(file: string): string[] {
  const doc = parse(readFileSync(join(REPO, file), 'utf8')) as { stages: Record<string, { cmd?: string; do?: { cmd: string } }> };
  return Object.values(doc.stages).map((s) => s.cmd ?? s.do?.cmd ?? '');
}

/** The stage source a `node …/run.mjs …/<x>.ts` command starts, as a repository path; undefined for other commands. */
function stageOf(file: string, cmd: string): string | undefined {
  const m = /^node (\S+\/run\.mjs) (\S+\.ts)\b/.exec(cmd);
  if (m === null || resolve(REPO, dirname(file), m[1]!) !== join(REPO, 'stages/run.mjs')) return undefined;
  return resolve(REPO, dirname(file), m[2]!).slice(REPO.length + 1);
}

const built = existsSync(join(REPO, 'dist/stages'));
if (!built) console.warn('pipeline-stages.test: no dist/ (run npx tsc -p tsconfig.json); compiled closures not checked');

describe('the pipelines\' stage commands', () => {
  it('start every stage through stages/run.mjs with an existing stage source', () => {
    for (const file of PIPELINES) {
      for (const cmd of commands(file)) {
        const stage = stageOf(file, cmd);
        expect(stage, `${file}: ${cmd}`).toBeDefined();
        expect(existsSync(join(REPO, stage!)), stage).toBe(true);
      }
    }
  });

  it.skipIf(!built)('reach, in dist/, every module the stage loads, the worker entries included', () => {
    const closures = new Map<string, string[]>();
    for (const file of PIPELINES) {
      for (const cmd of commands(file)) {
        const stage = stageOf(file, cmd)!;
        const closure = compiledClosure(join(REPO, 'dist', stage.replace(/\.ts$/, '.js')));
        expect(closure.missing, stage).toEqual([]);
        closures.set(stage, closure.files.map((f) => f.slice(join(REPO, 'dist').length + 1)));
      }
    }
    expect(closures.get('stages/tune.ts')).toEqual(expect.arrayContaining(['src/bundle/trial-worker.js', 'src/ml/gbdt/training-helper-worker.js']));
    expect(closures.get('stages/featurize.ts')).toEqual(expect.arrayContaining(['src/features/feature-worker.js']));
    expect(closures.get('stages/burst/train.ts')).toEqual(expect.arrayContaining(['src/nn/kernels/gemm-worker.js']));
  });
});
