// A loaded burst model for inference: its descriptor and its ONNX export on onnxruntime, predicting the windows of
// decoded audio (any WAV: resampled to 22,050 Hz with torchaudio's resampler, mixed to mono).
import { join } from 'node:path';
import { resampleTorchaudio } from '../../audio/torchaudio-resample.js';
import { decodeWav } from '../../audio/wav-decode.js';
import { openOnnxClassifier, type OnnxClassifier } from '../../nn/index.js';
import { readBurstModel, type BurstModelDescriptor } from '../model-dir.js';
import { predictWindows } from './window-predictor.js';

/** One window's prediction in the spec's prelabel format, plus the original file name. */
export interface BurstPrediction {
  readonly audio_file: string;
  readonly start_seconds: number;
  readonly end_seconds: number;
  readonly label: string;
  readonly probability: number;
  readonly probabilities: number[];
  readonly per_class_probability: Record<string, number>;
}

export class BurstModelRunner {
  private constructor(readonly dir: string, readonly descriptor: BurstModelDescriptor, private readonly classifier: OnnxClassifier) {}

  /** Opens the model folder (throws BurstError naming a bad descriptor or missing file). */
  static async open(dir: string, threads = 1): Promise<BurstModelRunner> {
    const descriptor = readBurstModel(dir);
    const classifier = await openOnnxClassifier(join(dir, descriptor.files.onnx), { threads });
    return new BurstModelRunner(dir, descriptor, classifier);
  }

  /** Windows of the fixed length, hop 0.25 × window, over the WAV bytes; `name` is reported as audio_file. */
  async predictWav(bytes: Uint8Array, name: string): Promise<BurstPrediction[]> {
    const wav = decodeWav(bytes);
    if (wav.frames === 0) return [];
    const d = this.descriptor;
    const samples = resampleTorchaudio(wav.samples, wav.sampleRateHz, d.sample_rate_hz);
    const windows = await predictWindows(samples, d.segment_samples, d.classes.length, (batch) => this.classifier.predictProba(batch), d.hop_fraction);
    const k = d.classes.length;
    const durationS = samples.length / d.sample_rate_hz;
    return windows.spans.map((span, i) => {
      const p = Array.from(windows.probabilities.subarray(i * k, (i + 1) * k), (v) => Math.round(v * 1e6) / 1e6);
      let top = 0;
      for (let c = 1; c < k; c++) if (p[c]! > p[top]!) top = c;
      return {
        audio_file: name,
        start_seconds: round3(span.startSample / d.sample_rate_hz),
        end_seconds: round3(Math.min(durationS, span.endSample / d.sample_rate_hz)),
        label: d.classes[top]!,
        probability: p[top]!,
        probabilities: p,
        per_class_probability: Object.fromEntries(d.classes.map((c, j) => [c, p[j]!])),
      };
    });
  }

  async close(): Promise<void> {
    await this.classifier.close();
  }
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
