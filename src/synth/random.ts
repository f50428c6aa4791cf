// Seeded pseudo-random numbers for the demo-corpus synthesiser.
//
// Generator: xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number generators", 2018/2021),
// state seeded through splitmix32-style mixing. Seeds are derived per child / per clip with `deriveSeed`, so a
// clip's audio depends only on (corpus seed, child, clip index) and never on the order clips are rendered in.

/** Finalises a 32-bit hash (the murmur3 `fmix32` avalanche). */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Derives an independent 32-bit seed from a base seed and integer tags (child index, clip index, purpose…). */
export function deriveSeed(base: number, ...tags: readonly number[]): number {
  let h = mix32((base >>> 0) ^ 0x9e3779b9);
  for (const tag of tags) h = mix32((h + Math.imul(tag >>> 0, 0x27d4eb2d) + 0x165667b1) >>> 0);
  return h;
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** A small seeded generator (xoshiro128**) with the distributions the synthiser needs. */
export class Rng {
  // State kept as int32 in a typed array: uint32 values in object fields would be boxed as heap doubles.
  private readonly s = new Int32Array(4);
  private spare: number | undefined;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`Rng: seed must be a finite number, got ${seed}`);
    let x = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      this.s[i] = mix32(x);
    }
    if (this.s.every((v) => v === 0)) this.s[0] = 1;
  }

  /** Next raw 32-bit unsigned integer. */
  nextU32(): number {
    const s = this.s;
    const s0 = s[0] as number;
    const s1 = s[1] as number;
    const s2 = (s[2] as number) ^ s0;
    const s3 = (s[3] as number) ^ s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    s[0] = s0 ^ s3;
    s[1] = s1 ^ s2;
    s[2] = s2 ^ (s1 << 9);
    s[3] = rotl(s3, 11);
    return result;
  }

  /** Uniform float in [0, 1) with 32 bits of resolution. */
  float(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    if (hi < lo) throw new RangeError(`Rng.int: empty range [${lo}, ${hi}]`);
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Gaussian deviate (Marsaglia polar method). */
  normal(mean = 0, sd = 1): number {
    if (this.spare !== undefined) {
      const z = this.spare;
      this.spare = undefined;
      return mean + sd * z;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.float() - 1;
      v = 2 * this.float() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return mean + sd * u * f;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new RangeError('Rng.pick: empty array');
    return item;
  }

  /** Index drawn with probability proportional to non-negative weights. */
  weighted(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += Math.max(0, weights[i] ?? 0);
    if (!(total > 0)) throw new RangeError('Rng.weighted: weights must have a positive sum');
    let r = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= Math.max(0, weights[i] ?? 0);
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Fills `out` with uniform white noise in [-1, 1) (variance 1/3) and returns it. */
  fillUniform(out: Float32Array): Float32Array {
    for (let i = 0; i < out.length; i++) out[i] = this.nextU32() / 2147483648 - 1;
    return out;
  }
}
