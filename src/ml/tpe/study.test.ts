// Study behaviour: ask/tell, failures, Pareto front, concurrent optimisation and journal resumption.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStudy, randomSampler, readJournal, tpeSampler, type SearchSpace } from './index.js';

const space: SearchSpace = {
  depth: { type: 'int', low: 3, high: 12 },
  lr: { type: 'float', low: 0.01, high: 0.3, log: true },
  n: { type: 'int', low: 100, high: 1500, log: true },
  booster: { type: 'categorical', choices: ['gbtree', 'dart'] },
  sub: { type: 'float', low: 0.5, high: 1 },
};

const objective = (p: Record<string, unknown>): number =>
  ((p.depth as number) - 5) ** 2 / 10 + Math.log((p.lr as number) / 0.05) ** 2 + ((p.sub as number) - 0.8) ** 2 +
  (p.booster === 'dart' ? 0.5 : 0) + Math.log((p.n as number) / 400) ** 2 / 10;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempJournal(): string {
  const d = mkdtempSync(join(tmpdir(), 'tpe-study-'));
  dirs.push(d);
  return join(d, 'study.jsonl');
}

describe('Study ask/tell', () => {
  it('samples values inside the space, with int and categorical types respected', () => {
    const study = createStudy({ sampler: tpeSampler({ seed: 1, nStartupTrials: 5 }) });
    for (let i = 0; i < 30; i++) {
      const t = study.ask(space);
      const p = t.params;
      expect(t.number).toBe(i);
      expect(Number.isInteger(p.depth)).toBe(true);
      expect(p.depth as number).toBeGreaterThanOrEqual(3);
      expect(p.depth as number).toBeLessThanOrEqual(12);
      expect(Number.isInteger(p.n)).toBe(true);
      expect(p.lr as number).toBeGreaterThanOrEqual(0.01);
      expect(p.lr as number).toBeLessThanOrEqual(0.3);
      expect(['gbtree', 'dart']).toContain(p.booster);
      study.tell(t, objective(p));
    }
    expect(study.bestTrial.values?.[0]).toBe(Math.min(...study.trials.map((t) => t.values?.[0] ?? Infinity)));
  });

  it('handles a fixed float parameter and a single-choice categorical', () => {
    const fixed: SearchSpace = { ...space, c: { type: 'float', low: 2, high: 2 }, k: { type: 'categorical', choices: [true] } };
    const study = createStudy({ sampler: tpeSampler({ seed: 0, nStartupTrials: 3 }) });
    for (let i = 0; i < 8; i++) {
      const t = study.ask(fixed);
      expect(t.params.c).toBe(2);
      expect(t.params.k).toBe(true);
      study.tell(t, objective(t.params));
    }
  });

  it('is reproducible for a seed', () => {
    const run = (seed: number) => {
      const s = createStudy({ sampler: tpeSampler({ seed, nStartupTrials: 5 }) });
      for (let i = 0; i < 20; i++) {
        const t = s.ask(space);
        s.tell(t, objective(t.params));
      }
      return s.trials.map((t) => t.params);
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it('records failures (explicit or NaN) and leaves them out of the best trial', () => {
    const study = createStudy({ sampler: randomSampler({ seed: 0 }) });
    const a = study.ask(space);
    expect(study.tell(a, { state: 'fail', reason: 'xgboost crashed' }).state).toBe('fail');
    const b = study.ask(space);
    expect(study.tell(b, Number.NaN).state).toBe('fail');
    const c = study.ask(space);
    study.tell(c, 1.5);
    expect(study.bestTrial.number).toBe(2);
    expect(() => study.tell(c, 1)).toThrow(RangeError);
    expect(() => study.tell(study.ask(space), [1, 2])).toThrow(RangeError);
  });

  it('returns the Pareto front of a two-objective study, maximising', () => {
    const study = createStudy({ directions: ['maximize', 'maximize'], sampler: randomSampler({ seed: 0 }) });
    const values = [[0.5, 0.5], [0.6, 0.4], [0.4, 0.4], [0.5, 0.6]];
    for (const v of values) study.tell(study.ask(space), v);
    expect(study.bestTrials.map((t) => t.number)).toEqual([1, 3]);
    expect(() => study.bestTrial).toThrow(TypeError);
  });
});

describe('Study.optimize', () => {
  it('runs trials concurrently up to the trial budget and catches objective errors', async () => {
    const study = createStudy({ directions: ['maximize', 'maximize'], sampler: tpeSampler({ seed: 0, nStartupTrials: 4 }) });
    let inFlight = 0;
    let maxInFlight = 0;
    await study.optimize(
      async (t) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        if (t.number === 3) throw new Error('boom');
        return [-objective(t.params), (t.params.sub as number)];
      },
      { space, nTrials: 16, concurrency: 4 },
    );
    expect(study.trials).toHaveLength(16);
    expect(maxInFlight).toBe(4);
    expect(study.trials[3]?.state).toBe('fail');
    expect(study.trials[3]?.failReason).toBe('boom');
    expect(study.trials.filter((t) => t.state === 'complete')).toHaveLength(15);
  });
});

describe('Study.optimize under parallel trials', () => {
  it('gives the same trials whatever order the objectives finish in, told in trial order', async () => {
    const run = async (delayMs: (n: number) => number): Promise<{ trials: unknown; told: number[] }> => {
      const study = createStudy({ directions: ['maximize', 'maximize'], sampler: tpeSampler({ seed: 3, nStartupTrials: 4 }) });
      const told: number[] = [];
      await study.optimize(
        async (t) => {
          await new Promise((r) => setTimeout(r, delayMs(t.number)));
          return [-objective(t.params), t.params.sub as number];
        },
        { space, nTrials: 14, concurrency: 3, onTrialFinished: (t) => told.push(t.number) },
      );
      return { trials: study.trials.map((t) => [t.number, t.params, t.values]), told };
    };
    const fastFirst = await run((n) => n % 3);
    const slowFirst = await run((n) => 6 - 2 * (n % 3));
    expect(slowFirst.trials).toEqual(fastFirst.trials);
    expect(fastFirst.told).toEqual(Array.from({ length: 14 }, (_, i) => i));
    expect(slowFirst.told).toEqual(fastFirst.told);
  });
});

describe('journal', () => {
  it('resumes an interrupted study without losing or changing trials', async () => {
    const path = tempJournal();
    const sampler = () => tpeSampler({ seed: 7, nStartupTrials: 5 });
    // Reference: an uninterrupted serial run of 20 trials.
    const full = createStudy({ sampler: sampler() });
    await full.optimize((t) => objective(t.params), { space, nTrials: 20 });

    // Interrupted run: 12 trials told, a 13th asked but never told (the process "died").
    const first = createStudy({ sampler: sampler(), journalPath: path });
    await first.optimize((t) => objective(t.params), { space, nTrials: 12 });
    first.ask(space);
    first.close();
    writeFileSync(path, readFileSync(path, 'utf8') + '{"op":"tell","numb'); // torn last line

    const resumed = createStudy({ sampler: sampler(), journalPath: path });
    expect(resumed.trials.filter((t) => t.state === 'complete')).toHaveLength(12);
    expect(resumed.trials[12]?.state).toBe('running');
    await resumed.optimize((t) => objective(t.params), { space, nTrials: 20 });
    resumed.close();
    expect(resumed.trials.map((t) => [t.params, t.values])).toEqual(full.trials.map((t) => [t.params, t.values]));
  });

  it('writes one line per ask and tell and refuses a journal of other directions', async () => {
    const path = tempJournal();
    const s = createStudy({ journalPath: path, sampler: randomSampler({ seed: 1 }) });
    await s.optimize(() => 1, { space, nTrials: 3 });
    s.close();
    const entries = readJournal(path);
    expect(entries.map((e) => e.op)).toEqual(['study', 'ask', 'tell', 'ask', 'tell', 'ask', 'tell']);
    expect(() => createStudy({ journalPath: path, directions: ['maximize'] })).toThrow(RangeError);
  });
});
