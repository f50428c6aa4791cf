// A second thread for hist trainings: a worker that stands by a round board and grows some of every round's
// trees (round-board.ts), so one multi-class training uses two cores. The model is the same with or without it.
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../util/start-worker.js';
import { createRoundBoard, dismissHelper, helpedTrees, type RoundBoard } from './round-board.js';
import type { Matrix } from '../matrix.js';
import type { GbdtParams } from './params.js';
import { prepareHistFeatures, trainGbdt, type PreparedFeatures, type TrainGbdtOptions, type TrainGbdtResult } from './train.js';

export class TrainingHelper {
  private constructor(
    /** Pass as `trainGbdt`'s `board` (with the same `prepared` features). */
    readonly board: RoundBoard,
    private readonly worker: Worker,
  ) {}

  /** Starts the helper thread for trainings on `prepared` with `groups` trees per round. */
  static start(prepared: PreparedFeatures, groups: number): TrainingHelper {
    const board = createRoundBoard(prepared.source.rows, prepared.source.cols, groups);
    const worker = startModuleWorker(import.meta.url, 'training-helper-worker', { workerData: { board, data: { hist: prepared.hist } } });
    worker.on('error', () => {}); // without its helper a training only runs on one thread
    worker.unref();
    return new TrainingHelper(board, worker);
  }

  /** Trees the helper has grown so far. */
  get treesGrown(): number {
    return helpedTrees(this.board);
  }

  /** Stops the thread. */
  async close(): Promise<void> {
    const exited = once(this.worker, 'exit');
    dismissHelper(this.board);
    const timer = setTimeout(() => void this.worker.terminate(), 5000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * `trainGbdt` on up to `threads` threads: with two or more, a hist training with several trees per round
 * (multi-class) gets a TrainingHelper for its duration; anything else trains on the calling thread alone.
 * The model is the same either way.
 */
export async function trainGbdtOnThreads(x: Matrix, labels: Int32Array, params: GbdtParams, options: TrainGbdtOptions, threads: number): Promise<TrainGbdtResult> {
  if (threads < 2 || params.treeMethod !== 'hist' || params.numClass < 2) return trainGbdt(x, labels, params, options);
  const prepared = options.prepared ?? prepareHistFeatures(x, params.maxBin);
  const helper = TrainingHelper.start(prepared, params.numClass);
  try {
    return trainGbdt(x, labels, params, { ...options, prepared, board: helper.board });
  } finally {
    await helper.close();
  }
}
