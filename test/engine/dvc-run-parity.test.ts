// How DVC runs a stage's command (dvc/stage/run.py): a multi-line cmd runs line by line and stops at the first
// failure, the DVC_* environment, and DVC 3 keys that load with a warning. Each test names the DVC test mirrored.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Rig } from './rig.js';

let rig: Rig;
beforeEach(() => (rig = new Rig()));
afterEach(() => rig.cleanup());

const runCacheEntries = (): number => {
  try {
    return readdirSync(path.join(rig.dir, 'cache/runs'), { recursive: true }).length;
  } catch {
    return 0;
  }
};

describe('multi-line cmd', () => {
  // tests/func/repro/test_repro.py::test_repro_list_of_commands_in_order[multiline=True/False]
  test.each([
    ['a `cmd: |` block', 'cmd: |\n      echo foo>foo\n      echo bar>bar'],
    ['a command list', 'cmd:\n      - echo foo>foo\n      - echo bar>bar'],
  ])('%s runs every line in order', async (_, cmd) => {
    rig.write('pipeline.yaml', `stages:\n  multi:\n    ${cmd}\n    outs: [foo, bar]\n`);
    const r = await rig.pipe(['repro']);
    expect(r.code).toBe(0);
    expect(rig.read('foo')).toBe('foo\n');
    expect(rig.read('bar')).toBe('bar\n');
  });

  // tests/func/repro/test_repro.py::test_repro_list_of_commands_raise_and_stops_after_failure[multiline=True/False]
  test.each([
    ['a `cmd: |` block', 'cmd: |\n      echo foo>foo\n      sh -c "exit 3"\n      echo baz>bar'],
    ['a command list', 'cmd:\n      - echo foo>foo\n      - sh -c "exit 3"\n      - echo baz>bar'],
  ])('%s stops at the first failing line; the stage fails with its exit code and is neither locked nor cached', async (_, cmd) => {
    rig.write('in.txt', 'x\n');
    rig.write('pipeline.yaml', `stages:\n  multi:\n    ${cmd}\n    deps: [in.txt]\n    outs: [foo]\n`);
    const r = await rig.pipe(['repro']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('exited with code 3');
    expect(r.stderr).toContain('sh -c "exit 3"');
    expect(rig.read('foo')).toBe('foo\n');
    expect(rig.exists('bar')).toBe(false);
    expect(rig.exists('pipeline.lock')).toBe(false);
    expect(runCacheEntries()).toBe(0);
    expect((await rig.pipe(['status'])).stdout).toContain('multi');
  });
});

describe('environment', () => {
  // dvc/stage/run.py prepare_kwargs (DVC_ROOT unless set, DVC_STAGE = the stage's address);
  // tests/func/experiments/test_experiments.py::test_experiment_run_dvc_root-style check of the value
  test('stages see DVC_STAGE and DVC_ROOT beside PIPE_STAGE and PIPE_ROOT', async () => {
    rig.write('pipeline.yaml', 'stages:\n  env:\n    cmd: echo "$DVC_STAGE|$DVC_ROOT|$PIPE_STAGE|$PIPE_ROOT" > env.txt\n    outs: [env.txt]\n');
    rig.write('sub/pipeline.yaml', 'stages:\n  env:\n    cmd: echo "$DVC_STAGE|$DVC_ROOT" > env.txt\n    outs: [env.txt]\n');
    const r = await rig.pipe(['repro', '-P']);
    expect(r.code).toBe(0);
    expect(rig.read('env.txt')).toBe(`env|${rig.dir}|env|${rig.dir}\n`);
    expect(rig.read('sub/env.txt')).toBe(`sub/pipeline.yaml:env|${rig.dir}\n`);
  });
});

describe('DVC 3 keys', () => {
  // dvc/schema.py OUT_PSTAGE_DETAILED_SCHEMA still lists `checkpoint`; PLOT_PSTAGE_SCHEMA allows a list of props
  test('checkpoint, remote and push on outputs load with a warning naming the position; a plot may list property sets', async () => {
    rig.write('pipeline.yaml', `stages:
  train:
    cmd: echo m > model.pt && echo 1 > plot.json
    outs:
      - model.pt:
          checkpoint: true
          push: false
    plots:
      - plot.json:
          - x: x
            y: y
`);
    const r = await rig.pipe(['repro']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("pipe: warning: pipeline.yaml:6:11: 'checkpoint' of 'model.pt' is ignored");
    expect(r.stderr).toContain("pipeline.yaml:7:11: 'push' of 'model.pt' is ignored (pipe has no remotes)");
    expect(rig.read('model.pt')).toBe('m\n');
  });
});
