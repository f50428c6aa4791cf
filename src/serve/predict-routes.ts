// POST /predict (multipart field `files`) and POST /predict_zip (field `file`): upload → workers → JSON results.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from './api-error.js';
import { fileErrorStatus } from './api-error.js';
import type { LoadedModel } from './loaded-model.js';
import { WorkerPoolError } from '../util/worker-pool.js';
import type { FileOutcome, UploadedFile } from './predict-protocol.js';
import type { ModelState, RouteAccess } from './route-types.js';
import type { ServeLimits } from './serve-config.js';
import type { ServeMetrics } from './serve-metrics.js';
import { readZipWavs } from './zip-wavs.js';
import { readWavHeader, WavError } from '../audio/wav-decode.js';
import { GateOverloadedError, type CostGate } from './cost-gate.js';

type Send = (reply: FastifyReply, e: ApiError) => FastifyReply;
type Outcome = { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly error: ApiError; readonly logDetail?: string };

/** Reads the file parts of one multipart field, ignoring other fields; throws multipart's limit errors, and a
 * 413 once the files add up to more than `maxRequestBytes` (a chunked body has no Content-Length to check first). */
async function readUploads(request: FastifyRequest, field: string, maxRequestBytes: number): Promise<UploadedFile[] | ApiError> {
  const files: UploadedFile[] = [];
  let total = 0;
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      const bytes = await part.toBuffer();
      total += bytes.length;
      if (total > maxRequestBytes) return { status: 413, code: 'body-too-large', message: `the request body exceeds ${maxRequestBytes} bytes` };
      if (part.fieldname === field) files.push({ name: part.filename || `upload${files.length + 1}`, bytes: new Uint8Array(bytes) });
    }
  } catch (error) {
    // Limits and content-type errors carry a status (mapped by the error handler); the parser's own errors
    // (no boundary, body cut short, bad part header) mean a malformed body.
    if (typeof (error as { statusCode?: unknown }).statusCode === 'number') throw error;
    const detail = error instanceof Error ? error.message : String(error);
    return { status: 400, code: 'bad-multipart', message: `malformed multipart/form-data body (${detail})` };
  }
  return files;
}

export function registerPredictRoutes(app: FastifyInstance, metrics: ServeMetrics, state: () => ModelState, limits: ServeLimits, send: Send, gate: CostGate): void {
  const access = { role: 'predictor' } satisfies RouteAccess;

  const handle = async (reply: FastifyReply, read: () => Promise<UploadedFile[] | ApiError>): Promise<FastifyReply> => {
    const s = state();
    if (s.kind !== 'ready') return send(reply, { status: 503, code: 'model-not-ready', message: s.kind === 'failed' ? `the model failed to load: ${s.message}` : 'the model is still loading' });
    metrics.activePredictions.inc();
    try {
      const files = await read();
      if (!Array.isArray(files)) return send(reply, files);
      const outcome = await predict(s.model, files, metrics, limits, gate);
      if (outcome.ok) return reply.send(outcome.body);
      if (outcome.logDetail !== undefined) reply.log.error({ detail: outcome.logDetail }, 'prediction failed');
      return send(reply, outcome.error);
    } finally {
      metrics.activePredictions.dec();
    }
  };

  app.post('/predict', { config: access }, async (request, reply) =>
    handle(reply, async () => {
      const files = await readUploads(request, 'files', limits.maxRequestBytes);
      if (!Array.isArray(files) || files.length > 0) return files;
      metrics.predictionErrors.inc({ error_type: 'no-files' });
      return { status: 400, code: 'no-files', message: "no files: send one or more WAVs in the multipart field 'files'" };
    }),
  );

  app.post('/predict_zip', { config: access }, async (request, reply) =>
    handle(reply, async () => {
      const uploads = await readUploads(request, 'file', limits.maxRequestBytes);
      if (!Array.isArray(uploads)) return uploads;
      const [zip] = uploads;
      if (zip === undefined) {
        metrics.predictionErrors.inc({ error_type: 'no-files' });
        return { status: 400, code: 'no-files', message: "no file: send a ZIP in the multipart field 'file'" };
      }
      const result = await readZipWavs(Buffer.from(zip.bytes.buffer, zip.bytes.byteOffset, zip.bytes.byteLength), limits);
      if (result.ok) return result.files;
      metrics.predictionErrors.inc({ error_type: `zip-${result.reason}` });
      const status = result.reason === 'too-large' || result.reason === 'too-many-entries' || result.reason === 'too-many-files' ? 413 : result.reason === 'not-zip' ? 415 : 400;
      return { status, code: `zip-${result.reason}`, message: `${zip.name}: ${result.message}`, file: zip.name };
    }),
  );
}

/**
 * Prices the request by its headers (audio seconds; bad headers and over-long audio are refused before any
 * worker sees them), then runs one task per file through the cost gate, and returns either all results or the
 * first failed file as a 4xx.
 */
async function predict(model: LoadedModel, files: readonly UploadedFile[], metrics: ServeMetrics, limits: ServeLimits, gate: CostGate): Promise<Outcome> {
  const priced = priceRequest(files, limits);
  if (!priced.ok) {
    metrics.predictionErrors.inc({ error_type: priced.error.code });
    return priced;
  }
  let outcomes: FileOutcome[];
  try {
    const results = await Promise.all(files.map((f) => gate.run(priced.totalS, () => model.pool.run([f]))));
    outcomes = results.flatMap((r) => r.outcomes);
    for (const r of results) model.drift.add(r.vectors);
  } catch (error) {
    if (error instanceof GateOverloadedError) {
      metrics.predictionErrors.inc({ error_type: 'overloaded' });
      return { ok: false, error: { status: 503, code: 'overloaded', message: error.message } };
    }
    if (!(error instanceof WorkerPoolError)) throw error;
    metrics.predictionErrors.inc({ error_type: error.reason });
    const status = error.reason === 'timeout' ? 504 : error.reason === 'worker-failed' ? 500 : 503;
    const message = status === 500 ? 'prediction failed (see the server log)' : error.message;
    return { ok: false, error: { status, code: error.reason, message }, ...(status === 500 ? { logDetail: error.message } : {}) };
  }
  const failed = outcomes.find((o) => !o.ok);
  if (failed !== undefined && !failed.ok) {
    for (const o of outcomes) if (!o.ok) metrics.predictionErrors.inc({ error_type: o.code });
    return { ok: false, error: { status: fileErrorStatus(failed.code), code: failed.code, message: failed.message, file: failed.file_name } };
  }
  const results = outcomes.map((o) => {
    if (!o.ok) throw new Error('unreachable');
    metrics.predictedLabels.inc({ label: o.predicted_label });
    const { ok: _ok, ...rest } = o;
    return rest;
  });
  return { ok: true, body: { results, model: { name: model.name, feature_set: model.bundle.featureSet, version: model.version } } };
}

/** Total audio seconds of the files, or the first file (or the request) the limits refuse. */
function priceRequest(files: readonly UploadedFile[], limits: ServeLimits): { ok: true; totalS: number } | { ok: false; error: ApiError } {
  let totalS = 0;
  for (const file of files) {
    let seconds: number;
    try {
      seconds = readWavHeader(file.bytes).durationSeconds;
    } catch (error) {
      if (!(error instanceof WavError)) throw error;
      return { ok: false, error: { status: fileErrorStatus(error.reason), code: error.reason, message: `${file.name}: ${error.message}`, file: file.name } };
    }
    if (seconds > limits.maxFileAudioS) {
      const message = `${file.name}: ${seconds.toFixed(1)} s of audio exceeds the limit of ${limits.maxFileAudioS} s per file`;
      return { ok: false, error: { status: 413, code: 'too-long', message, file: file.name } };
    }
    totalS += seconds;
  }
  if (totalS > limits.maxRequestAudioS) {
    return { ok: false, error: { status: 413, code: 'request-too-long', message: `${totalS.toFixed(1)} s of audio in one request exceeds the limit of ${limits.maxRequestAudioS} s` } };
  }
  return { ok: true, totalS };
}
