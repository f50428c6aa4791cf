// A study: ask/tell over a search space with a sampler, an optional pruner, concurrent optimisation and an
// optional resumable journal.
import { JournalWriter, readJournal, type Direction, type JournalEntry } from './journal.js';
import { dominates } from './pareto.js';
import type { PrunePlan, Pruner, PrunerTrial } from './pruner.js';
import type { Sampler, SamplerTrial } from './sampler.js';
import { validateSpace, type Params, type SearchSpace } from './space.js';
import { tpeSampler } from './tpe-sampler.js';

export type TrialState = 'running' | 'complete' | 'pruned' | 'fail';

/** A trial handed out by `ask`: its number and parameters. */
export interface Trial {
  readonly number: number;
  readonly params: Params;
}

/** A trial with its outcome. `values` are as the objective returned them (not sign-flipped). */
export interface FrozenTrial extends Trial {
  readonly state: TrialState;
  readonly values?: readonly number[];
  readonly failReason?: string;
  /** Intermediate values (minimised) at steps 0, 1, …, when the objective reported them (always for 'pruned'). */
  readonly intermediate?: readonly number[];
}

export interface StudyOptions {
  /** One direction per objective; default ['minimize']. */
  directions?: readonly Direction[];
  /** Default tpeSampler({ seed: 0 }). */
  sampler?: Sampler;
  /** Append-only JSON-lines journal; when it exists the study resumes from it. Default: in memory only. */
  journalPath?: string;
  /** Makes each trial's stopping plan in `optimize` (see pruner.ts); default none. */
  pruner?: Pruner;
}

/** A trial's outcome with its intermediate values: complete with value(s), or pruned (no values). */
export type CurveOutcome =
  | { readonly values: number | readonly number[]; readonly intermediate: readonly number[] }
  | { readonly state: 'pruned'; readonly intermediate: readonly number[] };

/** What `tell` accepts: the objective value(s), a curve outcome, or a failure. NaN values count as a failure. */
export type TellValue = number | readonly number[] | CurveOutcome | { readonly state: 'fail'; readonly reason?: string };

export interface OptimizeOptions {
  readonly space: SearchSpace;
  /** Run until the study holds this many trials in total (those resumed from the journal included). */
  readonly nTrials: number;
  /** Objective calls in flight at once (trials asked per batch); default 1. */
  readonly concurrency?: number;
  /** Called after each trial is told. */
  readonly onTrialFinished?: (trial: FrozenTrial) => void;
}

/** What an objective returns: the value(s) of a trial, or a curve outcome (complete or pruned). */
export type ObjectiveResult = number | readonly number[] | CurveOutcome;

/** What `optimize` hands an objective beside the trial: its stopping plan (null: run to the end). */
export interface TrialContext {
  readonly prunePlan: PrunePlan | null;
}

/** An objective: the outcome of a trial; a throw fails the trial. */
export type Objective = (trial: Trial, context: TrialContext) => Promise<ObjectiveResult> | ObjectiveResult;

/** Runs an objective, turning a throw into a failure outcome. */
async function settle(objective: Objective, trial: Trial, context: TrialContext): Promise<TellValue> {
  try {
    return await objective(trial, context);
  } catch (error) {
    return { state: 'fail', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The parts of a tell value: values (complete), intermediate values, or a failure reason. */
function unpackTell(value: TellValue): { values?: number[]; intermediate?: number[]; pruned?: true; fail?: { reason?: string } } {
  if (typeof value === 'number') return { values: [value] };
  if (Array.isArray(value)) return { values: [...(value as number[])] };
  const v = value as Exclude<TellValue, number | readonly number[]>;
  if ('values' in v) return { values: typeof v.values === 'number' ? [v.values] : [...v.values], intermediate: [...v.intermediate] };
  if (v.state === 'pruned') return { pruned: true, intermediate: [...v.intermediate] };
  return { fail: v.reason !== undefined ? { reason: v.reason } : {} };
}

/** Creates a study, resuming from `journalPath` when that file exists. */
export function createStudy(options: StudyOptions = {}): Study {
  return new Study(options);
}

/** Holds the trials of one optimisation; see createStudy. */
export class Study {
  readonly directions: readonly Direction[];
  readonly sampler: Sampler;
  private readonly records: FrozenTrial[] = [];
  /** Trials asked before an interruption and never told: handed out again by `ask`. */
  private readonly resumeQueue: number[] = [];
  private readonly journal: JournalWriter | undefined;
  private readonly pruner: Pruner | undefined;

  constructor(options: StudyOptions) {
    this.directions = [...(options.directions ?? ['minimize'])];
    if (this.directions.length === 0) throw new RangeError('createStudy: at least one direction');
    this.sampler = options.sampler ?? tpeSampler({ seed: 0 });
    this.pruner = options.pruner;
    if (options.journalPath === undefined) return;
    const entries = readJournal(options.journalPath);
    this.journal = new JournalWriter(options.journalPath);
    if (entries.length === 0) this.journal.append({ op: 'study', version: 1, directions: [...this.directions] });
    else this.replay(entries, options.journalPath);
  }

  /** All trials in number order. */
  get trials(): readonly FrozenTrial[] {
    return this.records;
  }

  /** The best complete trial of a single-objective study (first on ties). */
  get bestTrial(): FrozenTrial {
    if (this.directions.length !== 1) throw new TypeError('bestTrial: multi-objective study, use bestTrials');
    const front = this.bestTrials;
    const first = front[0];
    if (first === undefined) throw new RangeError('bestTrial: no complete trial');
    return first;
  }

  /** The complete trials no other complete trial dominates (the Pareto front), in number order. */
  get bestTrials(): FrozenTrial[] {
    const done = this.records.filter((t) => t.state === 'complete');
    const losses = done.map((t) => this.losses(t.values ?? []));
    return done.filter((_, i) => !losses.some((l, j) => j !== i && dominates(l, losses[i] ?? l)));
  }

  /** Starts a trial: a resumed unfinished trial if any, else new parameters from the sampler. */
  ask(space: SearchSpace): Trial {
    return this.askSeeing(space, Infinity);
  }

  /** `ask` whose sampler sees only the finished (complete or pruned) trials numbered below `seenBelow`. */
  private askSeeing(space: SearchSpace, seenBelow: number): Trial {
    validateSpace(space);
    const resumed = this.resumeQueue.shift();
    if (resumed !== undefined) return { number: resumed, params: { ...this.records[resumed]?.params } };
    const history: SamplerTrial[] = this.records
      .filter((t) => (t.state === 'complete' || t.state === 'pruned') && t.number < seenBelow)
      .map((t) => t.state === 'complete'
        ? { number: t.number, params: t.params, losses: this.losses(t.values ?? []) }
        : { number: t.number, params: t.params, losses: new Float64Array(0), state: 'pruned', intermediate: t.intermediate ?? [] });
    const number = this.records.length;
    const params = this.sampler.sample(space, history, number);
    this.records.push({ number, params, state: 'running' });
    this.journal?.append({ op: 'ask', number, params });
    return { number, params };
  }

  /** Finishes a running trial with its value(s) or a failure; returns the finished trial. */
  tell(trial: Trial | number, value: TellValue): FrozenTrial {
    const number = typeof trial === 'number' ? trial : trial.number;
    const rec = this.records[number];
    if (rec === undefined || rec.state !== 'running') throw new RangeError(`tell: trial ${number} is not running`);
    let done: FrozenTrial;
    const { values, intermediate, pruned, fail } = unpackTell(value);
    const curve = intermediate !== undefined ? { intermediate } : {};
    if (values !== undefined && values.length !== this.directions.length) {
      throw new RangeError(`tell: ${values.length} value(s) for ${this.directions.length} objective(s)`);
    }
    if (pruned) {
      done = { ...rec, state: 'pruned', ...curve };
      this.journal?.append({ op: 'tell', number, state: 'pruned', intermediate: intermediate ?? [] });
    } else if (values !== undefined && values.every((v) => Number.isFinite(v))) {
      done = { ...rec, state: 'complete', values, ...curve };
      this.journal?.append({ op: 'tell', number, state: 'complete', values, ...curve });
    } else {
      const reason = values !== undefined ? 'non-finite objective value' : fail?.reason;
      done = { ...rec, state: 'fail', ...(reason !== undefined ? { failReason: reason } : {}) };
      this.journal?.append({ op: 'tell', number, state: 'fail', ...(reason !== undefined ? { reason } : {}) });
    }
    this.records[number] = done;
    return done;
  }

  /** Runs `objective` until the study holds `nTrials` finished trials (resumed unfinished ones are run again):
   * asks a batch of `concurrency` trials, evaluates them in parallel, then tells them in trial order. The sampler
   * thus sees the same history whatever order the objectives finish in, so results do not depend on timing. An
   * objective that throws fails its trial with the error's message. On a fresh study, the leading trials whose
   * batch history is too short for the sampler to use it (its `independentBelow`) do not wait for their batch:
   * each starts as soon as a slot is free, with exactly the parameters the batches would give it. With a pruner,
   * each objective gets the stopping plan made from the finished trials before its batch (see planFor). */
  async optimize(objective: Objective, options: OptimizeOptions): Promise<void> {
    const concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(options.nTrials) || options.nTrials < 0) throw new RangeError('optimize: nTrials must be ≥ 0');
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('optimize: concurrency must be ≥ 1');
    validateSpace(options.space);
    await this.runIndependentTrials(objective, options, concurrency);
    for (;;) {
      const remaining = this.resumeQueue.length + Math.max(0, options.nTrials - this.records.length);
      if (remaining === 0) return;
      // Batches start at multiples of `concurrency`, also after resuming a partly told batch, so each trial sees
      // the same trials as in an uninterrupted run.
      const first = this.resumeQueue[0] ?? this.records.length;
      const batch = Array.from({ length: Math.min(concurrency - (first % concurrency), remaining) }, () => this.ask(options.space));
      const outcomes = await Promise.allSettled(batch.map(async (trial) => objective(trial, { prunePlan: this.planFor(trial.number, concurrency) })));
      batch.forEach((trial, i) => {
        const outcome = outcomes[i]!;
        const value: TellValue = outcome.status === 'fulfilled'
          ? outcome.value
          : { state: 'fail', reason: outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason) };
        const told = this.tell(trial, value);
        options.onTrialFinished?.(told);
      });
    }
  }

  /**
   * The start-up phase of `optimize` on a fresh study: trials t whose batch (t − t mod concurrency) begins below
   * the sampler's `independentBelow` are sampled without their history, so up to `concurrency` of them run at
   * once, each started when a slot frees. The sampler sees only trials before t's batch, as in batch mode, and
   * trials are told in trial order; the phase ends on a batch boundary so later batches align as before. With a
   * pruner, a trial waits until the trials before its batch are told, so its stopping plan is the batch mode's.
   */
  private async runIndependentTrials(objective: Objective, options: OptimizeOptions, concurrency: number): Promise<void> {
    const below = this.sampler.independentBelow ?? 0;
    if (this.records.length > 0 || this.resumeQueue.length > 0 || below <= 0) return;
    const end = Math.min(options.nTrials, concurrency * Math.ceil(below / concurrency));
    const outcomes = new Map<number, TellValue>();
    let nextTold = 0;
    let progressed = (): void => {};
    let progress = new Promise<void>((resolve) => (progressed = resolve));
    const tellReady = (): void => {
      for (let value = outcomes.get(nextTold); value !== undefined; value = outcomes.get(nextTold)) {
        outcomes.delete(nextTold);
        const told = this.tell(nextTold, value); // outside `?.(…)`, which would skip it without a callback
        options.onTrialFinished?.(told);
        nextTold++;
      }
      progressed();
      progress = new Promise<void>((resolve) => (progressed = resolve));
    };
    const slot = async (): Promise<void> => {
      while (this.records.length < end) {
        const t = this.records.length;
        const trial = this.askSeeing(options.space, t - (t % concurrency));
        while (this.pruner !== undefined && nextTold < t - (t % concurrency)) await progress;
        outcomes.set(trial.number, await settle(objective, trial, { prunePlan: this.planFor(t, concurrency) }));
        tellReady();
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, end) }, slot));
  }

  /**
   * The stopping plan of trial `number` in `optimize`: the pruner's plan from the finished trials before the
   * trial's batch (numbers below number − number mod concurrency), the trials its sampler sees in batch mode.
   */
  private planFor(number: number, concurrency: number): PrunePlan | null {
    if (this.pruner === undefined) return null;
    const below = number - (number % concurrency);
    const seen: PrunerTrial[] = [];
    for (const t of this.records.slice(0, below)) {
      if (t.state === 'complete' || t.state === 'pruned') seen.push({ number: t.number, state: t.state, intermediate: t.intermediate ?? [] });
    }
    return this.pruner.plan(seen);
  }

  /** Closes the journal file (the study stays usable in memory). */
  close(): void {
    this.journal?.close();
  }

  private losses(values: readonly number[]): Float64Array {
    return Float64Array.from(values, (v, i) => (this.directions[i] === 'maximize' ? -v : v));
  }

  private replay(entries: JournalEntry[], path: string): void {
    const head = entries[0];
    if (head?.op !== 'study') throw new TypeError(`${path}: journal does not start with a study line`);
    if (head.directions.join() !== this.directions.join()) {
      throw new RangeError(`${path}: journal directions ${head.directions.join()} differ from ${this.directions.join()}`);
    }
    for (const e of entries.slice(1)) {
      if (e.op === 'ask') {
        if (e.number !== this.records.length) throw new TypeError(`${path}: trial ${e.number} asked out of order`);
        this.records.push({ number: e.number, params: e.params, state: 'running' });
      } else if (e.op === 'tell') {
        const rec = this.records[e.number];
        if (rec === undefined) throw new TypeError(`${path}: tell for unknown trial ${e.number}`);
        if (e.state === 'complete') {
          this.records[e.number] = { ...rec, state: 'complete', values: e.values, ...(e.intermediate !== undefined ? { intermediate: e.intermediate } : {}) };
        } else if (e.state === 'pruned') {
          this.records[e.number] = { ...rec, state: 'pruned', intermediate: e.intermediate };
        } else {
          this.records[e.number] = { ...rec, state: 'fail', ...(e.reason !== undefined ? { failReason: e.reason } : {}) };
        }
      }
    }
    for (const r of this.records) if (r.state === 'running') this.resumeQueue.push(r.number);
  }
}
