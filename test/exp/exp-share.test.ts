// `pipe exp push|pull`: experiments shared through a bare git repository on disk and their cached outputs through
// a folder pipe remote; the other clone lists them and `exp apply` restores their outputs without rerunning.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rig } from '../engine/rig.js';
import { git, setup } from './exp-rig.js';

interface ShowJson {
  name: string;
  params: Record<string, Record<string, unknown>>;
  metrics: Record<string, Record<string, unknown>>;
}

describe('pipe exp push / pull', () => {
  let a: Rig;
  let b: Rig; // holds the bare origin, the folder cache remote and the second clone (clone/)
  let origin: string;
  let store: string;
  beforeAll(async () => {
    a = setup();
    b = new Rig();
    origin = path.join(b.dir, 'origin.git');
    store = path.join(b.dir, 'store');
    mkdirSync(store);
    execFileSync('git', ['init', '-q', '--bare', origin]);
    expect((await a.pipe(['remote', 'add', '-d', 'store', store])).code).toBe(0);
    expect((await a.pipe(['repro'])).code).toBe(0);
    git(a, 'add', '-A');
    git(a, 'commit', '-qm', 'base');
    git(a, 'remote', 'add', 'origin', origin);
    git(a, 'push', '-q', 'origin', 'HEAD:refs/heads/main');
    const run = await a.pipe(['exp', 'run', '-S', 'lr=2,3', '--name', 'shared']);
    expect(run.code, run.stderr).toBe(0);
    execFileSync('git', ['clone', '-q', '-b', 'main', origin, path.join(b.dir, 'clone')]);
    expect((await b.pipe(['remote', 'add', '-d', 'store', store], {}, 'clone')).code).toBe(0);
  }, 60_000);
  afterAll(() => {
    a.cleanup();
    b.cleanup();
  });

  it('refuses an unknown experiment with one line, and --rev selects by base commit', async () => {
    const unknown = await a.pipe(['exp', 'push', 'origin', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe("pipe: no experiment named 'nope' (see pipe exp list)\n");
    const badRev = await a.pipe(['exp', 'push', 'origin', '--rev', 'no-such-rev']);
    expect(badRev.stderr).toBe('pipe: --rev no-such-rev: not a commit\n');
    git(a, 'commit', '-q', '--allow-empty', '-m', 'later');
    const none = await a.pipe(['exp', 'push', 'origin', '--rev', 'HEAD']); // no experiment is based on the new commit
    expect(none.stdout).toBe('No experiments to push\n');
    expect(execFileSync('git', ['for-each-ref', 'refs/exps/'], { cwd: origin, encoding: 'utf8' })).toBe('');
  });

  it('pushes refs/exps and the cached outputs; the other clone pulls, lists and applies them without rerunning', async () => {
    const push = await a.pipe(['exp', 'push', 'origin', '--rev', 'HEAD~1']);
    expect(push.code, push.stderr).toBe(0);
    expect(push.stdout).toContain('Pushed 2 experiment(s) to origin: ');
    expect(push.stdout).toMatch(/Cache: [1-9]\d* object\(s\) uploaded/);
    expect(execFileSync('git', ['for-each-ref', '--format=%(refname)', 'refs/exps/'], { cwd: origin, encoding: 'utf8' }).trim().split('\n').sort()).toEqual([
      'refs/exps/shared-1',
      'refs/exps/shared-2',
    ]);

    const before = JSON.parse((await b.pipe(['exp', 'show', '--json'], {}, 'clone')).stdout) as ShowJson[];
    expect(before.map((r) => r.name)).toEqual(['workspace']);
    const pull = await b.pipe(['exp', 'pull', 'origin'], {}, 'clone');
    expect(pull.code, pull.stderr).toBe(0);
    expect(pull.stdout).toContain('Pulled 2 experiment(s) from origin');
    expect(pull.stdout).toMatch(/Cache: [1-9]\d* object\(s\) downloaded from remote 'store'/);
    const rows = JSON.parse((await b.pipe(['exp', 'show', '--json'], {}, 'clone')).stdout) as ShowJson[];
    // with a .pipe/config.yaml in the project, each experiment still ran in its own worktree (score = lr * 10 + 2)
    expect(rows.slice(1).map((r) => [r.params['params.yaml']?.['lr'], r.metrics['metrics.json']?.['score']]).sort()).toEqual([
      [2, 22],
      [3, 32],
    ]);

    const target = rows.find((r) => r.params['params.yaml']?.['lr'] === 3)!.name;
    const apply = await b.pipe(['exp', 'apply', target], {}, 'clone');
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).not.toContain('Not in the cache');
    expect(b.read('clone/model.txt')).toBe(execFileSync('cat', ['model.txt'], { cwd: a.dir, encoding: 'utf8' }).replace('lr=1', 'lr=3'));
    expect(b.read('clone/prep.txt')).toBe(a.read('prep.txt'));
    expect(b.count('train') + b.count('prep')).toBe(0); // restored from the pulled cache, nothing ran
    expect((await b.pipe(['status', '-q'], {}, 'clone')).code).toBe(0);
  }, 60_000);

  it('an experiment of the same name that differs is refused without -f, replaced with it', async () => {
    const run = await b.pipe(['exp', 'run', '-S', 'depth=5', '--name', 'shared-1'], {}, 'clone');
    expect(run.code, run.stderr).toBe(0);
    const refused = await b.pipe(['exp', 'push', 'origin', 'shared-1'], {}, 'clone');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('pipe: git push origin: an experiment of the same name differs on the other side (use -f to overwrite it)\n');
    expect((await b.pipe(['exp', 'push', 'origin', 'shared-1', '-f'], {}, 'clone')).code).toBe(0);
    const pulled = await a.pipe(['exp', 'pull', 'origin', 'shared-1', '-f']);
    expect(pulled.code, pulled.stderr).toBe(0);
    const row = (JSON.parse((await a.pipe(['exp', 'show', '--json'])).stdout) as ShowJson[]).find((r) => r.name === 'shared-1');
    expect(row?.metrics['metrics.json']?.['score']).toBe(35); // the clone's workspace had lr=3 applied
  }, 60_000);

  it('a second pull finds nothing new; pulling an experiment the remote lacks is one line', async () => {
    expect((await b.pipe(['exp', 'pull', 'origin'], {}, 'clone')).stdout).toBe('No new experiments on origin\n');
    const missing = await b.pipe(['exp', 'pull', 'origin', 'nope', '--no-cache'], {}, 'clone');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^pipe: git fetch origin: couldn't find remote ref refs\/exps\/nope\n$/);
  });
});
