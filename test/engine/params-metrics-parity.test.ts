// Params and metrics files as DVC reads them: YAML, JSON, TOML and Python params; bare-number and TOML metrics;
// vars-file values in `params diff`; `metrics diff --precision`. Each test names the DVC test it mirrors.
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Rig } from './rig.js';

let rig: Rig;
beforeEach(() => (rig = new Rig()));
afterEach(() => rig.cleanup());

describe('params files', () => {
  // tests/func/params/test_show.py::test_show_toml and ::test_show_py
  test('TOML and Python params files are tracked like YAML/JSON ones', async () => {
    rig.write('params.toml', '[foo]\nbar = 42\nbaz = [1, 2]\n');
    rig.write('params.py', 'import os\nCONST = 1\nIS_DIR: bool = True\n\n\nclass Config:\n    foo = 42\n    names = [\n        "a", "b",\n    ]\n\n    def __init__(self):\n        self.bar = 0.5\n');
    rig.write('params.json', '{"lr": 0.1}');
    rig.write('pipeline.yaml', `stages:
  a:
    cmd: echo ok
    params:
      - params.toml: [foo]
      - params.py: [CONST, IS_DIR, Config.foo, Config.names, Config.bar]
      - params.json: [lr]
`);
    const r = await rig.pipe(['repro']);
    expect(r.stderr).toBe('');
    const lock = rig.read('pipeline.lock');
    expect(lock).toContain('params.toml:\n        foo:\n          bar: 42\n          baz:\n            - 1\n            - 2');
    expect(lock).toMatch(/params\.py:\n\s+CONST: 1\n\s+Config\.bar: 0\.5\n\s+Config\.foo: 42\n\s+Config\.names:\n\s+- a\n\s+- b\n\s+IS_DIR: true/);
    rig.write('params.toml', '[foo]\nbar = 43\nbaz = [1, 2]\n');
    rig.write('params.py', 'import os\nCONST = 2\nIS_DIR: bool = True\n\n\nclass Config:\n    foo = 42\n    names = ["a", "b"]\n\n    def __init__(self):\n        self.bar = 0.5\n');
    const st = await rig.pipe(['status']);
    expect(st.stdout).toContain('param modified: params.toml:foo.bar 42 → 43');
    expect(st.stdout).toContain('param modified: params.py:CONST 1 → 2');
    rig.write('params.toml', '[foo\nbar = 1\n');
    const bad = await rig.pipe(['status']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^pipe: params\.toml:1:\d+: /);
  });

  // tests/func/params/test_diff.py::test_vars_shows_on_params_diff
  test('params diff lists the values templates read from a vars file', async () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: rig.dir, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' }, stdio: 'ignore' });
    git('init', '-q');
    rig.write('test_params.yaml', 'vars:\n  model1: {epoch: 15}\n  model2: {epoch: 35}\n');
    rig.write('pipeline.yaml', 'vars: [test_params.yaml]\nstages:\n  build:\n    foreach: ${vars}\n    do:\n      cmd: echo --epoch ${item.epoch}\n');
    const before = await rig.pipe(['params', 'diff', '--json']);
    expect(JSON.parse(before.stdout)).toEqual({
      'test_params.yaml': { 'vars.model1.epoch': { old: null, new: 15 }, 'vars.model2.epoch': { old: null, new: 35 } },
    });
    git('add', '.');
    git('commit', '-q', '-m', 'added stages');
    rig.write('test_params.yaml', 'vars:\n  model1: {epoch: 20}\n  model2: {epoch: 35}\n');
    const after = await rig.pipe(['params', 'diff', '--json']);
    expect(JSON.parse(after.stdout)).toEqual({ 'test_params.yaml': { 'vars.model1.epoch': { old: 15, new: 20, diff: 5 } } });
    const fromSub = await rig.pipe(['params', 'diff', 'HEAD', '--json'], {}, '');
    expect(JSON.parse(fromSub.stdout)).toEqual({ 'test_params.yaml': { 'vars.model1.epoch': { old: 15, new: 20, diff: 5 } } });
  });
});

describe('metrics files', () => {
  // tests/func/metrics/test_show.py::test_show_simple (a bare number) and ::test_show_toml
  test('a metrics file holding a bare number, and a TOML metrics file', async () => {
    rig.write('pipeline.yaml', `stages:
  m:
    cmd: echo 1.1 > metrics.yaml && printf '[foo]\\nbar = 1.2\\n' > metrics.toml
    metrics: [metrics.yaml, metrics.toml]
`);
    expect((await rig.pipe(['repro'])).code).toBe(0);
    const shown = await rig.pipe(['metrics', 'show', '--json']);
    expect(JSON.parse(shown.stdout)).toEqual({ 'metrics.toml': { 'foo.bar': 1.2 }, 'metrics.yaml': { '': 1.1 } });
  });

  // dvc/commands/metrics.py --precision (DEFAULT_PRECISION 5, round_digits) via dvc/compare.py _format_field
  test('metrics diff rounds as DVC: 5 decimals by default, --precision N; JSON unrounded', async () => {
    rig.write('in.txt', '1\n');
    rig.write('pipeline.yaml', 'stages:\n  m:\n    cmd: >-\n      echo \'{"acc": 0.123456789, "n": 10}\' > m.json\n    deps: [in.txt]\n    metrics: [m.json]\n');
    expect((await rig.pipe(['repro'])).code).toBe(0);
    rig.write('m.json', '{"acc": 0.2, "n": 10}');
    const table = await rig.pipe(['metrics', 'diff']);
    expect(table.stdout).toMatch(/m\.json\s+acc\s+0\.12346\s+0\.2\s+\+0\.07654/);
    const two = await rig.pipe(['metrics', 'diff', '--precision', '2']);
    expect(two.stdout).toMatch(/m\.json\s+acc\s+0\.12\s+0\.2\s+\+0\.08/);
    const json = await rig.pipe(['metrics', 'diff', '--json']);
    expect(JSON.parse(json.stdout)['m.json'].acc.old).toBe(0.123456789);
    expect((await rig.pipe(['metrics', 'show', '--precision', '3'])).stdout).toMatch(/m\.json\s+acc\s+0\.2\b/);
  });
});
