// foreach/matrix expansion and templating from vars and params.yaml.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Rig } from './rig.js';

let rig: Rig;
beforeEach(() => (rig = new Rig()));
afterEach(() => rig.cleanup());

describe('expansion', () => {
  test('foreach over a params list and a mapping; matrix; mapping → flags', async () => {
    rig.write('params.yaml', 'features: [mfcc, egemaps]\ntrain:\n  lr: 0.1\n  deep: true\n  shallow: false\n');
    rig.write('pipeline.yaml', `vars:
  - sets:
      dev: {n: 1}
      test: {n: 2}
stages:
  feat:
    foreach: \${features}
    do:
      cmd: echo \${item} > out/\${item}.txt
      outs:
        - out/\${item}.txt
  split:
    foreach: \${sets}
    do:
      cmd: echo \${key} \${item.n} > out/split-\${key}.txt
      outs:
        - out/split-\${key}.txt
  grid:
    matrix:
      model: [xgb, svm]
      feat: [mfcc]
    cmd: echo \${item.model} \${item.feat} \${train} > out/grid-\${item.model}-\${item.feat}.txt
    params: [train]
    outs:
      - out/grid-\${item.model}-\${item.feat}.txt
`);
    rig.write('out/.keep', '');
    const r = await rig.pipe(['repro']);
    expect(r.code).toBe(0);
    expect(rig.read('out/mfcc.txt')).toBe('mfcc\n');
    expect(rig.read('out/split-test.txt')).toBe('test 2\n');
    expect(rig.read('out/grid-svm-mfcc.txt')).toBe('svm mfcc --lr 0.1 --deep\n');
    const lock = rig.read('pipeline.lock');
    for (const name of ['feat@mfcc', 'feat@egemaps', 'split@dev', 'split@test', 'grid@xgb-mfcc', 'grid@svm-mfcc']) expect(lock).toContain(`${name}:`);
    const one = await rig.pipe(['repro', 'grid@xgb-mfcc', '--force']);
    expect(one.stdout).toContain("Running stage 'grid@xgb-mfcc'");
    expect(one.stdout).not.toContain("Running stage 'grid@svm-mfcc'");
    const group = await rig.pipe(['repro', 'feat', '--force']);
    expect(group.stdout).toContain("Running stage 'feat@mfcc'");
    expect(group.stdout).toContain("Running stage 'feat@egemaps'");
  });

  test('\\${ escapes templating; list cmd runs line by line', async () => {
    rig.write('pipeline.yaml', `stages:
  a:
    cmd:
      - X=5; echo "\\\${X}" > a.txt
      - echo second >> a.txt
    outs: [a.txt]
`);
    const r = await rig.pipe(['repro']);
    expect(r.code).toBe(0);
    expect(rig.read('a.txt')).toBe('5\nsecond\n');
  });

  test('wdir: paths are relative to it and the command runs inside it', async () => {
    rig.write('sub/in.txt', 'x\n');
    rig.write('pipeline.yaml', `stages:
  a:
    wdir: sub
    cmd: cat in.txt > out.txt
    deps: [in.txt]
    outs: [out.txt]
`);
    const r = await rig.pipe(['repro']);
    expect(r.code).toBe(0);
    expect(rig.read('sub/out.txt')).toBe('x\n');
    expect(rig.read('pipeline.lock')).toContain('path: sub/out.txt');
    const fromSub = await rig.pipe(['status'], {}, 'sub');
    expect(fromSub.stdout).toContain('up to date');
  });
});

describe('shared dependencies', () => {
  test('many foreach items over one directory dep: all up to date, then all rerun after one file changes', async () => {
    for (let i = 0; i < 50; i++) rig.write(`corpus/f${i}.txt`, `${i}\n`);
    rig.write('params.yaml', `sets: [${Array.from({ length: 12 }, (_, i) => `s${i}`).join(', ')}]\n`);
    rig.write('pipeline.yaml', `stages:
  feat:
    foreach: \${sets}
    do:
      cmd: ls corpus | wc -l > out-\${item}.txt
      deps: [corpus]
      outs:
        - out-\${item}.txt
`);
    expect((await rig.pipe(['repro', '-j', '4'])).code).toBe(0);
    expect((await rig.pipe(['status'])).stdout).toContain('up to date');
    rig.write('corpus/f7.txt', 'changed\n');
    const status = await rig.pipe(['status', '--json']);
    expect(Object.keys(JSON.parse(status.stdout) as object)).toHaveLength(12);
  });
});
