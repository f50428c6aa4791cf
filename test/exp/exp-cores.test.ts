// `pipe exp run -j N` and the core budget agree: each experiment's repro gets budget / N cores, and the stages
// inside it reserve their resources.cpus within that share (told to them in PIPE_CPUS).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rig } from '../engine/rig.js';
import { committedBase, gitProject } from './exp-rig.js';

const PIPELINE = `stages:
  train:
    cmd: echo "cpus train $PIPE_CPUS" >> "$RIG_LOG" && cat params.yaml > model.txt
    params: [lr]
    outs: [model.txt]
    resources: {cpus: 8}
  report:
    cmd: echo "cpus report $PIPE_CPUS" >> "$RIG_LOG" && cat model.txt > report.txt
    deps: [model.txt]
    outs: [report.txt]
`;

describe('pipe exp run shares the core budget', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await committedBase(gitProject({
      'pipeline.yaml': PIPELINE,
      'params.yaml': 'lr: 1\n',
      '.gitignore': '.pipe/\ncache/\nmodel.txt\nreport.txt\n.rig-log\npipeline.lock\n',
    }));
  });
  afterAll(() => rig.cleanup());

  it('gives each of 2 experiments half of PIPE_CPUS=4, and a stage asking 8 cores gets that share', async () => {
    rig.remove('.rig-log');
    const r = await rig.pipe(['exp', 'run', '-S', 'lr=2,3', '-j', '2'], { PIPE_CPUS: '4' });
    expect(r.code, r.stderr).toBe(0);
    const seen = rig.events().filter((e) => e.startsWith('cpus ')).sort();
    // train reserves min(8, share 2); report declares no cpus and its repro runs -j 2: 1 core
    expect(seen).toEqual(['cpus report 1', 'cpus report 1', 'cpus train 2', 'cpus train 2']);
  });
});
