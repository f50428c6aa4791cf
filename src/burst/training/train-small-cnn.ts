// Training one SmallCNN (specs/burst-study.md, "Model and training"): Adam, batches of seeded shuffled segments,
// augmentation of the training segments only, cross-entropy weighted by 1 / class count, and the best epoch by a
// validation score kept (or the last epoch when there is no validation data). Seeded: same data and options give a
// byte-identical state. The network itself is src/nn.
import { createSmallCnn, type StateDict } from '../../nn/index.js';
import { Rng, deriveSeed } from '../../util/random.js';
import { augmentSegment } from '../augment.js';
import { BURST_CLASSES } from '../classes.js';
import { classificationScores } from '../evaluation/scores.js';
import { featureBatch } from '../features.js';
import { inverseFrequencyWeights, type SegmentSet } from './segment-set.js';

export interface TrainSmallCnnOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
  readonly augment: boolean;
  /** Validation score that picks the best epoch. */
  readonly selectBy: 'accuracy' | 'macro_f1';
  readonly dropout: number;
  /** Threads of the network (src/nn worker threads). */
  readonly threads: number;
  readonly onEpoch?: (log: EpochLog) => void;
}

export interface EpochLog {
  readonly epoch: number;
  /** Mean training loss over the epoch's batches (weighted by batch size). */
  readonly loss: number;
  readonly train_accuracy: number;
  readonly val_accuracy: number | null;
  readonly val_macro_f1: number | null;
  readonly seconds: number;
}

export interface TrainedSmallCnn {
  readonly state: StateDict;
  /** 1-based epoch whose state was kept. */
  readonly bestEpoch: number;
  readonly log: EpochLog[];
}

/** Trains on `train`, choosing the epoch on `val` when given. */
export async function trainSmallCnn(train: SegmentSet, val: SegmentSet | undefined, options: TrainSmallCnnOptions): Promise<TrainedSmallCnn> {
  const classes = BURST_CLASSES.length;
  const model = await createSmallCnn({ seed: options.seed, classes, dropout: options.dropout, adam: { lr: options.learningRate }, threads: options.threads });
  try {
    const weights = inverseFrequencyWeights(train.labels, classes);
    const valBatch = val !== undefined && val.samples.length > 0 ? featureBatch(val.samples) : undefined;
    const log: EpochLog[] = [];
    let best: { epoch: number; score: number; state: StateDict } | undefined;
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const started = performance.now();
      const rng = new Rng(deriveSeed(options.seed, 17, epoch));
      const order = Array.from(train.labels.keys());
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.nextInt(i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      let lossSum = 0, correct = 0;
      model.train();
      for (let from = 0; from < order.length; from += options.batchSize) {
        const rows = order.slice(from, from + options.batchSize);
        const batch = featureBatch(rows.map((r) => (options.augment ? augmentSegment(train.samples[r]!, rng) : train.samples[r]!)));
        const labels = Int32Array.from(rows, (r) => train.labels[r]!);
        const logits = model.forward(batch, rng);
        lossSum += model.backward(labels, weights) * rows.length;
        model.step();
        rows.forEach((_, i) => {
          let top = 0;
          for (let c = 1; c < classes; c++) if (logits[i * classes + c]! > logits[i * classes + top]!) top = c;
          if (top === labels[i]) correct++;
        });
      }
      let valAccuracy: number | null = null, valMacroF1: number | null = null;
      if (valBatch !== undefined && val !== undefined) {
        const scores = classificationScores(val.labels, model.predictProba(valBatch), BURST_CLASSES);
        valAccuracy = scores.accuracy;
        valMacroF1 = scores.macro_f1;
        const score = options.selectBy === 'accuracy' ? valAccuracy : valMacroF1;
        if (best === undefined || score > best.score) best = { epoch, score, state: model.stateDict() };
      }
      const entry: EpochLog = { epoch, loss: lossSum / order.length, train_accuracy: correct / order.length, val_accuracy: valAccuracy, val_macro_f1: valMacroF1, seconds: (performance.now() - started) / 1000 };
      log.push(entry);
      options.onEpoch?.(entry);
    }
    if (best !== undefined) return { state: best.state, bestEpoch: best.epoch, log };
    return { state: model.stateDict(), bestEpoch: options.epochs, log };
  } finally {
    await model.close();
  }
}
