// Test support for test/deploy: Debian's prometheus/promtool when installed, a Prometheus started on a free
// loopback port with a temporary data directory, and its HTTP query API.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Absolute path of a command on PATH (or in /usr/bin, where Debian puts prometheus), or undefined. */
export function findCommand(name: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${name} || { [ -x /usr/bin/${name} ] && echo /usr/bin/${name}; }`], { encoding: 'utf8' });
  const path = r.stdout.trim();
  return path === '' ? undefined : path;
}

/** A free TCP port on 127.0.0.1 (free when asked; the caller binds it right away). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One sample of an instant query's vector result. */
export interface Sample {
  readonly metric: Record<string, string>;
  readonly value: number;
}

/** A running Prometheus and its query API. */
export class TestPrometheus {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly log: () => string,
  ) {}

  /** Starts `binary` with `configFile` on 127.0.0.1, data in `dataDir`; resolves once /-/ready answers 200. */
  static async start(binary: string, configFile: string, dataDir: string): Promise<TestPrometheus> {
    const port = await freePort();
    const child = spawn(binary, [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dataDir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
    const prometheus = new TestPrometheus(child, `http://127.0.0.1:${port}`, () => log);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${log}`);
      const ok = await fetch(`${prometheus.url}/-/ready`).then((r) => r.ok, () => false);
      if (ok) return prometheus;
      await sleep(200);
    }
    await prometheus.stop();
    throw new Error(`prometheus not ready after 20 s: ${log}`);
  }

  /** GET /api/v1/<path>; throws with Prometheus' error message when the API answers an error. */
  async api<T>(path: string, params: Record<string, string> = {}): Promise<T> {
    const res = await fetch(`${this.url}/api/v1/${path}?${new URLSearchParams(params).toString()}`);
    const body = (await res.json()) as { status: string; data: T; errorType?: string; error?: string };
    if (body.status !== 'success') throw new Error(`prometheus ${path} ${JSON.stringify(params)}: ${body.errorType}: ${body.error}`);
    return body.data;
  }

  /** Evaluates an instant query; the vector's samples (a scalar result is one sample without labels). */
  async query(expr: string): Promise<Sample[]> {
    const data = await this.api<{ resultType: string; result: unknown }>('query', { query: expr });
    if (data.resultType === 'scalar') return [{ metric: {}, value: Number((data.result as [number, string])[1]) }];
    if (data.resultType !== 'vector') throw new Error(`${expr}: expected a vector, got ${data.resultType}`);
    return (data.result as { metric: Record<string, string>; value: [number, string] }[]).map((s) => ({ metric: s.metric, value: Number(s.value[1]) }));
  }

  /** Re-evaluates `expr` until `accept` holds for its samples (scrapes and rule evaluations are periodic). */
  async waitFor(expr: string, accept: (samples: Sample[]) => boolean, timeoutMs = 20_000): Promise<Sample[]> {
    const deadline = Date.now() + timeoutMs;
    let last: Sample[] = [];
    while (Date.now() < deadline) {
      last = await this.query(expr);
      if (accept(last)) return last;
      await sleep(250);
    }
    throw new Error(`${expr}: condition not met within ${timeoutMs} ms; last result ${JSON.stringify(last)}; prometheus log: ${this.log()}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}
