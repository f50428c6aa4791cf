// Bad input: one clear line with file:line:col where it applies, exit code ≠ 0, no stack trace.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Rig } from './rig.js';

let rig: Rig;
beforeEach(() => (rig = new Rig()));
afterEach(() => rig.cleanup());

async function failsWith(pipelineYaml: string, expected: RegExp, args: string[] = ['repro']): Promise<void> {
  rig.write('pipeline.yaml', pipelineYaml);
  const r = await rig.pipe(args);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toMatch(expected);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

describe('bad input', () => {
  test('YAML syntax error names file:line:col', async () => {
    await failsWith('stages:\n  a:\n    cmd: [echo\n', /^pipe: pipeline\.yaml:\d+:\d+: YAML syntax error/);
  });

  test('unknown stage key with a did-you-mean, at the key position', async () => {
    await failsWith('stages:\n  a:\n    cmd: echo\n    dep: [x]\n', /^pipe: pipeline\.yaml:4:5: stages\.a: unknown key 'dep' \(did you mean 'deps'\?\)/);
  });

  test('wrong type names what was expected and what was found', async () => {
    await failsWith('stages:\n  a:\n    cmd: echo\n    frozen: "yes"\n', /^pipe: pipeline\.yaml:4:13: stages\.a\.frozen: expected boolean, got string/);
  });

  test('unknown top-level key', async () => {
    await failsWith('stage:\n  a:\n    cmd: echo\n', /pipeline\.yaml:1:1: .*unknown key 'stage' \(did you mean 'stages'\?\)/);
  });

  test('a bad output entry inside an out mapping', async () => {
    await failsWith('stages:\n  a:\n    cmd: echo\n    outs:\n      - x.txt:\n          persit: true\n', /pipeline\.yaml:6:11: .*unknown key 'persit'/);
  });

  test('missing dependency with no producer', async () => {
    await failsWith('stages:\n  a:\n    cmd: echo\n    deps: [nothere.txt]\n', /stage 'a': dependency 'nothere\.txt' does not exist and no stage outputs it/);
  });

  test('unknown target with suggestion', async () => {
    rig.write('in.txt', 'x');
    await failsWith('stages:\n  train:\n    cmd: echo\n', /unknown stage 'trian' \(did you mean 'train'\?\)/, ['repro', 'trian']);
  });

  test("undefined ${var} names the variable and its position, in DVC's words", async () => {
    await failsWith('stages:\n  a:\n    cmd: echo ${nope.x}\n', /^pipe: pipeline\.yaml:3:10: failed to parse 'stages\.a\.cmd' in 'pipeline\.yaml': Could not find 'nope\.x'/);
  });

  test('a cycle lists its stages', async () => {
    await failsWith(
      'stages:\n  a:\n    cmd: echo\n    deps: [b.txt]\n    outs: [a.txt]\n  b:\n    cmd: echo\n    deps: [a.txt]\n    outs: [b.txt]\n',
      /cycle in the pipeline: (a → b → a|b → a → b)/,
    );
  });

  test('overlapping outputs name both stages', async () => {
    await failsWith('stages:\n  a:\n    cmd: echo\n    outs: [data]\n  b:\n    cmd: echo\n    outs: [data/x.csv]\n', /outputs overlap: 'data' \(stage 'a'\) and 'data\/x\.csv' \(stage 'b'\)/);
  });

  test('a tracked param missing from params.yaml', async () => {
    rig.write('params.yaml', 'lr: 1\n');
    await failsWith('stages:\n  a:\n    cmd: echo\n    params: [epochs]\n', /pipeline\.yaml:4:\d+: stage 'a': param 'epochs' not found in params\.yaml/);
  });

  test('no pipeline.yaml', async () => {
    const r = await rig.pipe(['status']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^pipe: no pipeline\.yaml in /);
  });

  test('a failing stage exits non-zero and records nothing', async () => {
    rig.write('pipeline.yaml', 'stages:\n  a:\n    cmd: echo partial > a.txt && exit 3\n    outs: [a.txt]\n');
    const r = await rig.pipe(['repro']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Stage 'a' failed: command 'echo partial > a.txt && exit 3' exited with code 3");
    expect(rig.exists('pipeline.lock')).toBe(false);
    expect(rig.exists('cache/objects')).toBe(false);
  });
});
