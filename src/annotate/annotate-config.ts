// Configuration of `pipe annotate`: tokens with roles (annotator, reviewer, viewer) from `--config annotate.yaml`
// and `PIPE_ANNOTATE_TOKENS=token:role[:name],…`, the label set and the context shown around a suggestion.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ROLES, type Role } from './log-event.js';

/** A person the server knows. */
export interface TokenEntry {
  readonly name: string;
  readonly role: Role;
}

export interface AnnotateConfig {
  readonly tokens: ReadonlyMap<string, TokenEntry>;
  /** Overrides the input's label set. */
  readonly labels?: readonly string[];
  /** Audio shown before and after a suggestion, seconds. Default 2. */
  readonly contextS: number;
  /** A token made up because none was configured (printed in the URL, reviewer role). */
  readonly generated?: string;
}

const NAME = /^[\p{L}\p{N}_.@-]{1,64}$/u;
const schema = z
  .object({
    tokens: z.array(z.object({ token: z.string().min(16, 'tokens must be at least 16 characters'), role: z.enum(ROLES), name: z.string().regex(NAME, 'names are 1–64 letters, digits, _ . @ -') }).strict()).default([]),
    labels: z.array(z.string().min(1).max(64)).min(1).optional(),
    context_seconds: z.number().nonnegative().max(60).default(2),
  })
  .strict();

/** A configuration problem, naming the file or variable. */
export class AnnotateConfigError extends Error {
  constructor(readonly source: string, detail: string) {
    super(`${source}: ${detail}`);
    this.name = 'AnnotateConfigError';
  }
}

/** Reads the config file (if any) and the environment; without any token, makes one reviewer token up. */
export function loadAnnotateConfig(path: string | undefined, env: NodeJS.ProcessEnv = process.env): AnnotateConfig {
  let raw: unknown = {};
  if (path !== undefined) {
    try {
      raw = parseYaml(readFileSync(path, 'utf8')) ?? {};
    } catch (error) {
      throw new AnnotateConfigError(path, error instanceof Error ? error.message.split('\n')[0]! : String(error));
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AnnotateConfigError(path ?? 'config', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const tokens = new Map<string, TokenEntry>();
  for (const t of parsed.data.tokens) tokens.set(t.token, { name: t.name, role: t.role });
  for (const [token, entry] of envTokens(env.PIPE_ANNOTATE_TOKENS)) tokens.set(token, entry);
  let generated: string | undefined;
  if (tokens.size === 0) {
    generated = randomBytes(18).toString('base64url');
    const user = safeUser();
    tokens.set(generated, { name: user, role: 'reviewer' });
  }
  return { tokens, labels: parsed.data.labels?.map((l) => l.toLowerCase()), contextS: parsed.data.context_seconds, generated };
}

function envTokens(text: string | undefined): [string, TokenEntry][] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((item, i) => {
    const [token = '', role = '', name = `${role}${i + 1}`] = item.trim().split(':');
    if (!(ROLES as readonly string[]).includes(role)) throw new AnnotateConfigError('PIPE_ANNOTATE_TOKENS', `expected token:role[:name] with role one of ${ROLES.join(', ')}`);
    if (token.length < 16) throw new AnnotateConfigError('PIPE_ANNOTATE_TOKENS', 'tokens must be at least 16 characters');
    if (!NAME.test(name)) throw new AnnotateConfigError('PIPE_ANNOTATE_TOKENS', `name '${name}': 1–64 letters, digits, _ . @ -`);
    return [token, { role: role as Role, name }];
  });
}

function safeUser(): string {
  try {
    const name = userInfo().username;
    return NAME.test(name) ? name : 'local';
  } catch {
    return 'local';
  }
}
