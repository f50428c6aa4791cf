// The project's one seeded pseudo-random generator: xoshiro128** (Blackman & Vigna, "Scrambled linear
// pseudorandom number generators", 2018/2021), its state seeded through splitmix32. Pure 32-bit integer arithmetic
// (Math.imul), so a stream is identical on every platform and Node version. Used by the demo-corpus synthesiser,
// the splits, SMOTE, the TPE sampler and the gradient-boosting row/column sampling.

/** Finalises a 32-bit hash (the murmur3 `fmix32` avalanche). */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Derives an independent 32-bit seed from a base seed and integer tags (child index, clip index, purpose…), so
 * that what a tag list seeds never depends on the order in which other things are drawn. */
export function deriveSeed(base: number, ...tags: readonly number[]): number {
  let h = mix32((base >>> 0) ^ 0x9e3779b9);
  for (const tag of tags) h = mix32((h + Math.imul(tag >>> 0, 0x27d4eb2d) + 0x165667b1) >>> 0);
  return h;
}

/** splitmix32 step: a well-mixed 32-bit value from a 32-bit state (used only for seeding). */
function splitmix32(state: number): [value: number, next: number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return [(z ^ (z >>> 15)) >>> 0, next];
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** A seeded xoshiro128** generator; `stream` selects an independent sequence for the same seed. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | undefined;

  constructor(seed: number, stream = 0) {
    if (!Number.isInteger(seed) || !Number.isInteger(stream)) {
      throw new TypeError(`Rng: seed and stream must be integers, got ${seed}, ${stream}`);
    }
    // Mix both halves of a (possibly > 2^32) seed and the stream into the splitmix state.
    let st = (seed % 0x100000000) ^ Math.imul(Math.floor(seed / 0x100000000), 0x85ebca6b);
    st = (st ^ Math.imul(stream + 1, 0xc2b2ae35)) | 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [v, n] = splitmix32(st);
      words.push(v);
      st = n;
    }
    [this.s0, this.s1, this.s2, this.s3] = words as [number, number, number, number];
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    this.spareNormal = undefined;
  }

  /** Next uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  float(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform double in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.float();
  }

  /** Uniform integer in [0, n) without modulo bias. */
  nextInt(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 0x100000000) {
      throw new RangeError(`Rng.nextInt: n must be an integer in [1, 2^32], got ${n}`);
    }
    const limit = 0x100000000 - (0x100000000 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    if (hi < lo) throw new RangeError(`Rng.int: empty range [${lo}, ${hi}]`);
    return lo + this.nextInt(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Gaussian deviate (Marsaglia polar method), standard unless `mean` and `sd` are given. */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return mean + sd * z;
    }
    for (;;) {
      const u = 2 * this.float() - 1;
      const v = 2 * this.float() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const m = Math.sqrt((-2 * Math.log(s)) / s);
        this.spareNormal = v * m;
        return mean + sd * u * m;
      }
    }
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.pick: empty array');
    return items[this.nextInt(items.length)] as T;
  }

  /** Index drawn with probability proportional to the weights (negative weights count as 0). */
  weighted(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += Math.max(0, weights[i] ?? 0);
    if (!(total > 0)) throw new RangeError('Rng.weighted: weights must have a positive sum');
    let r = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= Math.max(0, weights[i] ?? 0);
      if (r < 0) return i;
    }
    // Rounding left r ≥ 0 after the last subtraction: the last index with a positive weight.
    for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] ?? 0) > 0) return i;
    return weights.length - 1;
  }

  /** Shuffles `arr` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(arr: T): T {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const tmp = arr[i];
      arr[i] = arr[j];
      arr[j] = tmp;
    }
    return arr;
  }

  /** Fills `out` with uniform white noise in [-1, 1) (variance 1/3) and returns it. */
  fillUniform(out: Float32Array): Float32Array {
    for (let i = 0; i < out.length; i++) out[i] = this.nextUint32() / 2147483648 - 1;
    return out;
  }
}
