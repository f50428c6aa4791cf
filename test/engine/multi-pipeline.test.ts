// Projects with several pipeline files (DVC: a dvc.yaml per folder, one .dvc/ at the root), the project root
// rule, target addressing, -P, --glob, --force-downstream, frozen stages cutting their upstream, external deps.
// Each test names the DVC source or test it mirrors.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Rig } from './rig.js';

let rig: Rig;
beforeEach(() => (rig = new Rig()));
afterEach(() => rig.cleanup());

/** A root pipeline (prep) and a study pipeline two folders down whose stage reads files anywhere in the project. */
function studyProject(): void {
  rig.write('.pipe/config.yaml', '# project config: marks the project root, as .dvc/ does\n');
  rig.write('raw.txt', 'raw\n');
  rig.write('src/nn/a.txt', 'nn v1\n');
  rig.write('pipeline.yaml', `stages:
  prep:
    cmd: ${rig.fake('prep', 'data/prep.txt', 'raw.txt')}
    deps: [raw.txt]
    outs: [data/prep.txt]
`);
  rig.write('studies/burst/pipeline.yaml', `stages:
  train:
    cmd: ${rig.fake('train', 'model.txt', '../../data/prep.txt', '../../src/nn/a.txt')}
    deps: [../../data/prep.txt, ../../src/nn]
    outs: [model.txt]
  report:
    cmd: ${rig.fake('report', 'report.txt', 'model.txt')}
    deps: [model.txt]
    outs: [report.txt]
`);
}

describe('several pipeline files', () => {
  // dvc/repo/reproduce.py: `targets or PROJECT_FILE` (dvc.yaml of the current directory) over the whole index
  // graph (dvc/repo/index.py collect_files); tests/func/test_stage_load.py::test_collect_granular_with_target
  test('pipe repro inside a study folder runs its pipeline (and the upstream it needs); lock beside it, one cache at the root', async () => {
    studyProject();
    const r = await rig.pipe(['repro'], {}, 'studies/burst');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(rig.events().filter((e) => e.startsWith('start'))).toEqual(['start prep', 'start train', 'start report']);
    const lock = rig.read('studies/burst/pipeline.lock');
    expect(lock).toMatch(/^ {2}train:$/m);
    expect(lock).toContain('path: ../../src/nn');
    expect(lock).toContain('path: model.txt');
    expect(rig.read('pipeline.lock')).toMatch(/^ {2}prep:$/m);
    expect(rig.read('pipeline.lock')).not.toContain('train');
    expect(readdirSync(path.join(rig.dir, 'cache/objects')).length).toBeGreaterThan(0);
    expect(rig.exists('studies/burst/cache')).toBe(false);
    expect(rig.exists('studies/burst/.pipe')).toBe(false);
    expect((await rig.pipe(['repro'], {}, 'studies/burst')).stdout).toContain('up to date');
    rig.write('src/nn/a.txt', 'nn v2\n');
    const st = await rig.pipe(['status', 'studies/burst/pipeline.yaml:train']);
    expect(st.stdout).toContain('studies/burst/pipeline.yaml:train:');
    expect(st.stdout).toContain('dep modified: src/nn');
    expect((await rig.pipe(['status', 'train'], {}, 'studies/burst')).stdout).toContain('dep modified: src/nn');
  });

  // dvc/repo/reproduce.py: without targets only the current directory's dvc.yaml (plus its upstream)
  test('at the root, pipe repro runs the root pipeline only; a path:name target or -P reaches the others', async () => {
    studyProject();
    expect((await rig.pipe(['repro'])).code).toBe(0);
    expect(rig.count('prep')).toBe(1);
    expect(rig.count('train')).toBe(0);
    const one = await rig.pipe(['repro', 'studies/burst/pipeline.yaml:train']);
    expect(one.code).toBe(0);
    expect(rig.count('train')).toBe(1);
    expect(rig.count('report')).toBe(0);
    // tests/func/repro/test_repro.py::test_repro_pipelines_cli (`repro -f -P`)
    const all = await rig.pipe(['repro', '-f', '-P']);
    expect(all.code).toBe(0);
    expect([rig.count('prep'), rig.count('train'), rig.count('report')]).toEqual([2, 2, 1]);
    // a pipeline file as the target: all of its stages (test_stage_load.py::test_collect `collect("dvc.yaml")`)
    expect((await rig.pipe(['repro', '-f', '-s', 'studies/burst/pipeline.yaml'])).code).toBe(0);
    expect([rig.count('prep'), rig.count('train'), rig.count('report')]).toEqual([2, 3, 2]);
  });

  // dvc/commands/dag.py: a target shows it and its ancestors; --full its whole pipeline
  test('pipe dag TARGET shows the target and its upstream across pipeline files', async () => {
    studyProject();
    const dag = await rig.pipe(['dag', 'studies/burst/pipeline.yaml:train']);
    expect(dag.code).toBe(0);
    expect(dag.stdout).toContain('prep');
    expect(dag.stdout).toContain('studies/burst/pipeline.yaml:train  ← prep');
    expect(dag.stdout).not.toContain('report');
    const full = await rig.pipe(['dag', '--full', 'prep']);
    expect(full.stdout).toContain('studies/burst/pipeline.yaml:report');
    const fromSub = await rig.pipe(['dag', 'report'], {}, 'studies/burst');
    expect(fromSub.stdout).toContain('studies/burst/pipeline.yaml:report  ← studies/burst/pipeline.yaml:train');
    const unknown = await rig.pipe(['dag', 'studies/burst/pipeline.yaml:trian']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("did you mean 'studies/burst/pipeline.yaml:train'");
  });

  // DVC collects every dvc.yaml of the repo (index.py collect_files) but not inside outputs or subrepos
  test('a nested project (its own .pipe/config.yaml) and pipeline files inside outputs are not collected', async () => {
    studyProject();
    rig.write('other/.pipe/config.yaml', '');
    rig.write('other/pipeline.yaml', 'stages:\n  prep:\n    cmd: echo clash\n    outs: [data/prep.txt]\n');
    rig.write('data/prep.txt/../pipeline.yaml', 'stages:\n  x:\n    cmd: echo x\n    outs: [../raw.txt]\n');
    const r = await rig.pipe(['status']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('studies/burst/pipeline.yaml:train');
    expect(r.stdout).not.toContain('other');
  });
});

describe('the project root', () => {
  // dvc/repo/__init__.py Repo.find_root: the nearest ancestor holding .dvc/
  test('without a project config or git, the nearest pipeline.yaml is the root (a bare temp dir works)', async () => {
    rig.write('pipeline.yaml', `stages:\n  a:\n    cmd: ${rig.fake('a', 'out.txt')}\n    outs: [out.txt]\n`);
    rig.write('sub/readme.txt', 'x');
    const r = await rig.pipe(['repro'], {}, 'sub');
    expect(r.code).toBe(0);
    expect(rig.exists('out.txt')).toBe(true);
    expect(rig.exists('pipeline.lock')).toBe(true);
  });

  test('inside a git work tree without a project config, the top of the work tree is the root', async () => {
    rig.write('.git/HEAD', 'ref: refs/heads/main\n');
    rig.write('pipeline.yaml', `stages:\n  a:\n    cmd: ${rig.fake('a', 'out.txt')}\n    outs: [out.txt]\n`);
    rig.write('studies/x/pipeline.yaml', `stages:\n  b:\n    cmd: ${rig.fake('b', 'b.txt', '../../out.txt')}\n    deps: [../../out.txt]\n    outs: [b.txt]\n`);
    const r = await rig.pipe(['repro'], {}, 'studies/x');
    expect(r.code).toBe(0);
    expect(rig.events().filter((e) => e.startsWith('start'))).toEqual(['start a', 'start b']);
    expect(rig.exists('studies/x/pipeline.lock')).toBe(true);
    expect(rig.exists('cache/objects')).toBe(true);
    expect(rig.exists('studies/x/cache')).toBe(false);
  });
});

describe('selection as DVC', () => {
  // tests/func/test_stage_load.py::test_collect_glob; dvc/utils parse_target(isa_glob=True)
  test('--glob matches stage names of the pipeline file, with a path: prefix for another file', async () => {
    rig.write('foo', 'foo\n');
    rig.write('pipeline.yaml', `stages:
  copy-foo-bar:
    cmd: ${rig.fake('copy-foo-bar', 'bar', 'foo')}
    deps: [foo]
    outs: [bar]
  copy-bar-foobar:
    cmd: ${rig.fake('copy-bar-foobar', 'foobar', 'bar')}
    deps: [bar]
    outs: [foobar]
  lorem:
    cmd: ${rig.fake('lorem', 'lorem')}
    outs: [lorem]
`);
    rig.write('sub/pipeline.yaml', `stages:\n  copy-x:\n    cmd: ${rig.fake('copy-x', 'x')}\n    outs: [x]\n`);
    expect((await rig.pipe(['repro', '--glob', 'copy*'])).code).toBe(0);
    expect([rig.count('copy-foo-bar'), rig.count('copy-bar-foobar'), rig.count('lorem'), rig.count('copy-x')]).toEqual([1, 1, 0, 0]);
    expect((await rig.pipe(['repro', '--glob', 'sub/pipeline.yaml:copy-?'])).code).toBe(0);
    expect(rig.count('copy-x')).toBe(1);
    const none = await rig.pipe(['repro', '--glob', 'zzz*']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("unknown stage 'zzz*'");
  });

  // tests/func/repro/test_repro.py::test_repro_force_downstream and ..._do_not_force_independent_stages
  test('--force-downstream: a stage that runs forces its downstream; independent stages are left alone', async () => {
    rig.write('foo', 'foo\n');
    rig.write('bar', 'bar\n');
    const copy = (name: string, from: string) => `  ${name}:\n    cmd: ${rig.fake(name, name, from)}\n    deps: [${from}]\n    outs: [${name}]\n`;
    rig.write('pipeline.yaml', `stages:\n${copy('foo1', 'foo')}${copy('foo2', 'foo1')}${copy('bar1', 'bar')}${copy('bar2', 'bar1')}  cat:\n    cmd: ${rig.fake('cat', 'cat', 'foo2', 'bar2')}\n    deps: [foo2, bar2]\n    outs: [cat]\n`);
    expect((await rig.pipe(['repro'])).code).toBe(0);
    rig.write('foo', 'foobar\n');
    const r = await rig.pipe(['repro', '--force-downstream']);
    expect(r.code).toBe(0);
    expect([rig.count('foo1'), rig.count('foo2'), rig.count('bar1'), rig.count('bar2'), rig.count('cat')]).toEqual([2, 2, 1, 1, 2]);
  });

  test('--force-downstream reruns a downstream stage whose inputs did not change', async () => {
    rig.write('foo', 'foo\n');
    rig.write('copy2.sh', '#v1\n');
    rig.write('pipeline.yaml', `stages:
  file1:
    cmd: ${rig.fake('file1', 'file1', 'foo')}
    deps: [foo]
    outs: [file1]
  file2:
    cmd: ${rig.fake('file2', 'file2')}
    deps: [file1, copy2.sh]
    outs: [file2]
  file3:
    cmd: ${rig.fake('file3', 'file3')}
    deps: [file2]
    outs: [file3]
`);
    expect((await rig.pipe(['repro'])).code).toBe(0);
    rig.write('copy2.sh', '#v1\n\n\n');
    // file2's output bytes do not change, so without --force-downstream file3 would not run
    expect((await rig.pipe(['repro', 'file3', '--force-downstream'])).code).toBe(0);
    expect([rig.count('file1'), rig.count('file2'), rig.count('file3')]).toEqual([1, 2, 2]);
    rig.write('copy2.sh', '#v2\n');
    expect((await rig.pipe(['repro', 'file3'])).code).toBe(0);
    expect([rig.count('file1'), rig.count('file2'), rig.count('file3')]).toEqual([1, 3, 2]);
  });

  // tests/func/repro/test_repro.py::test_repro_frozen; dvc/repo/reproduce.py get_active_graph
  test('a frozen stage cuts its upstream: targeting below it does not run what is above it', async () => {
    rig.write('data', 'foo\n');
    const copy = (name: string, from: string, frozen = false) =>
      `  ${name}:\n    cmd: ${rig.fake(name, name, from)}\n    deps: [${from}]\n    outs: [${name}]\n${frozen ? '    frozen: true\n' : ''}`;
    const yaml = (frozen: boolean) => `stages:\n${copy('stage0', 'data')}${copy('stage1', 'stage0', frozen)}${copy('stage2', 'stage1')}`;
    rig.write('pipeline.yaml', yaml(false));
    expect((await rig.pipe(['repro'])).code).toBe(0);
    rig.write('pipeline.yaml', yaml(true));
    rig.write('data', 'bar\n');
    const below = await rig.pipe(['repro', 'stage2']);
    expect(below.code).toBe(0);
    expect([rig.count('stage0'), rig.count('stage1'), rig.count('stage2')]).toEqual([1, 1, 1]);
    const dry = await rig.pipe(['repro', '--dry', 'stage2']);
    expect(dry.stdout).not.toContain('stage0');
    // the whole pipeline: stage0 runs (changed), stage1 stays frozen, stage2 is unchanged
    expect((await rig.pipe(['repro'])).code).toBe(0);
    expect([rig.count('stage0'), rig.count('stage1'), rig.count('stage2')]).toEqual([2, 1, 1]);
  });
});

describe('external data', () => {
  // tests/func/test_run.py::test_run_external_outputs (a dep outside the workspace is hashed into the lock)
  test('a dependency outside the project (absolute path) is hashed like any other; an output there is refused', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'pipe-external-'));
    try {
      writeFileSync(path.join(outside, 'corpus.csv'), 'a,b\n');
      rig.write('params.yaml', `data:\n  metadata: ${outside}/corpus.csv\n`);
      rig.write('pipeline.yaml', `stages:\n  ingest:\n    cmd: ${rig.fake('ingest', 'out.txt', '${data.metadata}')}\n    deps: ['\${data.metadata}']\n    outs: [out.txt]\n`);
      const r = await rig.pipe(['repro']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(rig.read('pipeline.lock')).toContain(`path: ${outside}/corpus.csv`);
      expect((await rig.pipe(['status'])).stdout).toContain('up to date');
      writeFileSync(path.join(outside, 'corpus.csv'), 'a,b\n1,2\n');
      expect((await rig.pipe(['status'])).stdout).toContain(`dep modified: ${outside}/corpus.csv`);
      expect((await rig.pipe(['repro'])).code).toBe(0);
      expect(rig.count('ingest')).toBe(2);
      rig.write('pipeline.yaml', `stages:\n  bad:\n    cmd: echo x\n    outs: [${outside}/out.txt]\n`);
      const bad = await rig.pipe(['status']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('is outside the project');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
