// A job over its `time` ends as TIMEOUT (Slurm counts time limits in whole minutes and checks them every
// ~30 s, so these scenarios take minutes: they have their own file, and run at the same time). With
// `--retries 1` and `retry_factor`, a timed-out job is resubmitted with its time multiplied, and succeeds.
import { afterAll, describe, expect, it } from 'vitest';
import { Rig } from '../engine/rig.js';
import { slurmUnavailable, submissions, warnSkipped } from './cluster.js';

const unavailable = slurmUnavailable();
warnSkipped('Slurm TIMEOUT test', unavailable);
const rigs: Rig[] = [];
afterAll(() => rigs.forEach((r) => r.cleanup()));

describe.concurrent.skipIf(unavailable !== undefined)('a Slurm job over its time limit', () => {
  it('fails as TIMEOUT with its job id and log', async () => {
    const r = new Rig();
    rigs.push(r);
    r.write('.pipe/config.yaml', 'slurm:\n  poll_max_s: 2\n  fs_wait_s: 3\n');
    r.write('pipeline.yaml', "stages:\n  thslow:\n    cmd: sleep 600 && echo > t.txt\n    outs: [t.txt]\n    resources: {time: '0:30'}\n");
    const run = await r.pipe(['repro', '--executor', 'slurm']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Stage 'thslow' failed: Slurm job \d+ TIMEOUT; log: \.pipe\/slurm\/\S+\/0\.log/);
    expect([...submissions(r.dir).values()][0]).toContain("'--time=00:01:00'"); // 30 s rounds up to Slurm's minute
  }, 300_000);

  it('is resubmitted with retry_factor times the time under --retries, and then succeeds', async () => {
    const r = new Rig();
    rigs.push(r);
    r.write('.pipe/config.yaml', 'slurm:\n  poll_max_s: 2\n  fs_wait_s: 3\n');
    // 100 s is over the first limit (30 s, which Slurm's whole minutes make one) and well under the retried one (3 × 1 min).
    r.write('pipeline.yaml', "stages:\n  thretry:\n    cmd: sleep 100 && echo done > t.txt\n    outs: [t.txt]\n    resources: {time: '0:30', retry_factor: 3}\n");
    const run = await r.pipe(['repro', '--executor', 'slurm', '--retries', '1']);
    expect(run.stderr).toMatch(/Slurm job \d+ ended TIMEOUT; resubmitting \(retry 1 of 1\)/);
    expect(run.code).toBe(0);
    expect(r.read('t.txt')).toBe('done\n');
    const times = [...submissions(r.dir).values()].map((script) => /'--time=([\d:]+)'/.exec(script)?.[1]).sort();
    expect(times).toEqual(['00:01:00', '00:03:00']);
    const again = await r.pipe(['status']);
    expect(again.stdout).not.toMatch(/thretry/);
  }, 400_000);
});
