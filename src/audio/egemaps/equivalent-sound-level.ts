// Equivalent sound level: mean frame energy of unwindowed 20 ms frames in dB (docs/egemaps.md).

/** 10·log10(max(mean over frames of mean(x²), 1e−12)) over `frames` frames of `length` samples, `hop` apart. */
export function equivalentSoundLevel(samples: Float32Array, frames: number, length: number, hop: number): number {
  if (frames < 1) throw new RangeError('equivalentSoundLevel: need at least one frame');
  if ((frames - 1) * hop + length > samples.length) throw new RangeError('equivalentSoundLevel: frames exceed input');
  let total = 0;
  for (let t = 0; t < frames; t++) {
    let s = 0;
    const start = t * hop;
    for (let i = 0; i < length; i++) {
      const v = samples[start + i]!;
      s += v * v;
    }
    total += s / length;
  }
  return 10 * Math.log10(Math.max(total / frames, 1e-12));
}
