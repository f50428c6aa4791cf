// `pipe serve --model <burst model>`: the original's API, fixed (specs/burst-study.md, "Serve"): `GET /health`,
// `POST /predict` (multipart field `file`), `POST /batch_predict` (field `files`) → `{predictions, n_predictions}`,
// predictions naming the uploaded files (the original named its temporary files). Bearer tokens as `pipe serve`.
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { WavError } from '../../audio/wav-decode.js';
import { Authenticator, type AuthConfig } from '../../serve/auth.js';
import { BurstModelRunner, type BurstPrediction } from '../inference/burst-model-runner.js';

export interface BurstServerOptions {
  readonly modelDir: string;
  readonly host: string;
  readonly port: number;
  readonly auth: AuthConfig;
  /** Largest upload in bytes. Default 50 MB. */
  readonly maxUploadBytes?: number;
}

export interface BurstServer {
  readonly url: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/** Starts the server on the model; resolves once it listens. */
export async function startBurstServer(options: BurstServerOptions): Promise<BurstServer> {
  const runner = await BurstModelRunner.open(options.modelDir);
  const auth = new Authenticator(options.auth);
  const app = Fastify({ logger: false });
  await app.register(multipart, { limits: { fileSize: options.maxUploadBytes ?? 50 * 1024 * 1024, files: 64 } });
  let queue: Promise<unknown> = Promise.resolve();
  const predict = (bytes: Uint8Array, name: string): Promise<BurstPrediction[]> => {
    const run = queue.then(() => runner.predictWav(bytes, name)); // one inference at a time on the session
    queue = run.catch(() => undefined);
    return run;
  };
  const guard = (request: FastifyRequest, reply: FastifyReply, health = false): boolean => {
    const decision = auth.check(request.headers.authorization ?? (request.headers['x-api-key'] as string | undefined), health ? 'viewer' : 'predictor', health ? 'health' : undefined);
    if (decision.ok) return true;
    void reply.code(decision.status).send({ error: decision.code, message: decision.message });
    return false;
  };
  const filesOf = async (request: FastifyRequest, field: string): Promise<{ name: string; bytes: Uint8Array }[]> => {
    const files: { name: string; bytes: Uint8Array }[] = [];
    for await (const part of request.files()) {
      if (part.fieldname !== field) continue;
      files.push({ name: part.filename, bytes: new Uint8Array(await part.toBuffer()) });
    }
    return files;
  };
  const handle = async (request: FastifyRequest, reply: FastifyReply, field: string, single: boolean): Promise<unknown> => {
    if (!guard(request, reply)) return reply;
    if (!request.isMultipart()) return reply.code(400).send({ error: 'bad-request', message: `expected multipart/form-data with field '${field}'` });
    const files = await filesOf(request, field);
    if (files.length === 0 || (single && files.length > 1)) return reply.code(400).send({ error: 'bad-request', message: single ? `expected one file in field '${field}'` : `expected files in field '${field}'` });
    const predictions: BurstPrediction[] = [];
    for (const f of files) {
      try {
        predictions.push(...(await predict(f.bytes, f.name)));
      } catch (error) {
        if (error instanceof WavError) return reply.code(422).send({ error: 'bad-audio', message: `${f.name}: ${error.message}` });
        throw error;
      }
    }
    return { audio_files: files.map((f) => f.name), predictions, n_predictions: predictions.length };
  };
  app.get('/health', (request, reply) => (guard(request, reply, true) ? { status: 'ok', model: runner.dir, kind: 'burst', classes: runner.descriptor.classes, segment_seconds: runner.descriptor.segment_seconds } : reply));
  app.post('/predict', (request, reply) => handle(request, reply, 'file', true));
  app.post('/batch_predict', (request, reply) => handle(request, reply, 'files', false));
  const address = await app.listen({ host: options.host, port: options.port });
  return {
    url: address,
    app,
    close: async () => {
      await app.close();
      await runner.close();
    },
  };
}
