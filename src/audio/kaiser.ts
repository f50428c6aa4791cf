// Kaiser window pieces for windowed-sinc filter design.
// Reference: J. F. Kaiser, "Nonrecursive digital filter design using the I0-sinh window function" (1974);
// β and length formulas from Oppenheim & Schafer, "Discrete-Time Signal Processing", 3rd ed., §7.6.1.

/** Zeroth-order modified Bessel function of the first kind, by its power series (converges for all x). */
export function besselI0(x: number): number {
  const quarterSquare = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 200; k++) {
    term *= quarterSquare / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** Kaiser's β for a stopband attenuation in dB. */
export function kaiserBeta(attenuationDb: number): number {
  if (attenuationDb > 50) return 0.1102 * (attenuationDb - 8.7);
  if (attenuationDb >= 21) return 0.5842 * (attenuationDb - 21) ** 0.4 + 0.07886 * (attenuationDb - 21);
  return 0;
}

/** Filter order (length − 1) Kaiser's formula estimates for an attenuation and a transition width in rad/sample. */
export function kaiserOrder(attenuationDb: number, transitionRad: number): number {
  if (!(transitionRad > 0)) throw new RangeError(`kaiserOrder: transition width must be > 0, got ${transitionRad}`);
  return Math.ceil((attenuationDb - 7.95) / (2.285 * transitionRad));
}
