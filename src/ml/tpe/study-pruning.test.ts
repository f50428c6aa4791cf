// Study.optimize with a pruner: pruned trials in the sampler (Optuna's TPE split), plans that do not depend on
// timing, and journal resumption of a search with pruned trials.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../../util/random.js';
import {
  createStudy, medianPruner, PruneTracker, readJournal, successiveHalvingPruner, tpeSampler,
  type ObjectiveResult, type Pruner, type SamplerTrial, type SearchSpace, type Trial, type TrialContext,
} from './index.js';
import { sampleAllUniform } from './sampler.js';
import { splitPrunedTrials } from './split.js';

const space: SearchSpace = {
  lr: { type: 'float', low: 0.01, high: 1, log: true },
  depth: { type: 'int', low: 1, high: 8 },
};
const dir = mkdtempSync(join(tmpdir(), 'tpe-pruning-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A learning curve from the params (loss falls towards a floor set by depth, at a speed set by lr), 30 steps. */
function curveOf(t: Trial): number[] {
  const lr = t.params.lr as number;
  const floor = 0.2 + Math.abs((t.params.depth as number) - 5) * 0.1;
  return Array.from({ length: 30 }, (_, s) => floor + Math.exp(-lr * (s + 1)));
}

/** The objective of these tests: reports the curve step by step until the plan prunes it; two maximised values. */
async function objective(t: Trial, { prunePlan }: TrialContext, delayMs: number): Promise<ObjectiveResult> {
  await new Promise((r) => setTimeout(r, delayMs));
  const tracker = new PruneTracker(prunePlan);
  const curve = curveOf(t);
  const intermediate: number[] = [];
  for (const [step, value] of curve.entries()) {
    intermediate.push(value);
    if (tracker.stopsAfter(step, value)) return { state: 'pruned', intermediate };
  }
  return { values: [1 - curve.at(-1)!, -(t.params.depth as number)], intermediate };
}

async function search(pruner: Pruner, delay: (n: number) => number, journalPath?: string, nTrials = 16) {
  const study = createStudy({
    directions: ['maximize', 'maximize'], sampler: tpeSampler({ seed: 3, nStartupTrials: 4 }), pruner, ...(journalPath ? { journalPath } : {}),
  });
  await study.optimize((t, c) => objective(t, c, delay(t.number)), { space, nTrials, concurrency: 2 });
  study.close();
  return study.trials;
}

describe('pruned trials in the TPE sampler', () => {
  it("orders pruned trials as Optuna's _get_pruned_trial_score: later last step first, then lower value there", () => {
    const curves = [[0.9, 0.8], [0.7], [0.9, 0.5], [], [0.95, 0.8], [0.6, Number.NaN]];
    // Scores: (−1, 0.8), (0, 0.7), (−1, 0.5), (1, 0), (−1, 0.8), (−1, ∞): best first 2, 0, 4, 5, 1, 3.
    expect(splitPrunedTrials(curves, 3)).toEqual({ below: [0, 2, 4], above: [1, 3, 5] });
    expect(splitPrunedTrials(curves, 0)).toEqual({ below: [], above: [0, 1, 2, 3, 4, 5] });
  });

  it('counts pruned trials towards n_startup_trials, as Optuna does', () => {
    const sampler = tpeSampler({ seed: 5, nStartupTrials: 3 });
    const history: SamplerTrial[] = [
      { number: 0, params: { lr: 0.1, depth: 3 }, losses: Float64Array.of(0.3, 0.4) },
      { number: 1, params: { lr: 0.5, depth: 6 }, losses: new Float64Array(0), state: 'pruned', intermediate: [0.9] },
    ];
    expect(sampler.sample(space, history, 2)).toEqual(sampleAllUniform(space, new Rng(5, 2)));
    const more = [...history, { number: 2, params: { lr: 0.02, depth: 1 }, losses: new Float64Array(0), state: 'pruned' as const, intermediate: [0.8, 0.7] }];
    expect(sampler.sample(space, more, 3)).not.toEqual(sampleAllUniform(space, new Rng(5, 3)));
  });

  it('puts pruned trials above while complete trials fill the below group (as worse-than-all complete trials)', () => {
    const rng = new Rng(11);
    const history: SamplerTrial[] = Array.from({ length: 14 }, (_, i) => ({
      number: i, params: { lr: rng.uniform(0.01, 0.9), depth: 1 + Math.floor(rng.uniform(0, 8)) },
      losses: i % 3 === 2 ? new Float64Array(0) : Float64Array.of(rng.uniform(0, 1), rng.uniform(0, 1)),
      ...(i % 3 === 2 ? { state: 'pruned' as const, intermediate: [1, 0.9] } : {}),
    }));
    // gamma(14) = 2 ≤ 10 complete trials: below is complete only; a dominated-by-all complete trial in place of each
    // pruned one lands above too, with the same weights, so the proposal is the same.
    const asWorst = history.map((t) => (t.state === 'pruned' ? { number: t.number, params: t.params, losses: Float64Array.of(5, 5) } : t));
    const sampler = tpeSampler({ seed: 2, nStartupTrials: 4 });
    expect(sampler.sample(space, history, 14)).toEqual(sampler.sample(space, asWorst, 14));
    const allPrunedButOne = history.map((t, i) => (i === 0 ? t : { number: t.number, params: t.params, losses: new Float64Array(0), state: 'pruned' as const, intermediate: [1, 1 - i / 100] }));
    const proposal = sampler.sample(space, allPrunedButOne, 14); // below: trial 0 and the best pruned one
    expect(proposal.lr as number).toBeGreaterThanOrEqual(0.01);
  });
});

describe('Study.optimize with a pruner', () => {
  it('prunes bad trials, keeps their curves, and gives the same trials whatever the timing', async () => {
    for (const pruner of [medianPruner({ nStartupTrials: 2 }), successiveHalvingPruner({ minResource: 1, reductionFactor: 3 })]) {
      const slowEven = await search(pruner, (n) => (n % 2 === 0 ? 8 : 0));
      const slowOdd = await search(pruner, (n) => (n % 2 === 1 ? 8 : 0));
      expect(slowOdd).toEqual(slowEven);
      const prunedTrials = slowEven.filter((t) => t.state === 'pruned');
      expect(prunedTrials.length).toBeGreaterThan(0);
      expect(slowEven.filter((t) => t.state === 'complete').length).toBeGreaterThan(4);
      for (const t of prunedTrials) {
        expect(t.values).toBeUndefined();
        expect(t.intermediate!.length).toBeLessThan(30);
        expect(t.intermediate).toEqual(curveOf(t).slice(0, t.intermediate!.length));
      }
    }
  });

  it('judges a trial only against the trials before its batch', async () => {
    const seenSizes: number[] = [];
    const spy: Pruner = { name: 'spy', plan: (seen) => (seenSizes.push(seen.length), null) };
    await search(spy, () => 0, undefined, 9);
    expect(seenSizes.sort((a, b) => a - b)).toEqual([0, 0, 2, 2, 4, 4, 6, 6, 8]);
  });

  it('resumes an interrupted search with pruned trials exactly as an uninterrupted one', async () => {
    const pruner = medianPruner({ nStartupTrials: 2 });
    const whole = join(dir, 'whole.jsonl');
    const full = await search(pruner, () => 0, whole);
    const entries = readJournal(whole);
    expect(entries.some((e) => e.op === 'tell' && e.state === 'pruned')).toBe(true);
    // Cut the journal as crashes leave it: trials asked below `askedBelow`, told below `toldBelow` — a whole batch
    // running (10, 11), half a batch told (10 told, 11 not), and in the start-up phase (3 running, 0–2 told).
    const lines = readFileSync(whole, 'utf8').trimEnd().split('\n');
    for (const [toldBelow, askedBelow] of [[10, 12], [11, 12], [3, 4]] as const) {
      const cut = lines.filter((l) => {
        const e = JSON.parse(l) as { op: string; number?: number };
        return !(e.op === 'tell' && (e.number ?? 0) >= toldBelow) && !(e.op === 'ask' && (e.number ?? 0) >= askedBelow);
      });
      const partial = join(dir, `partial-${toldBelow}.jsonl`);
      writeFileSync(partial, `${cut.join('\n')}\n`);
      expect(await search(pruner, () => 0, partial)).toEqual(full);
    }
  });

  it('reads curves back from the journal (NaN written as null) and rejects a pruned line without one', () => {
    const path = join(dir, 'curves.jsonl');
    const head = '{"op":"study","version":1,"directions":["minimize"]}\n{"op":"ask","number":0,"params":{"depth":3}}\n';
    writeFileSync(path, `${head}{"op":"tell","number":0,"state":"pruned","intermediate":[0.9,null]}\n`);
    expect(readJournal(path)[2]).toEqual({ op: 'tell', number: 0, state: 'pruned', intermediate: [0.9, Number.NaN] });
    const study = createStudy({ journalPath: path });
    expect(study.trials[0]).toMatchObject({ state: 'pruned', intermediate: [0.9, Number.NaN] });
    study.close();
    writeFileSync(path, `${head}{"op":"tell","number":0,"state":"pruned"}\n`);
    expect(() => readJournal(path)).toThrow(`${path}:3: not a journal entry`);
  });

  it('leaves a study without a pruner unchanged: no intermediate values, nothing pruned', async () => {
    const study = createStudy({ directions: ['maximize', 'maximize'], sampler: tpeSampler({ seed: 3, nStartupTrials: 4 }) });
    const plans: unknown[] = [];
    await study.optimize((t, c) => (plans.push(c.prunePlan), [1 - curveOf(t).at(-1)!, -(t.params.depth as number)]), { space, nTrials: 6, concurrency: 2 });
    expect(plans).toEqual([null, null, null, null, null, null]);
    expect(study.trials.every((t) => t.state === 'complete' && t.intermediate === undefined)).toBe(true);
  });
});
