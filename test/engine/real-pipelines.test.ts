// Public dvc.yaml files (test/engine/real-pipelines/, see PROVENANCE.md) renamed to pipeline.yaml: `pipe dag`
// and `pipe repro --dry` load them; DVC's own templating fixtures resolve to what DVC's tests expect.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Rig } from './rig.js';

const HERE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'real-pipelines');

let rig: Rig;
beforeEach(() => (rig = new Rig()));
afterEach(() => rig.cleanup());

/** Copies fixture `name` into the rig as pipeline.yaml + params.yaml and creates `inputs` (deps no stage makes). */
function install(name: string, inputs: readonly string[]): void {
  rig.write('pipeline.yaml', readFileSync(path.join(HERE, name, 'dvc.yaml'), 'utf8'));
  rig.write('params.yaml', readFileSync(path.join(HERE, name, 'params.yaml'), 'utf8'));
  for (const f of inputs) rig.write(f, '');
}

describe('real dvc.yaml files', () => {
  test('get-started (iterative/vscode-dvc demo2): dag and a dry run', async () => {
    install('get-started', ['data/data.xml', 'src/prepare.py', 'src/featurization.py', 'src/train.py', 'src/evaluate.py']);
    const dag = await rig.pipe(['dag']);
    expect(dag.stderr).toBe('');
    expect(dag.stdout).toBe('prepare\nfeaturize  ← prepare\ntrain  ← featurize\nevaluate  ← featurize, train\n');
    const dry = await rig.pipe(['repro', '--dry']);
    expect(dry.code).toBe(0);
    expect(dry.stdout.match(/Would run stage/g)).toHaveLength(4);
  });

  // tests/func/parsing/test_resolver.py::test_resolver (RESOLVED_DVC_YAML_DATA)
  test('dvc-templated (DVC tests/func/parsing): cmd, outs, deps and frozen resolve as DVC resolves them', async () => {
    install('dvc-templated', ['foo']);
    const dag = await rig.pipe(['dag']);
    expect(dag.stdout).toBe('stage1\nstage2\n');
    const dry = await rig.pipe(['repro', '--dry']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("Would run stage 'stage2'");
    expect(dry.stdout).not.toContain("'stage1'"); // frozen: ${freeze} → true
    const run = await rig.pipe(['repro', 'stage2']);
    expect(run.stdout).toContain('[stage2] foo bar');
    const saved = JSON.parse(rig.read('.pipe/pipeline.json')) as { pipeline: { stages: { name: string; cmd: string[]; deps: string[]; outs: { path: string }[]; frozen: boolean }[] } };
    const stage1 = saved.pipeline.stages.find((s) => s.name === 'stage1');
    expect(stage1).toMatchObject({ cmd: ['python script.py foo --out bar'], deps: ['foo'], outs: [{ path: 'bar' }], frozen: true });
  });

  // tests/func/parsing/test_matrix.py::test_matrix_interpolated
  test('dvc-matrix (DVC tests/func/parsing): 16 stages named and rendered as DVC does', async () => {
    install('dvc-matrix', []);
    const dag = await rig.pipe(['dag']);
    expect(dag.stdout).toBe('build@{win-3.7-dict0-list0, win-3.7-dict0-list1, win-3.7-dict1-list0, …} (16 items)\n');
    const run = await rig.pipe(['repro', '-j', '1']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('[build@win-3.7-dict0-list0] win 3.7 --arg1 1 -- out1 out11');
    expect(run.stdout).toContain('[build@linux-3.8-dict1-list1] linux 3.8 --arg2 2 -- out2 out22');
    expect(run.stdout.match(/Running stage/g)).toHaveLength(16);
  });
});
