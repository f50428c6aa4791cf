// The native xxh3 binding (@node-rs/xxhash), loaded on first use: a no-op run never needs it.
import { createRequire } from 'node:module';

export type Xxh3 = typeof import('@node-rs/xxhash').xxh3;
let binding: Xxh3 | undefined;

/**
 * XXH3's default 192-byte secret (`XXH3_kSecret` of the reference xxhash.h). XXH3-128 with this secret and no
 * seed *is* plain XXH3-128, bit for bit, for every input length (checked by the tests against `xxh3.xxh128`).
 */
const K_SECRET = Buffer.from(
  'b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671fcb79e64eccc0e578825ad07dccff7221' +
    'b8084674f743248ee03590e6813a264c3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8' +
    'a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364eac5ac8334d3ebc3c581a0fffa1363eb' +
    '170ddd51b7f0da49d316552629d4689e2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e',
  'hex',
);

/** The xxh3 namespace of @node-rs/xxhash. */
export function xxh3(): Xxh3 {
  binding ??= (createRequire(import.meta.url)('@node-rs/xxhash') as typeof import('@node-rs/xxhash')).xxh3;
  return binding;
}

/**
 * XXH3-128 of `data` (seed 0, default secret). Goes through `xxh128WithSecret` with the default secret: in
 * @node-rs/xxhash 1.7.8 the one-shot `xxh128` runs at ~1 GB/s on long inputs while the with-secret entry point
 * computes the same value at ~6–15 GB/s.
 */
export function xxh128(data: Uint8Array | string): bigint {
  return xxh3().xxh128WithSecret(data, K_SECRET);
}
