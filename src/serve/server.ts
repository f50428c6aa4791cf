// The HTTP server: fastify with auth, limits, metrics and JSON errors; the model loads after the port opens
// (GET /health answers 503 until it is ready).
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import multipart from '@fastify/multipart';
import { errorBody, apiErrorOf, type ApiError } from './api-error.js';
import { Authenticator } from './auth.js';
import { closeDraining } from './drain.js';
import { loadModel, type LoadedModel } from './loaded-model.js';
import { openApiDocument } from './openapi.js';
import { CostGate } from './cost-gate.js';
import { registerPredictRoutes } from './predict-routes.js';
import type { ModelState, RouteAccess } from './route-types.js';
import type { ServeConfig } from './serve-config.js';
import { createServeMetrics, type ServeMetrics } from './serve-metrics.js';

export const SERVER_VERSION = '0.1.0';

export interface ServeOptions {
  readonly modelDir: string;
  readonly host: string;
  readonly port: number;
  readonly workers: number;
  readonly config: ServeConfig;
  /** fastify/pino log level, or false for no log. */
  readonly logLevel?: string | false;
}

/** A running server. */
export interface Server {
  readonly app: FastifyInstance;
  /** `http://host:port` actually bound. */
  readonly url: string;
  /** Resolves when the model is loaded (or failed: see `state`). */
  readonly ready: Promise<void>;
  state(): ModelState;
  close(): Promise<void>;
}

/** Starts listening, then loads the model in the background. */
export async function startServer(options: ServeOptions): Promise<Server> {
  const { limits } = options.config;
  const auth = new Authenticator(options.config.auth);
  let state: ModelState = { kind: 'loading' };
  const metrics = createServeMetrics(() => (state.kind === 'ready' ? state.model : undefined));
  const app = Fastify({
    logger: options.logLevel === false || options.logLevel === undefined ? false : { level: options.logLevel },
    bodyLimit: limits.maxRequestBytes,
    requestTimeout: limits.requestTimeoutMs,
    return503OnClosing: true,
  });
  await app.register(multipart, {
    limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: 16, parts: limits.maxFiles + 16, fieldSize: 4096, headerPairs: 200 },
  });
  const send = (reply: FastifyReply, e: ApiError): FastifyReply => reply.code(e.status).send(errorBody(e));

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config as Partial<RouteAccess> | undefined;
    if (access?.role === undefined) return;
    const decision = auth.check(request.headers.authorization ?? headerValue(request.headers['x-api-key']), access.role, access.publicAs);
    if (!decision.ok) return send(reply, { status: decision.status, code: decision.code, message: decision.message });
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > limits.maxRequestBytes) return send(reply, { status: 413, code: 'body-too-large', message: `the request body exceeds ${limits.maxRequestBytes} bytes` });
    return undefined;
  });
  app.addHook('onResponse', async (request, reply) => {
    const endpoint = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: request.method, endpoint, status: String(reply.statusCode) });
    metrics.latency.observe({ method: request.method, endpoint }, reply.elapsedTime / 1000);
  });
  app.setErrorHandler((error, request, reply) => {
    const e = apiErrorOf(error, limits);
    if (e.status >= 500) request.log.error({ err: error }, 'request failed');
    return send(reply, e);
  });
  app.setNotFoundHandler((request, reply) => send(reply, { status: 404, code: 'not-found', message: `no route ${request.method} ${request.url.split('?')[0]}` }));

  registerInfoRoutes(app, metrics, () => state, options);
  const gate = new CostGate(() => (state.kind === 'ready' ? state.model.pool.size : 1), limits.maxQueue);
  registerPredictRoutes(app, metrics, () => state, limits, send, gate);
  // single flight: concurrent reloads share one load (starting workers is the expensive part)
  let reloading: Promise<LoadedModel | Error> | undefined;
  const reload = (): Promise<LoadedModel | Error> => {
    if (reloading !== undefined) return reloading;
    metrics.modelReloads.inc();
    reloading = loadModel({ dir: options.modelDir, workers: options.workers, limits })
      .then(
        (next) => {
          const old = state;
          state = { kind: 'ready', model: next };
          // Requests already on the old model finish there; new ones go to the new model.
          if (old.kind === 'ready') void old.model.pool.closeWhenIdle(limits.predictTimeoutMs);
          return next;
        },
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      )
      .finally(() => (reloading = undefined));
    return reloading;
  };
  app.post('/admin/reload', { config: { role: 'admin' } satisfies RouteAccess }, async (_request, reply) => {
    const next = await reload();
    if (next instanceof Error) return send(reply, { status: 422, code: 'reload-failed', message: next.message.split('\n')[0]! });
    return { status: 'reloaded', version: next.version };
  });

  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const ready = loadModel({ dir: options.modelDir, workers: options.workers, limits }).then(
    (model) => void (state = { kind: 'ready', model }),
    (error: unknown) => void (state = { kind: 'failed', message: error instanceof Error ? error.message.split('\n')[0]! : String(error) }),
  );
  return {
    app,
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    ready,
    state: () => state,
    async close() {
      await ready;
      await closeDraining(app, limits.predictTimeoutMs + 1000); // in-flight requests finish (a prediction ends by its timeout)
      if (state.kind === 'ready') await state.model.pool.close();
    },
  };
}

function registerInfoRoutes(app: FastifyInstance, metrics: ServeMetrics, state: () => ModelState, options: ServeOptions): void {
  const started = Date.now();
  app.get('/health', { config: { role: 'viewer', publicAs: 'health' } satisfies RouteAccess }, async (_request, reply) => {
    const s = state();
    const uptime_s = Math.round((Date.now() - started) / 100) / 10;
    if (s.kind !== 'ready') {
      const detail = s.kind === 'failed' ? { error: s.message } : {};
      return reply.code(503).send({ status: s.kind, server_version: SERVER_VERSION, uptime_s, ...detail });
    }
    const m = s.model;
    return {
      status: 'ok',
      model: { name: m.name, feature_set: m.bundle.featureSet, version: m.version, classes: m.bundle.classes, loaded_at: m.loadedAt.toISOString() },
      server_version: SERVER_VERSION,
      uptime_s,
      workers: options.workers,
    };
  });
  app.get('/metrics', { config: { role: 'viewer', publicAs: 'metrics' } satisfies RouteAccess }, async (_request, reply) => {
    const text = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(text);
  });
  const doc = openApiDocument(SERVER_VERSION);
  app.get('/openapi.json', { config: { role: 'viewer', publicAs: 'docs' } satisfies RouteAccess }, async () => doc);
  app.get('/docs', { config: { role: 'viewer', publicAs: 'docs' } satisfies RouteAccess }, async () => doc);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

