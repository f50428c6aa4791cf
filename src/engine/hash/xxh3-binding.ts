// The native xxh3 binding (@node-rs/xxhash), loaded on first use: a no-op run never needs it.
import { createRequire } from 'node:module';

export type Xxh3 = typeof import('@node-rs/xxhash').xxh3;
let binding: Xxh3 | undefined;

/** The xxh3 namespace of @node-rs/xxhash. */
export function xxh3(): Xxh3 {
  binding ??= (createRequire(import.meta.url)('@node-rs/xxhash') as typeof import('@node-rs/xxhash')).xxh3;
  return binding;
}
