// The Slurm executor against the real Slurm of test/slurm/start-cluster.sh (slurmctld + slurmd on this host):
// dependencies and a foreach as one job array, the same lock as a local run, a no-op that submits nothing,
// typed failures, submission errors, memory limits where enforced, Ctrl-C, reattaching and `pipe cancel`.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, Rig, waitFor } from '../engine/rig.js';
import { activeJobs, memoryEnforced, slurmUnavailable, submissions, warnSkipped } from './cluster.js';

const unavailable = slurmUnavailable();
warnSkipped('Slurm scenario tests', unavailable);

const CONFIG = 'slurm:\n  poll_max_s: 1\n  fs_wait_s: 3\n';
const rigs: Rig[] = [];
function rig(): Rig {
  const r = new Rig();
  rigs.push(r);
  r.write('.pipe/config.yaml', CONFIG);
  return r;
}

afterAll(() => {
  for (const r of rigs) r.cleanup();
});

const FOREACH = `stages:
  saprep:
    cmd: mkdir -p out && echo base > out/base.txt
    outs: [out/base.txt]
  saitem:
    foreach: \${items}
    do:
      cmd: cat out/base.txt > out/item-\${item}.txt && echo \${item} >> out/item-\${item}.txt && echo wrote \${item}
      deps: [out/base.txt]
      outs:
        - out/item-\${item}.txt
      resources:
        cpus: 1
        mem: 64M
        time: '\${limits.minutes}'
  satotal:
    cmd: mkdir -p res && cat out/item-*.txt > res/total.txt
    deps: [out]
    outs: [res/total.txt]
`;

describe.skipIf(unavailable !== undefined)('pipe repro --executor slurm (real Slurm on this host)', { timeout: 300_000 }, () => {
  it('runs dependencies and a 20-item foreach as ONE job array, with the lock of a local run; a no-op submits nothing', async () => {
    const r = rig();
    r.write('params.yaml', `items: [${Array.from({ length: 20 }, (_, i) => i + 1).join(', ')}]\nlimits: {minutes: 5}\n`);
    r.write('pipeline.yaml', FOREACH);
    const local = mkdtempSync(path.join(tmpdir(), 'pipe-slurm-local-'));
    cpSync(r.dir, local, { recursive: true });

    const run = await r.pipe(['repro', '--executor', 'slurm', '-j', '4']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\[saitem@7\] wrote 7/);
    const subs = [...submissions(r.dir).values()];
    expect(subs).toHaveLength(3); // saprep, the array, satotal
    const arrays = subs.filter((s) => s.includes('--array='));
    expect(arrays).toHaveLength(1);
    expect(arrays[0]).toContain("'--array=0-19%4'");
    expect(arrays[0]).toContain("'--mem=64M'");
    expect(arrays[0]).toContain("'--time=00:05:00'"); // templated from params
    expect(r.read('res/total.txt').split('\n').filter((l) => l === 'base')).toHaveLength(20);

    const localRun = await collect(new Rig().spawn(['repro'], {}, path.relative(new Rig().dir, local)));
    expect(localRun.code).toBe(0);
    expect(r.read('pipeline.lock')).toBe(readFileSync(path.join(local, 'pipeline.lock'), 'utf8'));
    rmSync(local, { recursive: true, force: true });

    const again = await r.pipe(['repro', '--executor', 'slurm']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Everything is up to date');
    expect(submissions(r.dir).size).toBe(3);

    // asking for more memory does not make a stage stale
    r.write('params.yaml', `items: [${Array.from({ length: 20 }, (_, i) => i + 1).join(', ')}]\nlimits: {minutes: 9}\n`);
    const status = await r.pipe(['status']);
    expect(status.stdout).toContain('Pipeline is up to date');
  });

  it('reports a failing job in one line with stage, job id and log, records nothing for it, and -k runs the rest', async () => {
    const r = rig();
    r.write(
      'pipeline.yaml',
      `stages:
  sbbad:
    cmd: [echo first, 'echo oops >&2; exit 3']
    outs: [bad.txt]
  sbgood:
    cmd: echo fine > good.txt
    outs: [good.txt]
  sbafter:
    cmd: cat bad.txt > after.txt
    deps: [bad.txt]
    outs: [after.txt]
`,
    );
    const run = await r.pipe(['repro', '--executor', 'slurm', '-k']);
    expect(run.code).toBe(1);
    const line = run.stderr.split('\n').find((l) => l.includes("Stage 'sbbad' failed"));
    expect(line).toMatch(/Slurm job \d+ FAILED with exit code 3 in 'echo oops >&2; exit 3'; log: \.pipe\/slurm\/runs\/[^/]+\/\d+-sbbad\/0\.log$/);
    expect(run.stdout).toContain('[sbbad] oops');
    expect(r.exists('good.txt')).toBe(true);
    expect(r.read('pipeline.lock')).toContain('sbgood');
    expect(r.read('pipeline.lock')).not.toContain('sbbad');
    expect(run.stderr).toContain("Stage 'sbafter' skipped");
  });

  it('turns a refused submission (unknown partition) into one line', async () => {
    const r = rig();
    r.write('pipeline.yaml', 'stages:\n  scpart:\n    cmd: echo x > x.txt\n    outs: [x.txt]\n    resources: {partition: no-such-partition}\n');
    const run = await r.pipe(['repro', '--executor', 'slurm']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Stage 'scpart' failed: submission failed: sbatch: error: .*partition/i);
  });

  it('keeps `executor: local` stages on this host', async () => {
    const r = rig();
    r.write('pipeline.yaml', 'stages:\n  sdhere:\n    cmd: echo "$SLURM_JOB_ID" > where.txt\n    outs: [where.txt]\n    executor: local\n');
    const run = await r.pipe(['repro', '--executor', 'slurm']);
    expect(run.code).toBe(0);
    expect(r.read('where.txt').trim()).toBe('');
    expect(submissions(r.dir).size).toBe(0);
  });

  it.skipIf(!memoryEnforced())('reports OUT_OF_MEMORY for a job over its mem', async () => {
    const r = rig();
    r.write(
      'pipeline.yaml',
      `stages:
  seoom:
    cmd: node -e "const a = []; for (let i = 0; i < 40; i++) { a.push(Buffer.alloc(16 << 20, 1)); } setTimeout(() => {}, 20000)"
    outs: [never.txt]
    resources: {mem: 60M}
`,
    );
    const run = await r.pipe(['repro', '--executor', 'slurm']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Stage 'seoom' failed: Slurm job \d+ OUT_OF_MEMORY; log: \.pipe\/slurm\/\S+\/0\.log/);
  });

  it('cancels every job of the run on SIGINT and exits 130 with the lock consistent', async () => {
    const r = rig();
    r.write('params.yaml', 'n: [1, 2, 3]\n');
    r.write(
      'pipeline.yaml',
      `stages:
  sfquick:
    cmd: echo q > q.txt
    outs: [q.txt]
  sfslow:
    foreach: \${n}
    do:
      cmd: sleep 120 && echo \${item} > s\${item}.txt
      deps: [q.txt]
      outs:
        - s\${item}.txt
`,
    );
    const child = r.spawn(['repro', '--executor', 'slurm', '-j', '2']);
    const done = collect(child);
    await waitFor(() => activeJobs(['sfslow']).some((j) => j.endsWith('|RUNNING')), 'the array to run', 180_000);
    child.kill('SIGINT');
    const run = await done;
    expect(run.code).toBe(130);
    expect(activeJobs(['sfslow', 'sfquick'])).toEqual([]);
    expect(r.read('pipeline.lock')).toContain('sfquick');
    expect(r.read('pipeline.lock')).not.toContain('sfslow');
    expect(JSON.parse(r.read('.pipe/slurm/jobs.json'))).toEqual({ jobs: {} });
  });

  it('reattaches to the jobs of a killed submitting process instead of submitting again; pipe cancel cancels them', async () => {
    const r = rig();
    r.write('pipeline.yaml', 'stages:\n  sgwait:\n    cmd: sleep 4 && echo done > w.txt\n    outs: [w.txt]\n  sghang:\n    cmd: sleep 300 && echo > h.txt\n    outs: [h.txt]\n');
    const first = r.spawn(['repro', '--executor', 'slurm', 'sgwait']);
    const firstDone = collect(first);
    await waitFor(() => r.exists('.pipe/slurm/jobs.json') && r.read('.pipe/slurm/jobs.json').includes('sgwait'), 'the job record');
    first.kill('SIGKILL'); // as a closed SSH session would leave it: no chance to cancel
    await firstDone;
    const again = await r.pipe(['repro', '--executor', 'slurm', 'sgwait']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/reattached to Slurm job \d+/);
    expect(submissions(r.dir).size).toBe(1);
    expect(r.read('w.txt').trim()).toBe('done');

    const hang = r.spawn(['repro', '--executor', 'slurm', 'sghang']);
    const hangDone = collect(hang);
    await waitFor(() => r.read('.pipe/slurm/jobs.json').includes('sghang'), 'the job record');
    hang.kill('SIGKILL');
    await hangDone;
    expect(activeJobs(['sghang'])).toHaveLength(1);
    const cancel = await r.pipe(['cancel']);
    expect(cancel.code).toBe(0);
    expect(cancel.stdout).toMatch(/Cancelled 1 Slurm job/);
    expect(activeJobs(['sghang'])).toEqual([]);
  });
});
