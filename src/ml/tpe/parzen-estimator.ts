// Parzen (kernel-density) estimator of TPE over one or several parameters in their internal domains
// (Bergstra et al., 2011, "Algorithms for Hyper-Parameter Optimization"; Optuna 3.x defaults).
import type { Rng } from '../random.js';
import { logNormalMass, logSumExp, logTruncNormalPdf, sampleTruncNormal } from './gaussian.js';
import type { InternalDomain } from './space.js';

export interface ParzenOptions {
  /** Weight of the prior kernel (centred, σ = range; uniform for categoricals); default 1. */
  priorWeight: number;
  /** Clip σ below at range / min(100, 1 + #kernels) (Optuna's "magic clip"); default true. */
  magicClip: boolean;
  /** Let the outermost kernels use the distance to the domain ends; default false. */
  considerEndpoints: boolean;
  /** One shared kernel index across dimensions with Scott-rule bandwidths (Optuna multivariate); default false. */
  multivariate: boolean;
}

interface DimKernels {
  readonly domain: InternalDomain;
  readonly mus: Float64Array;
  readonly sigmas: Float64Array;
  /** Categorical: kernel-major probability table (kernels × choices). */
  readonly table: Float64Array;
}

/** A mixture with one kernel per observation plus the prior kernel (last), over dims that share a kernel index. */
export class ParzenEstimator {
  private readonly weights: Float64Array;
  private readonly dims: DimKernels[];

  /** `observations[d][i]` = internal value of dim d in observation i; `weights` one per observation. */
  constructor(domains: readonly InternalDomain[], observations: readonly Float64Array[], weights: Float64Array, options: ParzenOptions) {
    const n = weights.length;
    const w = new Float64Array(n + 1);
    w.set(weights);
    w[n] = options.priorWeight;
    const total = w.reduce((a, b) => a + b, 0);
    this.weights = w.map((v) => v / total);
    this.dims = domains.map((domain, d) => buildDim(domain, observations[d] ?? new Float64Array(0), options, domains.length));
  }

  /** Draws `count` points; returns one Float64Array of internal values per dimension. */
  sample(rng: Rng, count: number): Float64Array[] {
    const out = this.dims.map(() => new Float64Array(count));
    for (let s = 0; s < count; s++) {
      const comp = rng.choiceWeighted(this.weights);
      this.dims.forEach((dim, d) => {
        (out[d] as Float64Array)[s] = sampleKernel(dim, comp, rng);
      });
    }
    return out;
  }

  /** log density (mass for discrete dims) of each point under the mixture (shared kernel index across dims). */
  logPdf(points: readonly Float64Array[]): Float64Array {
    const count = points[0]?.length ?? 0;
    const k = this.weights.length;
    const out = new Float64Array(count);
    const terms = new Float64Array(k);
    for (let s = 0; s < count; s++) {
      for (let c = 0; c < k; c++) {
        let lp = Math.log(this.weights[c] ?? 0);
        this.dims.forEach((dim, d) => {
          lp += logKernel(dim, c, (points[d] as Float64Array)[s] ?? 0);
        });
        terms[c] = lp;
      }
      out[s] = logSumExp(terms);
    }
    return out;
  }
}

function buildDim(domain: InternalDomain, obs: Float64Array, o: ParzenOptions, nDims: number): DimKernels {
  const n = obs.length;
  if (domain.categorical) {
    const c = domain.nChoices;
    const table = new Float64Array((n + 1) * c);
    // Each observation's kernel puts mass 1 on its choice plus prior/(n+1) smoothing on all; the prior is uniform.
    const smooth = o.priorWeight / (n + 1);
    for (let i = 0; i <= n; i++) {
      let rowSum = 0;
      for (let j = 0; j < c; j++) {
        const v = smooth + (i < n && Math.round(obs[i] ?? -1) === j ? 1 : 0);
        table[i * c + j] = v;
        rowSum += v;
      }
      for (let j = 0; j < c; j++) table[i * c + j] = (table[i * c + j] ?? 0) / rowSum;
    }
    return { domain, mus: new Float64Array(0), sigmas: new Float64Array(0), table };
  }
  const range = domain.high - domain.low;
  const mus = new Float64Array(n + 1);
  mus.set(obs);
  mus[n] = 0.5 * (domain.low + domain.high);
  const sigmas = o.multivariate
    ? new Float64Array(n + 1).fill(0.2 * Math.max(n, 1) ** (-1 / (nDims + 4)) * range)
    : neighbourSigmas(mus, domain, o.considerEndpoints);
  const minSigma = o.magicClip ? range / Math.min(100, 1 + mus.length) : 1e-12;
  for (let i = 0; i < sigmas.length; i++) sigmas[i] = Math.min(range, Math.max(minSigma, sigmas[i] ?? 0));
  sigmas[n] = range;
  return { domain, mus, sigmas, table: new Float64Array(0) };
}

/** σ_i = max distance to the neighbouring sorted centre (domain ends as outer neighbours), Optuna's univariate rule. */
function neighbourSigmas(mus: Float64Array, domain: InternalDomain, considerEndpoints: boolean): Float64Array {
  const m = mus.length;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => (mus[a] ?? 0) - (mus[b] ?? 0));
  const sorted = [domain.low, ...order.map((i) => mus[i] ?? 0), domain.high];
  const sortedSigmas = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const here = sorted[i + 1] ?? 0;
    sortedSigmas[i] = Math.max(here - (sorted[i] ?? 0), (sorted[i + 2] ?? 0) - here);
  }
  if (!considerEndpoints && sorted.length >= 4) {
    sortedSigmas[0] = (sorted[2] ?? 0) - (sorted[1] ?? 0);
    sortedSigmas[m - 1] = (sorted[m] ?? 0) - (sorted[m - 1] ?? 0);
  }
  const sigmas = new Float64Array(m);
  order.forEach((orig, pos) => (sigmas[orig] = sortedSigmas[pos] ?? 0));
  return sigmas;
}

function sampleKernel(dim: DimKernels, comp: number, rng: Rng): number {
  const dom = dim.domain;
  if (dom.categorical) return rng.choiceWeighted(dim.table.subarray(comp * dom.nChoices, (comp + 1) * dom.nChoices));
  const v = sampleTruncNormal(rng, dim.mus[comp] ?? 0, dim.sigmas[comp] ?? 1, dom.low, dom.high);
  if (dom.step === undefined) return v;
  const lowValue = dom.low + 0.5 * dom.step;
  const highValue = dom.high - 0.5 * dom.step;
  return Math.min(highValue, Math.max(lowValue, lowValue + Math.round((v - lowValue) / dom.step) * dom.step));
}

function logKernel(dim: DimKernels, comp: number, x: number): number {
  const dom = dim.domain;
  if (dom.categorical) return Math.log(dim.table[comp * dom.nChoices + Math.round(x)] ?? 0);
  const mu = dim.mus[comp] ?? 0;
  const sigma = dim.sigmas[comp] ?? 1;
  if (dom.step === undefined) return logTruncNormalPdf(x, mu, sigma, dom.low, dom.high);
  const half = 0.5 * dom.step;
  const a = (x - half - mu) / sigma;
  const b = (x + half - mu) / sigma;
  return logNormalMass(a, b) - logNormalMass((dom.low - mu) / sigma, (dom.high - mu) / sigma);
}
