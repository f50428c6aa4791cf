// `pipe exp`: a parallel sweep in isolated worktrees sharing the cache, recorded in refs/exps; the workspace
// untouched; unchanged stages restored, not rerun; interruption; apply; show --json.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rig } from '../engine/rig.js';
import { committedBase, git, PIPE_BIN } from './exp-rig.js';

interface ShowJson {
  name: string;
  params: Record<string, Record<string, unknown>>;
  metrics: Record<string, Record<string, unknown>>;
}

async function show(rig: Rig): Promise<ShowJson[]> {
  const r = await rig.pipe(['exp', 'show', '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ShowJson[];
}

describe('pipe exp run', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await committedBase();
  });
  afterAll(() => rig.cleanup());

  it('runs a 4-point grid with -j 2, restoring the unchanged stage, leaving the workspace untouched', async () => {
    const before = ['params.yaml', 'pipeline.lock', 'metrics.json', 'model.txt'].map((f) => rig.read(f));
    rig.remove('.rig-log');
    const r = await rig.pipe(['exp', 'run', '-S', 'lr=2,3', '-S', 'depth=range(4, 6)', '-j', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(['params.yaml', 'pipeline.lock', 'metrics.json', 'model.txt'].map((f) => rig.read(f))).toEqual(before);
    expect(rig.count('train')).toBe(4);
    expect(rig.count('prep')).toBe(0); // restored from the shared cache in every worktree
    expect(r.stdout).toContain("didn't change since an earlier run");
    const rows = await show(rig);
    expect(rows[0]?.name).toBe('workspace');
    const results = rows.slice(1).map((e) => [e.params['params.yaml']?.['lr'], e.params['params.yaml']?.['depth'], e.metrics['metrics.json']?.['score']]);
    expect(results.sort()).toEqual([[2, 4, 24], [2, 5, 25], [3, 4, 34], [3, 5, 35]]);
    expect(git(rig, 'for-each-ref', '--format=%(refname)', 'refs/exps/').trim().split('\n')).toHaveLength(4);
    expect(git(rig, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  }, 120_000);

  it('gives each of the 4 experiments the same result as running its params alone in the workspace', async () => {
    const rows = (await show(rig)).slice(1);
    expect(rows).toHaveLength(4);
    const original = rig.read('params.yaml');
    try {
      for (const e of rows) {
        const lr = e.params['params.yaml']?.['lr'];
        const depth = e.params['params.yaml']?.['depth'];
        rig.write('params.yaml', `lr: ${String(lr)} # learning rate\ndepth: ${String(depth)}\n`);
        expect((await rig.pipe(['repro'])).code).toBe(0);
        expect(e.metrics['metrics.json']).toEqual(JSON.parse(rig.read('metrics.json')));
        // the same output bytes: the experiment's lock records the hash of the model.txt built here
        const recorded = git(rig, 'show', `refs/exps/${e.name}:pipeline.lock`);
        const hashOf = (lock: string): string | undefined => /- path: model\.txt\n\s+\w+: (\w+)/.exec(lock)?.[1];
        expect(hashOf(recorded)).toBeDefined();
        expect(hashOf(recorded)).toBe(hashOf(rig.read('pipeline.lock')));
      }
    } finally {
      rig.write('params.yaml', original);
      expect((await rig.pipe(['repro'])).code).toBe(0);
    }
  }, 120_000);

  it('exp apply brings params and byte-identical outputs into the workspace, restored not rerun', async () => {
    const rows = await show(rig);
    const target = rows.find((e) => e.params['params.yaml']?.['lr'] === 2 && e.params['params.yaml']?.['depth'] === 5)!;
    rig.remove('.rig-log');
    const r = await rig.pipe(['exp', 'apply', target.name]);
    expect(r.code, r.stderr).toBe(0);
    expect(rig.read('params.yaml')).toBe('lr: 2 # learning rate\ndepth: 5\n');
    expect(rig.read('model.txt')).toBe('model lr=2 depth=5 data\n');
    expect(JSON.parse(rig.read('metrics.json'))).toEqual({ score: 25 });
    expect(rig.count('train')).toBe(0);
    expect((await rig.pipe(['status', '-q'])).code).toBe(0);
    const commit = git(rig, 'rev-parse', `refs/exps/${target.name}`).trim();
    expect(readFileSync(path.join(rig.dir, 'pipeline.lock'))).toEqual(execFileSync('git', ['show', `${commit}:pipeline.lock`], { cwd: rig.dir }));
  }, 60_000);

  it('refuses an unknown param or a bad sweep with one line, queueing nothing', async () => {
    const unknown = await rig.pipe(['exp', 'run', '-S', 'nope=1']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe("pipe: params.yaml: no param 'nope' to set (-S sets existing params only)\n");
    const bad = await rig.pipe(['exp', 'run', '-S', 'lr=range(1)']);
    expect(bad.stderr).toBe('pipe: -S lr=range(1): range() takes 2 or 3 numbers\n');
    expect((await rig.pipe(['exp', 'list'])).stdout).not.toContain('queued');
  });

  it('exp show sorts, filters differing params, and prints CSV', async () => {
    const r = await rig.pipe(['exp', 'show', '--csv', '--sort-by', 'score', '--sort-order', 'asc']);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('Experiment,Created,score,lr,depth');
    expect(lines.slice(2).map((l) => l.split(',')[2])).toEqual(['24', '25', '34', '35']);
    const name = (await show(rig)).find((e) => e.metrics['metrics.json']?.['score'] === 34)!.name;
    const diff = await rig.pipe(['exp', 'diff', 'workspace', name, '--csv']);
    expect(diff.stdout.split('\n')[0]).toBe('Experiment,Created,score,lr,depth');
    // metrics/params diff accept experiment names (git revisions resolved through refs/exps/<name>)
    const metrics = JSON.parse((await rig.pipe(['metrics', 'diff', name, '--json'])).stdout) as Record<string, Record<string, { old: unknown }>>;
    expect(metrics['metrics.json']?.['score']?.old).toBe(34);
    const params = JSON.parse((await rig.pipe(['params', 'diff', name, '--json'])).stdout) as Record<string, Record<string, { old: unknown }>>;
    expect(params['params.yaml']?.['lr']?.old).toBe(3);
    expect((await rig.pipe(['exp', 'show', '--sort-by', 'nope'])).stderr).toMatch(/^pipe: --sort-by nope: no such metric or param/);
  });

  it('exp show --filter keeps matching experiments; a bad filter is one line', async () => {
    const r = await rig.pipe(['exp', 'show', '--csv', '--filter', 'metrics.score>=25', '--filter', 'params.lr=3', '--sort-by', 'score', '--sort-order', 'asc']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').slice(2).map((l) => l.split(',')[2])).toEqual(['34', '35']);
    const bad = await rig.pipe(['exp', 'show', '--filter', 'score>>1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe("pipe: --filter 'score>>1': '>' needs a number, got '>1'\n");
  });

  it('exp show lists the deps whose hash differs from the workspace lock', async () => {
    expect((await rig.pipe(['exp', 'show', '--csv'])).stdout.split('\n')[0]).not.toContain('Changed deps');
    rig.write('prep.sh', 'echo "start prep" >> "$RIG_LOG"; echo data2 > prep.txt\n');
    expect((await rig.pipe(['repro'])).code).toBe(0);
    const lines = (await rig.pipe(['exp', 'show', '--csv'])).stdout.trim().split('\n');
    expect(lines[0]).toBe('Experiment,Created,score,lr,depth,Changed deps');
    expect(lines[1]?.endsWith(',-')).toBe(true); // the workspace is the baseline
    for (const l of lines.slice(2)) expect(l.endsWith(',prep.sh prep.txt')).toBe(true);
    const json = JSON.parse((await rig.pipe(['exp', 'show', '--json'])).stdout) as { changedDeps: string[] }[];
    expect(json.slice(1).every((e) => e.changedDeps.join(' ') === 'prep.sh prep.txt')).toBe(true);
  }, 60_000);
});

describe('interrupting a sweep', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await committedBase();
  });
  afterAll(() => rig.cleanup());

  it('keeps finished experiments recorded and the rest queued, re-runnable with --run-all', async () => {
    expect((await rig.pipe(['exp', 'run', '--queue', '-S', 'depth=7,8,9'])).code).toBe(0);
    const child = rig.spawn(['exp', 'run', '--run-all', '-j', '1'], { SLEEP_S: '1' });
    const done = new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
    const deadline = Date.now() + 60_000;
    while (git(rig, 'for-each-ref', 'refs/exps/').trim() === '' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGINT');
    expect(await done).toBe(130);
    const recorded = git(rig, 'for-each-ref', 'refs/exps/').trim().split('\n').length;
    expect(recorded).toBeGreaterThanOrEqual(1);
    expect(recorded).toBeLessThan(3);
    const list = (await rig.pipe(['exp', 'list'])).stdout;
    expect(list.split('\n').filter((l) => l.endsWith('\tqueued'))).toHaveLength(3 - recorded);
    expect(git(rig, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
    const rest = await rig.pipe(['exp', 'run', '--run-all', '-j', '2']);
    expect(rest.code, rest.stderr).toBe(0);
    const scores = (await show(rig)).slice(1).map((e) => e.metrics['metrics.json']?.['score']).sort();
    expect(scores).toEqual([17, 18, 19]);
  }, 120_000);
});

/** Pids of live processes whose working directory is inside `dir` (Linux /proc; empty elsewhere). */
function processesIn(dir: string): number[] {
  if (!existsSync('/proc')) return [];
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readlinkSync(`/proc/${p}/cwd`).startsWith(dir);
      } catch {
        return false; // gone, or not ours to read
      }
    })
    .map(Number);
}

describe('killing a sweep with SIGKILL', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await committedBase();
  });
  afterAll(() => rig.cleanup());

  it('leaves finished experiments recorded, no process behind, and the rest re-runnable with pipe queue start', async () => {
    expect((await rig.pipe(['exp', 'run', '--queue', '-S', 'depth=7,8,9'])).code).toBe(0);
    const status = await rig.pipe(['queue', 'status']);
    expect(status.stdout.trim().split('\n').map((l) => l.split('\t').slice(2, 4).join(' '))).toEqual([
      'queued params.yaml:depth=7',
      'queued params.yaml:depth=8',
      'queued params.yaml:depth=9',
    ]);
    // the sweep runs as its own process group, as a shell job would; the whole group is killed at once
    const child = spawn(process.execPath, [PIPE_BIN, 'exp', 'run', '--run-all', '-j', '1'], {
      cwd: rig.dir,
      env: { ...process.env, RIG_LOG: rig.log, SLOW_DEPTH: '8' }, // depth=7 is recorded quickly, depth=8 would run a minute
      stdio: 'ignore',
      detached: true,
    });
    const done = new Promise<string | null>((resolve) => child.on('close', (_c, signal) => resolve(signal)));
    const deadline = Date.now() + 60_000;
    const trainsBefore = rig.count('train');
    // kill once depth=7 is recorded and depth=8's (minute-long) train has started
    while ((git(rig, 'for-each-ref', 'refs/exps/').trim() === '' || rig.count('train') < trainsBefore + 2) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(processesIn(path.join(rig.dir, '.pipe', 'exps')).length).toBeGreaterThan(0);
    process.kill(-child.pid!, 'SIGKILL');
    expect(await done).toBe('SIGKILL');
    const recorded = git(rig, 'for-each-ref', 'refs/exps/').trim().split('\n').length;
    expect(recorded).toBeGreaterThanOrEqual(1);
    expect(recorded).toBeLessThan(3);
    // the child repro (its own process group) and its stage are ended by their watchdogs, not left running
    const exps = path.join(rig.dir, '.pipe', 'exps');
    const until = Date.now() + 20_000; // watchdog → repro SIGTERM → stage grace (3 s); the stage itself sleeps 60 s
    while (processesIn(exps).length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(processesIn(exps)).toEqual([]);
    const queued = (await rig.pipe(['queue', 'status'])).stdout.trim().split('\n');
    expect(queued).toHaveLength(3 - recorded);

    const rest = await rig.pipe(['queue', 'start', '-j', '2']);
    expect(rest.code, rest.stderr).toBe(0);
    const scores = (await show(rig)).slice(1).map((e) => e.metrics['metrics.json']?.['score']).sort();
    expect(scores).toEqual([17, 18, 19]);
    expect((await rig.pipe(['queue', 'status'])).stdout).toBe('No queued experiments\n');
    expect(git(rig, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  }, 120_000);

  it('queue remove drops queued entries only; an unknown name is one line', async () => {
    expect((await rig.pipe(['exp', 'run', '--queue', '-S', 'lr=5', '--name', 'later'])).code).toBe(0);
    expect((await rig.pipe(['queue', 'remove', 'nope'])).stderr).toBe("pipe: no queued experiment named 'nope' (see pipe queue status)\n");
    expect((await rig.pipe(['queue', 'remove', 'later'])).stdout).toBe('Removed later from the queue\n');
    expect((await rig.pipe(['queue', 'status'])).stdout).toBe('No queued experiments\n');
    expect(git(rig, 'for-each-ref', 'refs/exps/').trim().split('\n')).toHaveLength(3);
  });
});
