// Parzen (kernel-density) estimator of TPE over one or several parameters in their internal domains
// (Bergstra et al., 2011, "Algorithms for Hyper-Parameter Optimization"; Optuna 3.x defaults).
import type { Rng } from '../../util/random.js';
import { logNormalMass, logSumExp, sampleTruncNormal } from './gaussian.js';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
import type { InternalDomain } from './space.js';

export interface ParzenOptions {
  /** Weight of the prior kernel (centred, σ = range; uniform for categoricals); default 1. */
  priorWeight: number;
  /** Clip σ below at range / min(100, 1 + magicClipScale·#kernels) (Optuna's "magic clip" has scale 1). */
  magicClip: boolean;
  magicClipScale: number;
  /** Let the outermost kernels use the distance to the domain ends; default false. */
  considerEndpoints: boolean;
  /** One shared kernel index across dimensions (Optuna multivariate). */
  multivariate: boolean;
  /**
   * 'neighbour': σ_i = distance to the farther neighbouring centre in that dimension (Optuna's univariate rule);
   * 'scott': 0.2·n^(−1/(d+4))·range (Optuna's multivariate rule).
   */
  bandwidth: 'neighbour' | 'scott';
}

interface DimKernels {
  readonly domain: InternalDomain;
  readonly mus: Float64Array;
  readonly sigmas: Float64Array;
  /** log of each kernel's probability mass inside the domain (truncation normaliser). */
  readonly logZ: Float64Array;
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
      const comp = rng.weighted(this.weights);
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
    // terms[s·k + c] = log w_c + Σ_d log kernel_{c,d}(x_{s,d}), accumulated dimension by dimension.
    const terms = new Float64Array(count * k);
    for (let s = 0; s < count; s++) {
      for (let c = 0; c < k; c++) terms[s * k + c] = Math.log(this.weights[c] ?? 0);
    }
    this.dims.forEach((dim, d) => addLogKernels(dim, points[d] ?? new Float64Array(count), terms, k));
    const out = new Float64Array(count);
    for (let s = 0; s < count; s++) out[s] = logSumExp(terms.subarray(s * k, (s + 1) * k));
    return out;
  }
}

/** Adds log kernel_c(x_s) of one dimension to terms[s·k + c] for every point s and kernel c. */
function addLogKernels(dim: DimKernels, xs: Float64Array, terms: Float64Array, k: number): void {
  const dom = dim.domain;
  if (dom.categorical) {
    for (let s = 0; s < xs.length; s++) {
      const j = Math.round(xs[s] ?? 0);
      for (let c = 0; c < k; c++) terms[s * k + c] = (terms[s * k + c] ?? 0) + Math.log(dim.table[c * dom.nChoices + j] ?? 0);
    }
    return;
  }
  if (dom.high === dom.low) return; // a fixed parameter: the same density under every kernel
  const { mus, sigmas, logZ } = dim;
  const invSigma = sigmas.map((v) => 1 / v);
  const constant = sigmas.map((v, c) => -LOG_SQRT_2PI - Math.log(v) - (logZ[c] ?? 0));
  const half = dom.step === undefined ? 0 : 0.5 * dom.step;
  for (let s = 0; s < xs.length; s++) {
    const x = xs[s] ?? 0;
    for (let c = 0; c < k; c++) {
      const mu = mus[c] ?? 0;
      const inv = invSigma[c] ?? 1;
      let v: number;
      if (half === 0) {
        const z = (x - mu) * inv;
        v = -0.5 * z * z + (constant[c] ?? 0);
      } else {
        v = logNormalMass((x - half - mu) * inv, (x + half - mu) * inv) - (logZ[c] ?? 0);
      }
      terms[s * k + c] = (terms[s * k + c] ?? 0) + v;
    }
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
    return { domain, mus: new Float64Array(0), sigmas: new Float64Array(0), logZ: new Float64Array(0), table };
  }
  const range = domain.high - domain.low;
  const mus = new Float64Array(n + 1);
  mus.set(obs);
  mus[n] = 0.5 * (domain.low + domain.high);
  // The prior kernel takes no part in the neighbour rule; its σ is the whole range.
  const sigmas = new Float64Array(n + 1);
  if (o.bandwidth === 'scott') sigmas.fill(0.2 * Math.max(n, 1) ** (-1 / (nDims + 4)) * range);
  else sigmas.set(neighbourSigmas(mus.subarray(0, n), domain, o.considerEndpoints));
  const minSigma = o.magicClip ? range / Math.min(100, 1 + o.magicClipScale * (n + 1)) : 1e-12;
  for (let i = 0; i < sigmas.length; i++) sigmas[i] = Math.min(range, Math.max(minSigma, sigmas[i] ?? 0));
  sigmas[n] = range;
  const logZ = mus.map((mu, i) => {
    const s = sigmas[i] ?? 1;
    return logNormalMass((domain.low - mu) / s, (domain.high - mu) / s);
  });
  return { domain, mus, sigmas, logZ, table: new Float64Array(0) };
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
  if (dom.categorical) return rng.weighted(dim.table.subarray(comp * dom.nChoices, (comp + 1) * dom.nChoices));
  if (dom.high === dom.low) return dom.low;
  const v = sampleTruncNormal(rng, dim.mus[comp] ?? 0, dim.sigmas[comp] ?? 1, dom.low, dom.high);
  if (dom.step === undefined) return v;
  const lowValue = dom.low + 0.5 * dom.step;
  const highValue = dom.high - 0.5 * dom.step;
  return Math.min(highValue, Math.max(lowValue, lowValue + Math.round((v - lowValue) / dom.step) * dom.step));
}
