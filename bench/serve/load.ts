// A typed wrapper over autocannon (which ships no type declarations) returning what the serve bench reports.
import { createRequire } from 'node:module';

export interface LoadOptions {
  readonly url: string;
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
  readonly connections: number;
  /** Seconds to run, unless `amount` is given. */
  readonly duration?: number;
  /** Requests to make. */
  readonly amount?: number;
}

export interface LoadResult {
  readonly requests: number;
  /** Completed requests per second. */
  readonly throughput: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Connection errors, timeouts and non-2xx responses. */
  readonly errors: number;
}

interface AutocannonResult {
  readonly requests: { readonly average: number; readonly total: number };
  readonly latency: { readonly p50: number; readonly p99: number };
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly duration: number;
}

type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Runs one autocannon load against `url` with POST `body`. */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const r = await autocannon({
    url: o.url,
    method: 'POST',
    headers: o.headers,
    body: o.body,
    connections: o.connections,
    ...(o.amount !== undefined ? { amount: o.amount } : { duration: o.duration ?? 10 }),
    timeout: 30,
  });
  return {
    requests: r.requests.total,
    throughput: r.requests.total / Math.max(1e-9, r.duration),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
  };
}
