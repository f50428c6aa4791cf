// Input normalisation of transformers' Wav2Vec2FeatureExtractor (`do_normalize: true`), as docs/ssl.md states:
// (x − mean) / sqrt(var + 1e−7) per clip, population variance, accumulated in float64.

const VARIANCE_EPSILON = 1e-7;

/** Returns the clip normalised to zero mean and unit variance; throws RangeError on an empty clip. */
export function zeroMeanUnitVariance(samples: Float32Array): Float32Array {
  if (samples.length === 0) throw new RangeError('cannot normalise an empty clip');
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i] ?? 0;
  const mean = sum / samples.length;
  let squares = 0;
  for (let i = 0; i < samples.length; i++) squares += ((samples[i] ?? 0) - mean) ** 2;
  const scale = 1 / Math.sqrt(squares / samples.length + VARIANCE_EPSILON);
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = ((samples[i] ?? 0) - mean) * scale;
  return out;
}
