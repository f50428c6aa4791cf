// Maps AWS SDK errors to the remote error kinds, each with a one-line message naming the bucket.
import { RemoteError } from './remote.js';

const AUTH = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'Forbidden', 'ExpiredToken', 'InvalidToken', 'CredentialsProviderError']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'TimeoutError']);
const TRANSIENT = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'SlowDown', 'InternalError', 'ServiceUnavailable', 'RequestTimeout', 'RequestTimeTooSkewed']);

/** The RemoteError for an SDK failure on `key` in `bucket` ('' for bucket-level calls). */
export function classifyS3Error(error: unknown, bucket: string, key: string): RemoteError {
  const e = error as { name?: string; code?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e.Code ?? e.name ?? '';
  const code = e.code ?? '';
  const status = e.$metadata?.httpStatusCode;
  const where = `s3://${bucket}${key === '' ? '' : `/${key}`}`;
  if (name === 'NoSuchBucket' || (key === '' && status === 404)) return new RemoteError('no-bucket', `bucket '${bucket}' does not exist`);
  if (name === 'NoSuchKey' || (name === 'NotFound' && key !== '') || status === 404) return new RemoteError('missing-object', `${where} is not on the remote`);
  if (AUTH.has(name) || status === 403 || status === 401) return new RemoteError('auth', `access to bucket '${bucket}' denied: check the credentials${name !== '' && name !== 'Unknown' ? ` (${name})` : ''}`);
  if (name === 'CredentialsProviderError' || /credential/i.test(e.message ?? '')) return new RemoteError('auth', `no AWS credentials found (AWS_ACCESS_KEY_ID, ~/.aws/credentials, or pipe remote modify --local)`);
  if (UNREACHABLE.has(code) || UNREACHABLE.has(name)) return new RemoteError('unreachable', `cannot reach the S3 endpoint for bucket '${bucket}' (${code || name})`);
  if (TRANSIENT.has(code) || TRANSIENT.has(name) || (status !== undefined && status >= 500)) return new RemoteError('transient', `${where}: ${name || code || status}`);
  return new RemoteError('other', `${where}: ${name || code}${e.message !== undefined ? ` ${e.message.split('\n')[0]}` : ''}`);
}
