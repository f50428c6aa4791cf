// Compares this library's SmallCNN with a PyTorch reference run stored in the layout of
// shared/reference/burst/cnn/ (tensors.bin + tensors.json + trace.json; see its README): same initial weights and
// batches, then the largest errors of the per-step losses, the step-0 gradients, the final state and the eval
// probabilities.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { NnBackend, NnTensor } from './api.js';
import { createSmallCnn } from './small-cnn.js';
import { Rng } from '../util/random.js';

const tensorsSchema = z.object({
  tensors: z.record(z.string(), z.object({ offset: z.number().int().nonnegative(), shape: z.array(z.number().int().nonnegative()) })),
});
/** The run's settings, stored beside the tensor index in tensors.json. */
const runSchema = z.object({
  batch: z.number().int().positive(),
  steps: z.number().int().positive(),
  eval_rows: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
  dropout: z.number().optional(),
});
const traceSchema = z.object({
  loss: z.array(z.number()),
  grad_step0: z.record(z.string(), z.array(z.number())),
  eval_logits: z.array(z.array(z.number())),
  eval_probs: z.array(z.array(z.number())),
});

/** Conv biases directly followed by a BatchNorm, and the running means that absorb them. */
const PRE_BN = /^features\.(0|4|8)\.bias$|running_mean$/;

/** Largest errors against the reference (losses relative, the rest absolute) and where they occur. */
export interface ParityReport {
  readonly steps: number;
  readonly batch: number;
  readonly frames: number;
  readonly lossRel: number;
  /** Over all gradients (with the largest |reference gradient| of that tensor), and over all but the pre-BN conv biases. */
  readonly gradAbs: { readonly max: number; readonly name: string; readonly scale: number; readonly maxExcludingPreBnBias: number };
  /** Over all final tensors, and over all but the conv biases feeding a BatchNorm and the running means (those
   * biases' true gradient is zero: see docs/nn.md, "Parity"). */
  readonly weightAbs: { readonly max: number; readonly name: string; readonly maxExcludingPreBnBias: number; readonly nameExcludingPreBnBias: string };
  readonly probAbs: number;
  readonly logitAbs: number;
  /** Eval probabilities again after substituting the reference's final pre-BN conv biases and running means into
   * our final state: isolates the error those zero-gradient parameters cause. */
  readonly probAbsWithReferenceBiases: number;
  readonly losses: readonly number[];
}

/** Loads the named float32 tensors of a reference folder; throws RangeError naming the file when malformed. */
export function loadReferenceTensors(dir: string): Map<string, NnTensor> {
  const jsonPath = join(dir, 'tensors.json');
  const binPath = join(dir, 'tensors.bin');
  const parsed = tensorsSchema.safeParse(JSON.parse(readFileSync(jsonPath, 'utf8')));
  if (!parsed.success) throw new RangeError(`${jsonPath}: not a tensors index (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  const bin = readFileSync(binPath);
  const out = new Map<string, NnTensor>();
  for (const [name, { offset, shape }] of Object.entries(parsed.data.tensors)) {
    const count = shape.reduce((a, b) => a * b, 1);
    if (offset + count * 4 > bin.byteLength) throw new RangeError(`${binPath}: tensor '${name}' runs past the end of the file`);
    const data = new Float32Array(count);
    for (let i = 0; i < count; i++) data[i] = bin.readFloatLE(offset + 4 * i);
    out.set(name, { shape, data });
  }
  return out;
}

function prefixed(tensors: Map<string, NnTensor>, prefix: string): Map<string, NnTensor> {
  const out = new Map<string, NnTensor>();
  for (const [name, t] of tensors) if (name.startsWith(prefix)) out.set(name.slice(prefix.length), t);
  return out;
}

function need(tensors: Map<string, NnTensor>, name: string, dir: string): NnTensor {
  const t = tensors.get(name);
  if (t === undefined) throw new RangeError(`${dir}: tensors.json has no '${name}'`);
  return t;
}

/** Runs the reference's training trace with this library and reports the largest errors. */
export async function checkReference(dir: string, options: { backend?: 'auto' | NnBackend; threads?: number } = {}): Promise<ParityReport> {
  const tensors = loadReferenceTensors(dir);
  const tracePath = join(dir, 'trace.json');
  const parsed = traceSchema.safeParse(JSON.parse(readFileSync(tracePath, 'utf8')));
  if (!parsed.success) throw new RangeError(`${tracePath}: not a training trace (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  const jsonPath = join(dir, 'tensors.json');
  const run = runSchema.safeParse(JSON.parse(readFileSync(jsonPath, 'utf8')));
  if (!run.success) throw new RangeError(`${jsonPath}: no run settings (${run.error.issues[0]?.path.join('.') ?? ''}: ${run.error.issues[0]?.message ?? 'invalid'})`);
  const trace = { ...parsed.data, ...run.data };
  const inputs = need(tensors, 'inputs', dir);
  const labels = need(tensors, 'labels', dir).data;
  const classWeights = need(tensors, 'class_weights', dir).data;
  const [rows, , melBins, frames] = inputs.shape as [number, number, number, number];
  const per = melBins * frames;
  const classes = classWeights.length;
  if (trace.steps * trace.batch > rows) throw new RangeError(`${tracePath}: ${trace.steps} steps of ${trace.batch} need more than the ${rows} input rows`);
  const model = await createSmallCnn({ classes, melBins, dropout: trace.dropout ?? 0, state: prefixed(tensors, 'init.'), backend: options.backend ?? 'auto', threads: options.threads ?? 1 });
  try {
    const rng = new Rng(0);
    const losses: number[] = [];
    let lossRel = 0;
    let gradAbs = { max: 0, name: '', scale: 0, maxExcludingPreBnBias: 0 };
    for (let s = 0; s < trace.steps; s++) {
      const batch = { data: inputs.data.subarray(s * trace.batch * per, (s + 1) * trace.batch * per), n: trace.batch, frames };
      const batchLabels = Array.from(labels.subarray(s * trace.batch, (s + 1) * trace.batch), (v) => Math.round(v));
      model.train();
      model.forward(batch, rng);
      const loss = model.backward(batchLabels, classWeights);
      if (s === 0) {
        for (const [name, grad] of model.gradients()) {
          const expected = trace.grad_step0[name];
          if (expected === undefined || expected.length !== grad.length) throw new RangeError(`${tracePath}: grad_step0 has no ${grad.length} values for '${name}'`);
          for (let i = 0; i < grad.length; i++) {
            const err = Math.abs((grad[i] as number) - (expected[i] as number));
            if (err > gradAbs.max) gradAbs = { ...gradAbs, max: err, name, scale: Math.max(...expected.map(Math.abs)) };
            if (!PRE_BN.test(name) && err > gradAbs.maxExcludingPreBnBias) gradAbs = { ...gradAbs, maxExcludingPreBnBias: err };
          }
        }
      }
      model.step();
      losses.push(loss);
      const ref = trace.loss[s];
      if (ref === undefined) throw new RangeError(`${tracePath}: no loss for step ${s}`);
      lossRel = Math.max(lossRel, Math.abs(loss - ref) / Math.abs(ref));
    }
    let weightAbs = { max: 0, name: '', maxExcludingPreBnBias: 0, nameExcludingPreBnBias: '' };
    const finalState = model.stateDict();
    for (const [name, t] of prefixed(tensors, 'final.')) {
      const ours = finalState.get(name);
      if (ours === undefined) throw new RangeError(`${dir}: final '${name}' is not a SmallCNN tensor`);
      for (let i = 0; i < t.data.length; i++) {
        const err = Math.abs((ours.data[i] as number) - (t.data[i] as number));
        if (err > weightAbs.max) weightAbs = { ...weightAbs, max: err, name };
        if (!PRE_BN.test(name) && err > weightAbs.maxExcludingPreBnBias) weightAbs = { ...weightAbs, maxExcludingPreBnBias: err, nameExcludingPreBnBias: name };
      }
    }
    const [from, to] = trace.eval_rows;
    const probs = model.predictProba({ data: inputs.data.subarray(from * per, to * per), n: to - from, frames });
    model.eval();
    const logits = model.forward({ data: inputs.data.subarray(from * per, to * per), n: to - from, frames });
    let probAbs = 0;
    let logitAbs = 0;
    for (let r = 0; r < to - from; r++) {
      for (let c = 0; c < classes; c++) {
        probAbs = Math.max(probAbs, Math.abs((probs[r * classes + c] as number) - (trace.eval_probs[r]?.[c] ?? NaN)));
        logitAbs = Math.max(logitAbs, Math.abs((logits[r * classes + c] as number) - (trace.eval_logits[r]?.[c] ?? NaN)));
      }
    }
    const substituted = new Map(finalState);
    for (const [name, t] of prefixed(tensors, 'final.')) if (PRE_BN.test(name)) substituted.set(name, t);
    model.loadStateDict(substituted);
    const probs2 = model.predictProba({ data: inputs.data.subarray(from * per, to * per), n: to - from, frames });
    let probAbsWithReferenceBiases = 0;
    for (let r = 0; r < to - from; r++) {
      for (let c = 0; c < classes; c++) probAbsWithReferenceBiases = Math.max(probAbsWithReferenceBiases, Math.abs((probs2[r * classes + c] as number) - (trace.eval_probs[r]?.[c] ?? NaN)));
    }
    return { steps: trace.steps, batch: trace.batch, frames, lossRel, gradAbs, weightAbs, probAbs, logitAbs, probAbsWithReferenceBiases, losses };
  } finally {
    await model.close();
  }
}
