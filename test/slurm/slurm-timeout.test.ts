// A job over its `time` ends as TIMEOUT (Slurm counts time limits in whole minutes and checks them every
// ~30 s, so this scenario takes a minute or two: it has its own file to run beside the others). With
// `--retries 1` and `retry_factor`, the job is resubmitted once with more time before the failure is reported.
import { afterAll, describe, expect, it } from 'vitest';
import { Rig } from '../engine/rig.js';
import { slurmUnavailable, submissions, warnSkipped } from './cluster.js';

const unavailable = slurmUnavailable();
warnSkipped('Slurm TIMEOUT test', unavailable);
const rigs: Rig[] = [];
afterAll(() => rigs.forEach((r) => r.cleanup()));

describe.skipIf(unavailable !== undefined)('a Slurm job over its time limit', () => {
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
});
