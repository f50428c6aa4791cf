// API tokens with roles: viewer (health, docs, metrics) ⊂ predictor (+ predictions) ⊂ admin (+ reload).
import { createHash, timingSafeEqual } from 'node:crypto';

export const ROLES = ['viewer', 'predictor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Endpoints that may be opened to unauthenticated callers. */
export type PublicEndpoint = 'health' | 'metrics' | 'docs';

export interface AuthConfig {
  /** Token → role and a name for logs (never the token itself). */
  readonly tokens: ReadonlyMap<string, { readonly role: Role; readonly name: string }>;
  readonly publicEndpoints: ReadonlySet<PublicEndpoint>;
}

/** What a request may do, or why not (401: no or unknown token; 403: role too low). */
export type AuthDecision =
  | { readonly ok: true; readonly principal: string }
  | { readonly ok: false; readonly status: 401 | 403; readonly code: 'missing-token' | 'invalid-token' | 'forbidden'; readonly message: string };

interface Entry {
  readonly digest: Buffer;
  readonly role: Role;
  readonly name: string;
}

/** Checks bearer tokens against the configured ones in constant time per token. */
export class Authenticator {
  private readonly entries: Entry[];

  constructor(private readonly config: AuthConfig) {
    this.entries = [...config.tokens].map(([token, v]) => ({ digest: sha256(token), ...v }));
  }

  /** Whether any token is configured; without one, every endpoint is open. */
  get enabled(): boolean {
    return this.entries.length > 0;
  }

  /** Decides whether a request with this Authorization / X-API-Key value may use an endpoint needing `role`. */
  check(header: string | undefined, needed: Role, endpoint: PublicEndpoint | undefined): AuthDecision {
    if (!this.enabled) return { ok: true, principal: 'anonymous' };
    if (endpoint !== undefined && this.config.publicEndpoints.has(endpoint)) return { ok: true, principal: 'public' };
    const token = bearer(header);
    if (token === undefined) return { ok: false, status: 401, code: 'missing-token', message: 'an API token is required (Authorization: Bearer <token>)' };
    const digest = sha256(token);
    const entry = this.entries.find((e) => timingSafeEqual(e.digest, digest));
    if (entry === undefined) return { ok: false, status: 401, code: 'invalid-token', message: 'the API token is not valid' };
    if (ROLES.indexOf(entry.role) < ROLES.indexOf(needed)) {
      return { ok: false, status: 403, code: 'forbidden', message: `this endpoint needs the '${needed}' role; the token has '${entry.role}'` };
    }
    return { ok: true, principal: entry.name };
  }
}

/** The token of `Bearer <token>`, or a bare token (X-API-Key). */
function bearer(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(header);
  const token = match ? match[1] : header.trim();
  return token === undefined || token === '' ? undefined : token;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
