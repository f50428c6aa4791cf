// closeDraining: a request that never ends cannot hold the shutdown past the deadline.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { closeDraining } from './drain.js';

describe('closeDraining', () => {
  it('cuts a request still open at the deadline and resolves', async () => {
    const app = Fastify();
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    app.get('/stuck', async () => {
      entered();
      return new Promise(() => undefined); // never answers
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const call = fetch(`http://127.0.0.1:${port}/stuck`).then(() => 'answered', () => 'cut');
    await inside;
    const started = Date.now();
    await closeDraining(app, 300);
    const tookMs = Date.now() - started;
    expect(tookMs).toBeGreaterThanOrEqual(250);
    expect(tookMs).toBeLessThan(2000);
    expect(await call).toBe('cut');
  });
});
