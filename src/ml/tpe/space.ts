// Search-space specification and the numeric "internal" representation the samplers work in.
import type { Rng } from '../../util/random.js';

export interface IntParam {
  readonly type: 'int';
  readonly low: number;
  readonly high: number;
  /** Sample uniformly in log space (low ≥ 1); default false. */
  readonly log?: boolean;
  /** Grid step (not with log); default 1. */
  readonly step?: number;
}
export interface FloatParam {
  readonly type: 'float';
  readonly low: number;
  readonly high: number;
  /** Sample uniformly in log space (low > 0); default false. */
  readonly log?: boolean;
}
export interface CategoricalParam {
  readonly type: 'categorical';
  readonly choices: readonly (string | number | boolean)[];
}
export type ParamSpec = IntParam | FloatParam | CategoricalParam;
export type SearchSpace = Readonly<Record<string, ParamSpec>>;
export type ParamValue = string | number | boolean;
export type Params = Record<string, ParamValue>;

/** Throws TypeError/RangeError unless every parameter of `space` is well formed. */
export function validateSpace(space: SearchSpace): void {
  const names = Object.keys(space);
  if (names.length === 0) throw new RangeError('search space has no parameters');
  for (const name of names) {
    const p = space[name];
    if (p === undefined) continue;
    if (p.type === 'categorical') {
      if (!Array.isArray(p.choices) || p.choices.length === 0) {
        throw new RangeError(`parameter ${name}: categorical needs at least one choice`);
      }
      continue;
    }
    if (p.type !== 'int' && p.type !== 'float') throw new TypeError(`parameter ${name}: unknown type`);
    if (!Number.isFinite(p.low) || !Number.isFinite(p.high) || p.low > p.high) {
      throw new RangeError(`parameter ${name}: need finite low ≤ high, got [${p.low}, ${p.high}]`);
    }
    if (p.log === true && p.low <= 0) throw new RangeError(`parameter ${name}: log scale needs low > 0`);
    if (p.type === 'int') {
      const step = p.step ?? 1;
      if (!Number.isInteger(p.low) || !Number.isInteger(p.high) || !Number.isInteger(step) || step < 1) {
        throw new RangeError(`parameter ${name}: int bounds and step must be integers (step ≥ 1)`);
      }
      if (p.log === true && step !== 1) throw new RangeError(`parameter ${name}: step is not supported with log`);
    }
  }
}

/**
 * Internal numeric domain of a parameter (Optuna's TPE conventions): log params in log space; int params widened by
 * half a step on each side; categoricals as a choice index. `step` is set for a discrete (non-log int) domain.
 */
export interface InternalDomain {
  readonly categorical: boolean;
  readonly low: number;
  readonly high: number;
  readonly step?: number;
  readonly nChoices: number;
}

/** The internal domain of a parameter. */
export function internalDomain(p: ParamSpec): InternalDomain {
  if (p.type === 'categorical') return { categorical: true, low: 0, high: p.choices.length - 1, nChoices: p.choices.length };
  if (p.type === 'int') {
    if (p.log === true) return { categorical: false, low: Math.log(p.low - 0.5), high: Math.log(p.high + 0.5), nChoices: 0 };
    const step = p.step ?? 1;
    return { categorical: false, low: p.low - 0.5 * step, high: p.high + 0.5 * step, step, nChoices: 0 };
  }
  if (p.log === true) return { categorical: false, low: Math.log(p.low), high: Math.log(p.high), nChoices: 0 };
  return { categorical: false, low: p.low, high: p.high, nChoices: 0 };
}

/** Internal representation of a parameter value, or undefined when it is not a valid value of `p`. */
export function toInternal(p: ParamSpec, value: ParamValue | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (p.type === 'categorical') {
    const i = p.choices.indexOf(value);
    return i < 0 ? undefined : i;
  }
  if (typeof value !== 'number' || value < p.low || value > p.high) return undefined;
  return p.log === true ? Math.log(value) : value;
}

/** Parameter value of an internal number (rounded onto the int grid and clipped into bounds). */
export function fromInternal(p: ParamSpec, v: number): ParamValue {
  if (p.type === 'categorical') return p.choices[Math.min(p.choices.length - 1, Math.max(0, Math.round(v)))] ?? '';
  let x = p.log === true ? Math.exp(v) : v;
  if (p.type === 'int') {
    const step = p.step ?? 1;
    x = p.low + Math.round((x - p.low) / step) * step;
  }
  return Math.min(p.high, Math.max(p.low, x));
}

/** A uniformly random value of `p` (uniform in log space for log params), as Optuna's RandomSampler. */
export function sampleUniform(p: ParamSpec, rng: Rng): ParamValue {
  if (p.type === 'categorical') return p.choices[rng.nextInt(p.choices.length)] ?? '';
  const d = internalDomain(p);
  return fromInternal(p, rng.uniform(d.low, d.high));
}
