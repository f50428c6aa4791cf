// Which stages a repro considers: targets with upstream, --downstream, -s, foreach groups, --dry, -k.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Rig } from './rig.js';

let rig: Rig;
beforeEach(() => {
  rig = new Rig();
  rig.write('data/in.txt', 'one\n');
  rig.write('pipeline.yaml', `stages:
  a:
    cmd: ${rig.fake('a', 'out/a.txt', 'data/in.txt')}
    deps: [data/in.txt]
    outs: [out/a.txt]
  b:
    cmd: ${rig.fake('b', 'out/b.txt', 'out/a.txt')}
    deps: [out/a.txt]
    outs: [out/b.txt]
  c:
    cmd: ${rig.fake('c', 'out/c.txt', 'out/b.txt')}
    deps: [out/b.txt]
    outs: [out/c.txt]
  side:
    cmd: ${rig.fake('side', 'out/side.txt', 'data/in.txt')}
    deps: [data/in.txt]
    outs: [out/side.txt]
`);
});
afterEach(() => rig.cleanup());

const counts = () => ['a', 'b', 'c', 'side'].map((s) => rig.count(s));

describe('selection', () => {
  test('a target runs with its upstream only', async () => {
    await rig.pipe(['repro', 'b']);
    expect(counts()).toEqual([1, 1, 0, 0]);
  });

  test('-s runs only the target', async () => {
    await rig.pipe(['repro']);
    rig.write('data/in.txt', 'two\n');
    await rig.pipe(['repro', '-s', 'b']);
    expect(counts()).toEqual([1, 1, 1, 1]); // b's dep out/a.txt did not change yet
    await rig.pipe(['repro', '-s', 'a']);
    expect(counts()).toEqual([2, 1, 1, 1]);
  });

  test('--downstream runs the target and what follows, not upstream', async () => {
    await rig.pipe(['repro']);
    rig.write('data/in.txt', 'two\n');
    await rig.pipe(['repro', '--downstream', 'b', '--force']);
    expect(counts()).toEqual([1, 2, 2, 1]);
  });

  test('--dry runs nothing and lists what would run', async () => {
    await rig.pipe(['repro']);
    rig.write('data/in.txt', 'two\n');
    const r = await rig.pipe(['repro', '--dry']);
    expect(r.stdout).toContain("Would run stage 'a'");
    expect(r.stdout).toContain("Would run stage 'c': upstream stage 'b' would run");
    expect(counts()).toEqual([1, 1, 1, 1]);
  });

  test('-k skips only the dependents of a failed stage', async () => {
    rig.write('pipeline.yaml', rig.read('pipeline.yaml').replace(rig.fake('a', 'out/a.txt', 'data/in.txt'), 'exit 1'));
    const r = await rig.pipe(['repro', '-k', '-j', '1']);
    expect(r.code).toBe(1);
    expect(counts()).toEqual([0, 0, 0, 1]);
    expect(r.stderr).toContain("Stage 'b' skipped");
    expect(r.stderr).toContain("Stage 'c' skipped");
    expect(rig.read('pipeline.lock')).toContain('side:');
  });

  test('without -k nothing new starts after a failure', async () => {
    rig.write('pipeline.yaml', rig.read('pipeline.yaml').replace(rig.fake('a', 'out/a.txt', 'data/in.txt'), 'exit 1'));
    const r = await rig.pipe(['repro', '-j', '1']);
    expect(r.code).toBe(1);
    expect(counts()).toEqual([0, 0, 0, 0]);
  });
});

describe('selection extras', () => {
  test('-p runs the whole connected pipeline of a target; the pipeline file selects everything', async () => {
    await rig.pipe(['repro', '-p', 'c', '--force']);
    expect(counts()).toEqual([1, 1, 1, 0]);
    await rig.pipe(['repro', 'pipeline.yaml', '--force', '-s']);
    expect(counts()).toEqual([2, 2, 2, 1]);
  });

  test('status -q prints nothing and exits 1 only when something changed', async () => {
    await rig.pipe(['repro']);
    expect(await rig.pipe(['status', '-q'])).toMatchObject({ code: 0, stdout: '' });
    rig.write('data/in.txt', 'two\n');
    expect(await rig.pipe(['status', '-q'])).toMatchObject({ code: 1, stdout: '' });
  });

  test('help for the program and each command', async () => {
    const help = await rig.pipe(['--help']);
    for (const cmd of ['repro', 'status', 'dag', 'params', 'metrics', 'gc']) expect(help.stdout).toContain(cmd);
    const repro = await rig.pipe(['repro', '--help']);
    for (const flag of ['--force', '--downstream', '--single-item', '--dry', '--keep-going', '--no-run-cache', '--jobs']) expect(repro.stdout).toContain(flag);
  });
});
