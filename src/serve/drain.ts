// Graceful shutdown of the HTTP server: stop accepting, let requests in flight finish, close each keep-alive
// connection as soon as it goes idle (instead of waiting for the client or the keep-alive timeout), and cut
// whatever is still open at the deadline.
import type { FastifyInstance } from 'fastify';

/** How often connections that went idle during the drain are closed. */
const IDLE_SWEEP_MS = 50;

/** Closes `app` after draining in-flight requests for at most `deadlineMs`; resolves when it is closed. */
export async function closeDraining(app: FastifyInstance, deadlineMs: number): Promise<void> {
  const sweep = setInterval(() => app.server.closeIdleConnections(), IDLE_SWEEP_MS);
  const cut = setTimeout(() => app.server.closeAllConnections(), deadlineMs);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
    clearTimeout(cut);
  }
}
