// The start-up phase of Study.optimize: start-up trials run without batch barriers, with the batch mode's results.
import { describe, expect, it } from 'vitest';
import { createStudy, tpeSampler, type Sampler, type SearchSpace, type Trial } from './index.js';

const space: SearchSpace = {
  x: { type: 'float', low: -5, high: 5 },
  depth: { type: 'int', low: 1, high: 9 },
};

const score = (t: Trial): number => -(((t.params.x as number) - 1) ** 2) - Math.abs((t.params.depth as number) - 4);

/** The same sampler without `independentBelow`: optimize then runs every trial in strict batches (the old way). */
function batchOnly(sampler: Sampler): Sampler {
  return { name: sampler.name, sample: (s, h, n) => sampler.sample(s, h, n) };
}

async function run(sampler: Sampler, nTrials: number, concurrency: number, delayMs: (n: number) => number) {
  const study = createStudy({ sampler });
  const started: number[] = [];
  const finished: number[] = [];
  const told: number[] = [];
  await study.optimize(
    async (t) => {
      started.push(t.number);
      await new Promise((r) => setTimeout(r, delayMs(t.number)));
      finished.push(t.number);
      if (t.number === 2) throw new Error('trial 2 fails');
      return score(t);
    },
    { space, nTrials, concurrency, onTrialFinished: (t) => told.push(t.number) },
  );
  return { trials: study.trials.map((t) => [t.number, t.state, t.params, t.values ?? null]), started, finished, told };
}

describe('Study.optimize start-up phase', () => {
  it('gives exactly the trials of strict batches, for start-up counts on and off the batch boundary', async () => {
    for (const [nStartup, concurrency] of [[4, 2], [5, 3], [1, 4], [0, 2]] as const) {
      const delay = (n: number): number => (n % 3 === 0 ? 12 : 1);
      const free = await run(tpeSampler({ seed: 7, nStartupTrials: nStartup }), 11, concurrency, delay);
      const batched = await run(batchOnly(tpeSampler({ seed: 7, nStartupTrials: nStartup })), 11, concurrency, delay);
      expect(free.trials).toEqual(batched.trials);
      expect(free.told).toEqual(Array.from({ length: 11 }, (_, i) => i));
    }
  });

  it('starts a start-up trial as soon as a slot frees instead of waiting for its batch', async () => {
    // Trial 0 is slow: in batch mode trial 2 waits for it; in the start-up phase trials 1, 2, 3 run meanwhile.
    const delay = (n: number): number => (n === 0 ? 60 : 2);
    const free = await run(tpeSampler({ seed: 1, nStartupTrials: 6 }), 8, 2, delay);
    expect(free.finished.indexOf(3)).toBeLessThan(free.finished.indexOf(0));
    const batched = await run(batchOnly(tpeSampler({ seed: 1, nStartupTrials: 6 })), 8, 2, delay);
    expect(batched.started.indexOf(2)).toBeGreaterThan(batched.finished.indexOf(0));
    expect(free.trials).toEqual(batched.trials);
  });
});
