// Orthonormal DCT-II as a matrix, for short transforms applied to many frames (MFCC over mel bands).
// Reference: scipy.fft.dct(type=2, norm='ortho'): X[k] = s(k)·Σ_n x[n]·cos(πk(2n + 1) / 2N), s(0) = √(1/N),
// s(k>0) = √(2/N).

/** Row k (0 ≤ k < nOutputs) holds the coefficients of output k over nInputs inputs, row-major. */
export function dctIIMatrix(nInputs: number, nOutputs: number): Float64Array {
  if (!Number.isInteger(nInputs) || nInputs < 1) throw new RangeError(`dctIIMatrix: nInputs must be an integer ≥ 1, got ${nInputs}`);
  if (!Number.isInteger(nOutputs) || nOutputs < 1 || nOutputs > nInputs) {
    throw new RangeError(`dctIIMatrix: nOutputs must be an integer in [1, ${nInputs}], got ${nOutputs}`);
  }
  const out = new Float64Array(nOutputs * nInputs);
  for (let k = 0; k < nOutputs; k++) {
    const scale = Math.sqrt((k === 0 ? 1 : 2) / nInputs);
    for (let n = 0; n < nInputs; n++) out[k * nInputs + n] = scale * Math.cos((Math.PI * k * (2 * n + 1)) / (2 * nInputs));
  }
  return out;
}
