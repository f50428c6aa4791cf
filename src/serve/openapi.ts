// The OpenAPI 3.1 document of the server, served at /openapi.json (and /docs).

const error = {
  description: 'A JSON error',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

const predictResponse = {
  description: 'One result per file, in upload order',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/PredictResponse' } } },
};

const probabilities = { type: 'object', additionalProperties: { type: 'number' }, description: 'Probability per class' };

/** Builds the document for a server version and its class names. */
export function openApiDocument(version: string): Record<string, unknown> {
  const errors = { 400: error, 401: error, 403: error, 413: error, 415: error, 422: error, 503: error, 504: error };
  return {
    openapi: '3.1.0',
    info: { title: 'pipe serve: infant vocalization classifier', version },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, file: { type: 'string' } } } },
        },
        Chunk: { type: 'object', properties: { start_s: { type: 'number' }, end_s: { type: 'number' }, label: { type: 'string' }, probabilities } },
        Result: {
          type: 'object',
          required: ['file_name', 'predicted_label', 'probabilities'],
          properties: {
            file_name: { type: 'string' },
            predicted_label: { type: 'string' },
            probabilities,
            duration_s: { type: 'number' },
            chunks: { type: 'array', items: { $ref: '#/components/schemas/Chunk' }, description: 'For files longer than 0.4 s: 0.4 s chunks (a last chunk kept if ≥ 0.2 s); the file’s probabilities are their mean' },
          },
        },
        PredictResponse: { type: 'object', properties: { results: { type: 'array', items: { $ref: '#/components/schemas/Result' } }, model: { type: 'object' } } },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      '/health': { get: { summary: 'Model name, feature set, version, uptime (503 until the model is loaded); role viewer or public', responses: { 200: { description: 'Ready' }, 503: error } } },
      '/predict': {
        post: {
          summary: 'Classify one or more WAV files (multipart field `files`); role predictor',
          requestBody: { content: { 'multipart/form-data': { schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } } } } },
          responses: { 200: predictResponse, ...errors },
        },
      },
      '/predict_zip': {
        post: {
          summary: 'Classify every *.wav inside a ZIP (multipart field `file`); role predictor',
          requestBody: { content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } } },
          responses: { 200: predictResponse, ...errors },
        },
      },
      '/metrics': { get: { summary: 'Prometheus metrics (vocalbaby_*); role viewer or public', responses: { 200: { description: 'text/plain; version=0.0.4' } } } },
      '/admin/reload': { post: { summary: 'Reload the model bundle from its directory; role admin', responses: { 200: { description: 'Reloaded' }, ...errors } } },
      '/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
    },
  };
}
