// The annotation server: fastify on loopback by default, the page and its assets, a JSON API behind bearer
// tokens with roles, audio slices of the recordings, and a strict Content-Security-Policy (scripts only from
// this server, no inline script) as a second line behind the page's text-only rendering.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { TokenAuth } from './annotate-auth.js';
import type { AnnotateConfig } from './annotate-config.js';
import { AnnotateSession, type Principal } from './annotate-session.js';
import { itemView } from './item-view.js';
import { ACTIONS, regionSchema } from './log-event.js';
import { progressOf, queuePage, STATUS_FILTERS } from './queue.js';
import { loadAssets } from './static-assets.js';
import { formatProblem } from './suggestion.js';
import { spectrogramJpeg } from './spectrogram-image.js';
import { sliceSamples, sliceWav } from './wav-slice.js';

export interface AnnotateServerOptions {
  readonly session: AnnotateSession;
  readonly config: AnnotateConfig;
  readonly host: string;
  readonly port: number;
}

export interface AnnotateServer {
  readonly app: FastifyInstance;
  readonly url: string;
  close(): Promise<void>;
}

const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const MAX_SLICE_S = 120;

const actionSchema = z
  .object({
    item: z.string().max(200),
    action: z.enum(ACTIONS),
    label: z.string().max(64).optional(),
    regions: z.array(regionSchema).max(64).optional(),
    comment: z.string().max(10_000).optional(),
    from: z.string().max(64).optional(),
  })
  .strict();

const queueSchema = z.object({
  status: z.enum(STATUS_FILTERS).default('todo'),
  label: z.string().max(64).optional(),
  min: z.coerce.number().min(0).max(1).optional(),
  max: z.coerce.number().min(0).max(1).optional(),
  recording: z.string().max(1000).optional(),
  offset: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const audioSchema = z.object({ file: z.string().min(1).max(1000), start: z.coerce.number().finite().min(0), end: z.coerce.number().finite().min(0) });

/** Starts the server; resolves once it listens. */
export async function startAnnotateServer(options: AnnotateServerOptions): Promise<AnnotateServer> {
  const { session, config } = options;
  const auth = new TokenAuth(config.tokens);
  const assets = loadAssets();
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, forceCloseConnections: true });
  const principals = new WeakMap<FastifyRequest, Principal>();
  const who = (request: FastifyRequest): Principal => principals.get(request)!;
  const fail = (reply: FastifyReply, status: number, message: string): FastifyReply => reply.code(status).send({ error: message });

  app.addHook('onSend', async (_request, reply) => {
    reply.header('Content-Security-Policy', CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return undefined;
    const entry = auth.check(request.headers.authorization);
    if (entry === undefined) return fail(reply, 401, 'a valid token is required (Authorization: Bearer <token>)');
    principals.set(request, entry);
    return undefined;
  });
  app.setErrorHandler((error, _request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return fail(reply, status >= 400 && status < 600 ? status : 500, status >= 500 ? 'internal error' : (error as Error).message);
  });

  for (const [path, asset] of assets) {
    app.get(path, async (_request, reply) => reply.type(asset.type).header('Cache-Control', 'no-cache').send(asset.body));
  }

  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());

  app.get('/api/session', async (request) => {
    const p = who(request);
    const { problems } = session.input;
    return {
      annotator: p.name, role: p.role, labels: session.input.labels, context_seconds: config.contextS, model: session.input.modelId,
      source: session.input.source, recordings: [...session.input.recordings.keys()].sort(),
      problems: problems.slice(0, 200).map(formatProblem), n_problems: problems.length,
      progress: progressOf(session.state, p.name),
    };
  });

  app.get('/api/queue', async (request, reply) => {
    const q = queueSchema.safeParse(request.query);
    if (!q.success) return fail(reply, 400, `bad query: ${q.error.issues[0]?.path.join('.')}: ${q.error.issues[0]?.message}`);
    const p = who(request);
    const f = q.data;
    const filter = { status: f.status, label: f.label || undefined, minProbability: f.min, maxProbability: f.max, recording: f.recording || undefined };
    const page = queuePage(session.state, p.name, p.role !== 'annotator', filter, f.offset, f.limit);
    return { total: page.total, offset: f.offset, items: page.items.map((i) => itemView(session, i, p)), progress: progressOf(session.state, p.name) };
  });

  app.get<{ Params: { id: string } }>('/api/item/:id', async (request, reply) => {
    const item = session.state.items.get(request.params.id);
    if (item === undefined) return fail(reply, 404, 'no such item');
    return itemView(session, item, who(request));
  });

  /** The recording a slice request names, or the reply refusing it (403 outside the folder, 404 unknown). */
  const sliceOf = (request: FastifyRequest, reply: FastifyReply): { samples: Float32Array; sampleRateHz: number } | FastifyReply => {
    const q = audioSchema.safeParse(request.query);
    if (!q.success || !(q.data.end > q.data.start) || q.data.end - q.data.start > MAX_SLICE_S) return fail(reply, 400, `give file, start and end (at most ${MAX_SLICE_S} s apart)`);
    const recording = session.input.recordings.get(q.data.file);
    if (recording === undefined) {
      const refused = session.input.audio.resolveFile(q.data.file);
      return fail(reply, refused.ok ? 404 : refused.reason === 'outside' ? 403 : 404, refused.ok ? 'not a recording of this session' : refused.message);
    }
    return { samples: sliceSamples(recording.realPath, recording.layout, q.data.start, q.data.end), sampleRateHz: recording.layout.sampleRateHz };
  };

  app.get('/api/audio', async (request, reply) => {
    const slice = sliceOf(request, reply);
    if (!('samples' in slice)) return slice;
    const wav = sliceWav(slice.samples, slice.sampleRateHz);
    return reply.type('audio/wav').header('Cache-Control', 'private, max-age=3600').send(Buffer.from(wav.buffer, wav.byteOffset, wav.byteLength));
  });

  app.get('/api/spectrogram', async (request, reply) => {
    const slice = sliceOf(request, reply);
    if (!('samples' in slice)) return slice;
    const jpeg = await spectrogramJpeg(slice.samples);
    return reply.type('image/jpeg').header('Cache-Control', 'private, max-age=3600').header('X-Max-Frequency-Hz', String(slice.sampleRateHz / 2)).send(jpeg);
  });

  app.post('/api/action', async (request, reply) => {
    const body = actionSchema.safeParse(request.body);
    if (!body.success) return fail(reply, 400, `bad action: ${body.error.issues[0]?.path.join('.')}: ${body.error.issues[0]?.message}`);
    const result = await session.act(who(request), body.data);
    if (!result.ok) return fail(reply, result.status, result.message);
    const item = session.state.items.get(result.event.item);
    return { saved: true, event: result.event, item: item === undefined ? null : itemView(session, item, who(request)), progress: progressOf(session.state, who(request).name) };
  });

  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    app,
    url: `http://${host}:${port}/`,
    async close() {
      await app.close();
      session.close();
    },
  };
}
