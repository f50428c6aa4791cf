// Errors as the API returns them: a status and `{"error": {"code", "message", "file"?}}`, never a stack trace.
import type { FileErrorCode } from './predict-protocol.js';

export interface ApiError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly file?: string;
}

/** The response body of an error. */
export function errorBody(e: ApiError): { error: { code: string; message: string; file?: string } } {
  return { error: { code: e.code, message: e.message, ...(e.file !== undefined ? { file: e.file } : {}) } };
}

/** Status of a file that gave no prediction: 415 not audio, 400 empty, 422 audio we cannot use. */
export function fileErrorStatus(code: FileErrorCode): number {
  if (code === 'not-wav') return 415;
  if (code === 'empty') return 400;
  if (code === 'too-long') return 413;
  return 422;
}

/** Maps an error thrown inside a request (fastify's, multipart's, or a bug) to what the client may see. */
export function apiErrorOf(error: unknown, limits: { maxFileBytes: number; maxFiles: number; maxRequestBytes: number }): ApiError {
  const e = error as { code?: unknown; statusCode?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return { status: 413, code: 'file-too-large', message: `an uploaded file exceeds ${limits.maxFileBytes} bytes` };
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return { status: 413, code: 'too-many-files', message: `at most ${limits.maxFiles} files per request` };
    case 'FST_FIELDS_LIMIT':
      return { status: 413, code: 'too-many-fields', message: 'too many form fields' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'body-too-large', message: `the request body exceeds ${limits.maxRequestBytes} bytes` };
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'unsupported-media-type', message: 'expected a multipart/form-data request' };
    default:
      break;
  }
  if (status >= 400 && status < 500) {
    const message = typeof e.message === 'string' ? e.message.split('\n')[0]! : 'bad request';
    return { status, code: 'bad-request', message };
  }
  return { status: 500, code: 'internal-error', message: 'internal error (see the server log)' };
}
