// Server configuration: limits and API tokens, from a YAML file (`--config serve.yaml`) and the environment.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InputError } from '../util/input-error.js';
import { ROLES, type AuthConfig, type PublicEndpoint, type Role } from './auth.js';

/** Bounds on what one request may cost. */
export interface ServeLimits {
  /** Largest single uploaded file (a WAV, or the ZIP itself). Default 20 MiB. */
  readonly maxFileBytes: number;
  /** Most files in one `/predict` request, and most `*.wav` entries used from one ZIP. Default 32. */
  readonly maxFiles: number;
  /** Largest request body (checked against Content-Length and while streaming). Default 64 MiB. */
  readonly maxRequestBytes: number;
  /** Most entries of any kind in a ZIP. Default 1000. */
  readonly maxZipEntries: number;
  /** Most uncompressed bytes over all ZIP entries read. Default 256 MiB. */
  readonly maxZipTotalBytes: number;
  /** Highest uncompressed/compressed ratio of a ZIP entry. Default 100. */
  readonly maxZipRatio: number;
  /** Limit on one prediction task in a worker. Default 30 s. */
  readonly predictTimeoutMs: number;
  /** Limit on receiving a whole request. Default 60 s. */
  readonly requestTimeoutMs: number;
  /** Prediction tasks that may wait for a worker before requests get 503. Default 256. */
  readonly maxQueue: number;
  /** Longest audio file accepted (seconds, from its header). Default 900 (15 min). */
  readonly maxFileAudioS: number;
  /** Most audio in one request, all files together (seconds). Default 1800 (30 min). */
  readonly maxRequestAudioS: number;
}

export const DEFAULT_LIMITS: ServeLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxFiles: 32,
  maxRequestBytes: 64 * 1024 * 1024,
  maxZipEntries: 1000,
  maxZipTotalBytes: 256 * 1024 * 1024,
  maxZipRatio: 100,
  predictTimeoutMs: 30_000,
  requestTimeoutMs: 60_000,
  maxQueue: 256,
  maxFileAudioS: 900,
  maxRequestAudioS: 1800,
};

const PUBLIC = ['health', 'metrics', 'docs'] as const;
const positive = z.number().int().positive();

/** The schema of serve.yaml (tokens, public endpoints, limits). */
export const serveConfigSchema = z
  .object({
    tokens: z.array(z.object({ token: z.string().min(16, 'tokens must be at least 16 characters'), role: z.enum(ROLES), name: z.string().optional() }).strict()).default([]),
    public: z.array(z.enum(PUBLIC)).optional(),
    limits: z
      .object({
        max_file_bytes: positive, max_files: positive, max_request_bytes: positive, max_zip_entries: positive,
        max_zip_total_bytes: positive, max_zip_ratio: z.number().positive(), predict_timeout_ms: positive,
        request_timeout_ms: positive, max_queue: z.number().int().nonnegative(),
        max_file_audio_s: z.number().positive(), max_request_audio_s: z.number().positive(),
      })
      .partial()
      .strict()
      .default({}),
  })
  .strict();

export interface ServeConfig {
  readonly auth: AuthConfig;
  readonly limits: ServeLimits;
}

/** A configuration problem, with the file or variable it came from. */
export class ServeConfigError extends InputError {
  constructor(readonly source: string, detail: string) {
    super('bad-serve-config', `${source}: ${detail}`);
    this.name = 'ServeConfigError';
  }
}

/**
 * Reads the config file (if given) and the environment: `PIPE_SERVE_TOKENS=token:role,…` adds tokens and
 * `PIPE_SERVE_PUBLIC=health,metrics` replaces the public endpoints (default: health and docs).
 */
export function loadServeConfig(path: string | undefined, env: NodeJS.ProcessEnv = process.env): ServeConfig {
  let raw: unknown = {};
  if (path !== undefined) {
    try {
      raw = parseYaml(readFileSync(path, 'utf8')) ?? {};
    } catch (error) {
      throw new ServeConfigError(path, error instanceof Error ? error.message.split('\n')[0]! : String(error));
    }
  }
  const parsed = serveConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ServeConfigError(path ?? 'config', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const c = parsed.data;
  const tokens = new Map<string, { role: Role; name: string }>();
  // a token listed twice would get whichever role came first: refuse the config instead of guessing
  const add = (source: string, token: string, entry: { role: Role; name: string }): void => {
    const other = tokens.get(token);
    if (other !== undefined) throw new ServeConfigError(source, `token '${entry.name}' is also listed as '${other.name}' (role ${other.role}); each token must appear once, with one role`);
    tokens.set(token, entry);
  };
  c.tokens.forEach((t, i) => add(path ?? 'config', t.token, { role: t.role, name: t.name ?? `token${i + 1}` }));
  envTokens(env.PIPE_SERVE_TOKENS).forEach(([token, role], i) => add('PIPE_SERVE_TOKENS', token, { role, name: `env:${role}#${i + 1}` }));
  const publicEndpoints = env.PIPE_SERVE_PUBLIC !== undefined ? envPublic(env.PIPE_SERVE_PUBLIC) : new Set<PublicEndpoint>(c.public ?? ['health', 'docs']);
  const l = c.limits;
  const limits: ServeLimits = {
    maxFileBytes: l.max_file_bytes ?? DEFAULT_LIMITS.maxFileBytes,
    maxFiles: l.max_files ?? DEFAULT_LIMITS.maxFiles,
    maxRequestBytes: l.max_request_bytes ?? DEFAULT_LIMITS.maxRequestBytes,
    maxZipEntries: l.max_zip_entries ?? DEFAULT_LIMITS.maxZipEntries,
    maxZipTotalBytes: l.max_zip_total_bytes ?? DEFAULT_LIMITS.maxZipTotalBytes,
    maxZipRatio: l.max_zip_ratio ?? DEFAULT_LIMITS.maxZipRatio,
    predictTimeoutMs: l.predict_timeout_ms ?? DEFAULT_LIMITS.predictTimeoutMs,
    requestTimeoutMs: l.request_timeout_ms ?? DEFAULT_LIMITS.requestTimeoutMs,
    maxQueue: l.max_queue ?? DEFAULT_LIMITS.maxQueue,
    maxFileAudioS: l.max_file_audio_s ?? DEFAULT_LIMITS.maxFileAudioS,
    maxRequestAudioS: l.max_request_audio_s ?? DEFAULT_LIMITS.maxRequestAudioS,
  };
  return { auth: { tokens, publicEndpoints }, limits };
}

function envTokens(text: string | undefined): [string, Role][] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((item) => {
    const at = item.lastIndexOf(':');
    const token = item.slice(0, at).trim();
    const role = item.slice(at + 1).trim();
    if (at < 0 || !(ROLES as readonly string[]).includes(role)) {
      throw new ServeConfigError('PIPE_SERVE_TOKENS', `expected token:role with role one of ${ROLES.join(', ')}`);
    }
    if (token.length < 16) throw new ServeConfigError('PIPE_SERVE_TOKENS', 'tokens must be at least 16 characters');
    return [token, role as Role];
  });
}

function envPublic(text: string): Set<PublicEndpoint> {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const n of names) {
    if (!(PUBLIC as readonly string[]).includes(n)) throw new ServeConfigError('PIPE_SERVE_PUBLIC', `unknown endpoint '${n}' (known: ${PUBLIC.join(', ')})`);
  }
  return new Set(names as PublicEndpoint[]);
}
