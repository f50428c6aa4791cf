// The spectrogram the page shows under the waveform, computed here for exactly the slice it shows: a power
// STFT (the project's librosa-compatible framing, Hann window) in dB, 80 dB of range below the slice's peak,
// mapped to colour and encoded as JPEG (continuous tone, far fewer bytes than PNG) — so the browser does no FFT
// and the next item's image can be prefetched.
import sharp from 'sharp';
import { forEachPowerFrame } from '../audio/power-spectrogram.js';

export interface SpectrogramImageOptions {
  /** FFT size (power of two). Default 512. */
  readonly nFft?: number;
  /** Image width in pixels (one STFT frame per column, at most one per sample). Default 800. */
  readonly widthPx?: number;
  /** Dynamic range shown below the peak, dB. Default 80. */
  readonly rangeDb?: number;
}

// Anchor colours from dark to bright (a magma-like ramp), interpolated into a 256-entry table.
const ANCHORS = [[0, 0, 4], [40, 11, 84], [101, 21, 110], [159, 42, 99], [212, 72, 66], [245, 125, 21], [250, 193, 39], [252, 255, 164]];
const LUT = Array.from({ length: 256 }, (_, i) => {
  const x = (i / 255) * (ANCHORS.length - 1);
  const k = Math.min(ANCHORS.length - 2, Math.floor(x));
  const f = x - k;
  return ANCHORS[k]!.map((c, j) => Math.round(c + (ANCHORS[k + 1]![j]! - c) * f));
});

/** JPEG bytes of the spectrogram of `samples`: low frequencies at the bottom, height nFft/2 + 1 rows. */
export async function spectrogramJpeg(samples: Float32Array, options: SpectrogramImageOptions = {}): Promise<Buffer> {
  const nFft = options.nFft ?? 512;
  const rangeDb = options.rangeDb ?? 80;
  const hopLength = Math.max(1, Math.floor(samples.length / (options.widthPx ?? 800)));
  const bins = nFft / 2 + 1;
  const db: Float32Array[] = [];
  let peak = -Infinity;
  forEachPowerFrame(samples, { nFft, hopLength }, (_t, power) => {
    const column = new Float32Array(bins);
    for (let b = 0; b < bins; b++) {
      column[b] = 10 * Math.log10(power[b]! + 1e-12);
      if (column[b]! > peak) peak = column[b]!;
    }
    db.push(column);
  });
  const width = Math.max(1, db.length);
  const rgb = Buffer.alloc(width * bins * 3);
  db.forEach((column, x) => {
    for (let b = 0; b < bins; b++) {
      const level = Math.max(0, Math.min(255, Math.round(((column[b]! - (peak - rangeDb)) / rangeDb) * 255)));
      const color = LUT[level]!;
      const at = ((bins - 1 - b) * width + x) * 3;
      rgb[at] = color[0]!;
      rgb[at + 1] = color[1]!;
      rgb[at + 2] = color[2]!;
    }
  });
  return sharp(rgb, { raw: { width, height: bins, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}
