// dag (foreach groups collapsed), params diff and metrics diff (against the lock and a git revision), gc.
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Rig } from './rig.js';

let rig: Rig;
beforeEach(() => {
  rig = new Rig();
  rig.write('params.yaml', 'lr: 0.1\nmodels: [a, b, c]\n');
  rig.write('cache/README.md', 'keep me\n');
  rig.write('pipeline.yaml', `stages:
  prep:
    cmd: echo prep > prep.txt
    outs: [prep.txt]
  train:
    foreach: \${models}
    do:
      cmd: echo \${item} > model-\${item}.txt
      deps: [prep.txt]
      params: [lr]
      outs:
        - model-\${item}.txt
  evaluate:
    cmd: >-
      echo '{"acc": 0.5, "loss": {"val": 2}}' > metrics.json
    deps: [model-a.txt, model-b.txt, model-c.txt]
    metrics:
      - metrics.json:
          cache: false
`);
});
afterEach(() => rig.cleanup());

const git = (...args: string[]) => execFileSync('git', args, { cwd: rig.dir, stdio: 'ignore' });

describe('queries', () => {
  test('dag collapses foreach items into one node in every format', async () => {
    const ascii = await rig.pipe(['dag']);
    expect(ascii.stdout).toBe('prep\ntrain@{a, b, c}  ← prep\nevaluate  ← train@{a, b, c}\n');
    expect((await rig.pipe(['dag', '--mermaid'])).stdout).toContain('n1["train@{a, b, c}"]');
    expect((await rig.pipe(['dag', '--dot'])).stdout).toContain('"train" -> "evaluate";');
  });

  test('params diff against the lock and against git HEAD', async () => {
    await rig.pipe(['repro']);
    rig.write('params.yaml', 'lr: 0.2\nmodels: [a, b, c]\n');
    const lockDiff = await rig.pipe(['params', 'diff', '--json']);
    expect(JSON.parse(lockDiff.stdout)).toEqual({ 'params.yaml': { lr: { old: 0.1, new: 0.2, diff: 0.2 - 0.1 } } });
    git('init', '-q');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'empty');
    git('add', 'params.yaml');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-q', '-m', 'params');
    rig.write('params.yaml', 'lr: 0.3\nmodels: [a, b, c]\n');
    const gitDiff = await rig.pipe(['params', 'diff', 'HEAD', '--md']);
    expect(gitDiff.stdout).toMatch(/\| params\.yaml \| lr\s+\| 0\.2\s+\| 0\.3/);
  });

  test('metrics show and diff against the last run', async () => {
    await rig.pipe(['repro']);
    const shown = await rig.pipe(['metrics', 'show', '--json']);
    expect(JSON.parse(shown.stdout)).toEqual({ 'metrics.json': { acc: 0.5, 'loss.val': 2 } });
    rig.write('metrics.json', '{"acc": 0.75, "loss": {"val": 2}}');
    const diff = await rig.pipe(['metrics', 'diff']);
    expect(diff.stdout).toMatch(/metrics\.json\s+acc\s+0\.5\s+0\.75\s+\+0\.25/);
    expect(diff.stdout).not.toContain('loss.val');
  });

  test('gc keeps what the lock references and cache/README.md', async () => {
    await rig.pipe(['repro']);
    rig.write('params.yaml', 'lr: 0.5\nmodels: [a]\n');
    rig.write('pipeline.yaml', rig.read('pipeline.yaml').replace('[model-a.txt, model-b.txt, model-c.txt]', '[model-a.txt]').replace('echo ${item}', 'echo v2 ${item}'));
    expect((await rig.pipe(['repro'])).code).toBe(0);
    const r = await rig.pipe(['gc']);
    expect(r.stdout).toMatch(/Removed [1-9]\d* cache objects/);
    expect(rig.read('cache/README.md')).toBe('keep me\n');
    rig.remove('model-a.txt');
    const again = await rig.pipe(['repro']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Stage 'train@a' didn't change since an earlier run, restored its outputs");
    expect(rig.read('model-a.txt')).toBe('v2 a\n');
  });
});
