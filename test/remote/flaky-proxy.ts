// An HTTP proxy in front of a loopback S3 server that answers 503 SlowDown to the first `failures` requests for
// every object key it is told to trouble, so that tests see transient errors retried end to end.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FlakyProxy {
  readonly endpoint: string;
  /** 503 answers given so far. */
  readonly refused: () => number;
  stop(): Promise<void>;
}

/** Proxies to `upstream`; a request whose path matches `troubled` gets 503 SlowDown its first `failures` times. */
export async function startFlakyProxy(upstream: string, troubled: RegExp, failures: number): Promise<FlakyProxy> {
  const target = new URL(upstream);
  const seen = new Map<string, number>();
  let refused = 0;
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const key = `${req.method ?? ''} ${url.split('?')[0] ?? url}`;
    if (troubled.test(key) && req.method !== 'HEAD') {
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      if (n <= failures) {
        refused++;
        req.resume();
        res.writeHead(503, { 'content-type': 'application/xml' });
        res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
        return;
      }
    }
    const up = request({ host: target.hostname, port: target.port, method: req.method, path: url, headers: req.headers }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    refused: () => refused,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
