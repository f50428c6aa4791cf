// One tuning trial: fit XGBoost (hist, early stopping on valid mlogloss) with a trial's parameters on the
// balanced training data and score it on valid by UAR (macro recall) and macro F1; and the pool that runs trials in
// parallel worker threads (trial-worker.ts).
import { balancedAccuracy, argmaxRows, boardBusy, boardSeq, createRoundBoard, helpedTrees, helpTraining, parseGbdtParams, precisionRecallF1, prepareHistFeatures, probaFromMargin, PruneTracker, trainGbdt, type PreparedFeatures, type PrunePlan, type RoundBoard } from '../ml/index.js';
import type { Matrix } from '../ml/matrix.js';
import { WorkerPool } from '../util/worker-pool.js';

/** A trial's sampled XGBoost params. */
export type TrialParams = Readonly<Record<string, unknown>>;

export interface TrialData {
  readonly train: { x: Matrix; y: Int32Array };
  readonly valid: { x: Matrix; y: Int32Array };
  readonly numClass: number;
  /** Fixed XGBoost params (tree_method, max_bin, seed, early_stopping_rounds…). */
  readonly fixed: Readonly<Record<string, number | string>>;
  /** Round boards the pool's workers claim one each, so that an idle thread can help their trials (TrialPool). */
  readonly boards?: { readonly list: readonly RoundBoard[]; readonly claimed: Int32Array };
}

export interface TrialScore {
  readonly uar: number;
  readonly macroF1: number;
  /** Boosting rounds kept (early stopping's best iteration + 1). */
  readonly rounds: number;
  /** Valid mlogloss after each round, when asked for (RunTrialOptions.curve or a prune plan). */
  readonly intermediate?: number[];
  /** Stopped by the prune plan: uar and macroF1 are NaN (not scored). */
  readonly pruned?: boolean;
}

/** Options of `runTrial`. */
export interface RunTrialOptions {
  /** Stop training when the plan prunes the trial on its valid mlogloss curve (see src/ml/tpe/pruner.ts). */
  readonly prune?: PrunePlan | null;
  /** Return the valid mlogloss curve; default: only with a prune plan. */
  readonly curve?: boolean;
}

/** A task of the trial pool: the sampled params and the run's options. */
export interface TrialTask {
  readonly params: TrialParams;
  readonly options?: RunTrialOptions;
}

/** XGBoost params of a trial: the fixed ones, the sampled ones, and the multi-class objective. */
export function trialGbdtParams(data: Pick<TrialData, 'numClass' | 'fixed'>, sampled: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { objective: 'multi:softprob', num_class: data.numClass, ...data.fixed, ...sampled };
}

/** The trials' training matrix binned once with the search's fixed max_bin (every trial of a search shares it). */
export function prepareTrialFeatures(data: TrialData): PreparedFeatures {
  return prepareHistFeatures(data.train.x, parseGbdtParams(trialGbdtParams(data, {})).maxBin);
}

/** Trains and scores one trial (a pruned one is not scored). Deterministic for equal inputs; `prepared`:
 * `prepareTrialFeatures(data)`; `board`: a worker's round board (an idle thread may help). */
export function runTrial(data: TrialData, sampled: Readonly<Record<string, unknown>>, prepared?: PreparedFeatures, board?: RoundBoard, options: RunTrialOptions = {}): TrialScore {
  const params = parseGbdtParams(trialGbdtParams(data, sampled));
  const useBins = prepared !== undefined && prepared.maxBin === params.maxBin;
  const tracker = options.prune ? new PruneTracker(options.prune) : undefined;
  let pruned = false;
  const onRound = tracker ? (round: number, loss: number): boolean => (pruned = tracker.stopsAfter(round, loss)) : undefined;
  const { bestIteration, validMargin, validLoss } = trainGbdt(data.train.x, data.train.y, params, {
    valid: { x: data.valid.x, labels: data.valid.y },
    ...(useBins ? { prepared, ...(board ? { board } : {}) } : {}),
    ...(onRound ? { onRound } : {}),
  });
  const curve = options.curve === true || tracker !== undefined ? { intermediate: validLoss } : {};
  if (pruned) return { uar: Number.NaN, macroF1: Number.NaN, rounds: validLoss.length, pruned: true, ...curve };
  const rounds = params.earlyStoppingRounds > 0 ? bestIteration + 1 : params.numBoostRound;
  // the valid margins the training kept are the model's predictions with `rounds` rounds (predictProba's)
  const margin = params.earlyStoppingRounds > 0 ? validMargin!.best : validMargin!.last;
  const proba = probaFromMargin(params.objective, margin, data.numClass);
  const matrix: Matrix = { data: Float64Array.from(proba), rows: data.valid.x.rows, cols: data.numClass };
  const predicted = argmaxRows(matrix);
  return { uar: balancedAccuracy(data.valid.y, predicted), macroF1: precisionRecallF1(data.valid.y, predicted).macro.f1, rounds, ...curve };
}

/** How long the calling thread waits for a round to help with before it returns to its event loop. */
const HELP_IDLE_MS = 1000;

/** A worker's side: takes a board of the pool nobody has taken (none when all are: a replaced worker). */
export function claimTrialBoard(data: TrialData): RoundBoard | undefined {
  const boards = data.boards;
  if (boards === undefined) return undefined;
  const i = boards.list.findIndex((_, j) => Atomics.compareExchange(boards.claimed, j, 0, 1) === 0);
  return i < 0 ? undefined : boards.list[i];
}

/**
 * Worker threads running trials. A search runs trials in batches, and a batch's last trial runs alone while
 * the other threads wait for it; then the calling thread, otherwise idle too, grows some of that trial's trees
 * (round-board.ts) — the scores are the same with or without its help. It helps only while fewer trials run
 * than `cores`, so the threads busy never outnumber the cores.
 */
export class TrialPool {
  private inFlight = 0;
  private closed = false;
  private prepared: PreparedFeatures | undefined;
  /** Boards whose owner posted nothing during a whole help, by their post counter then. */
  private readonly idleSeq = new Map<RoundBoard, number>();
  private helpTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly data: TrialData,
    private readonly pool: WorkerPool<TrialData, TrialTask, TrialScore>,
    private readonly cores: number,
  ) {}

  /** Starts `size` workers that each hold a copy of `data`; the caller's thread helps within `cores`. */
  static async start(data: TrialData, size: number, cores = size): Promise<TrialPool> {
    const withBoards: TrialData = {
      ...data,
      boards: {
        list: Array.from({ length: size }, () => createRoundBoard(data.train.x.rows, data.train.x.cols, data.numClass)),
        claimed: new Int32Array(new SharedArrayBuffer(4 * size)),
      },
    };
    const pool = await WorkerPool.start<TrialData, TrialTask, TrialScore>({ callerUrl: import.meta.url, entry: 'trial-worker', setup: withBoards, size, taskName: 'trial' });
    return new TrialPool(withBoards, pool, cores);
  }

  /** Trees this thread has grown for the pool's trials. */
  get treesHelped(): number {
    return (this.data.boards?.list ?? []).reduce((sum, b) => sum + helpedTrees(b), 0);
  }

  /** Runs one trial on a worker (`options`: its prune plan, whether to return its curve; see runTrial). */
  async run(params: TrialParams, options?: RunTrialOptions): Promise<TrialScore> {
    this.inFlight++;
    this.scheduleHelp(0);
    try {
      return await this.pool.run(options === undefined ? { params } : { params, options });
    } finally {
      this.inFlight--;
      this.scheduleHelp(0);
    }
  }

  private scheduleHelp(delayMs: number): void {
    if (this.helpTimer !== undefined || this.closed || this.inFlight === 0 || this.inFlight >= this.cores) return;
    this.helpTimer = setTimeout(() => {
      this.helpTimer = undefined;
      this.help();
    }, delayMs);
    this.helpTimer.unref();
  }

  private help(): void {
    if (this.closed || this.inFlight === 0 || this.inFlight >= this.cores) return;
    // a board left busy by a worker that died mid-trial is skipped once it has been silent for a whole help
    const board = (this.data.boards?.list ?? []).find((b) => boardBusy(b) && this.idleSeq.get(b) !== boardSeq(b));
    if (board !== undefined) {
      this.prepared ??= prepareTrialFeatures(this.data);
      if (!helpTraining(board, this.prepared, HELP_IDLE_MS)) this.idleSeq.set(board, boardSeq(board));
    }
    // look again soon (a trial just sent has not opened its board yet), letting the pool's messages through between
    this.scheduleHelp(board === undefined ? 20 : 0);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.helpTimer);
    await this.pool.close();
  }
}

/** Starts a trial pool of `size` workers (see TrialPool). */
export function startTrialPool(data: TrialData, size: number, cores = size): Promise<TrialPool> {
  return TrialPool.start(data, size, cores);
}
