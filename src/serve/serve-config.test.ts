// Server configuration: tokens from file and environment, public endpoints, limits, and one-line errors.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Authenticator } from './auth.js';
import { DEFAULT_LIMITS, loadServeConfig, ServeConfigError } from './serve-config.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'pipe-serve-config-'));
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

async function file(name: string, text: string): Promise<string> {
  const path = join(tmp, name);
  await writeFile(path, text);
  return path;
}

describe('loadServeConfig', () => {
  it('merges file and environment tokens; defaults limits and public endpoints', async () => {
    const path = await file('a.yaml', 'tokens:\n  - { token: file-admin-token-000000, role: admin }\nlimits: { max_files: 4 }\n');
    const config = loadServeConfig(path, { PIPE_SERVE_TOKENS: 'env-viewer-token-0000000:viewer' });
    expect([...config.auth.tokens.values()].map((t) => t.role).sort()).toEqual(['admin', 'viewer']);
    expect(config.limits).toEqual({ ...DEFAULT_LIMITS, maxFiles: 4 });
    expect([...config.auth.publicEndpoints].sort()).toEqual(['docs', 'health']);
    expect([...loadServeConfig(undefined, { PIPE_SERVE_PUBLIC: 'metrics' }).auth.publicEndpoints]).toEqual(['metrics']);
  });

  it('names the source of a bad setting', async () => {
    const bad = (p: string | undefined, env: NodeJS.ProcessEnv, pattern: RegExp): void => {
      expect(() => loadServeConfig(p, env)).toThrow(ServeConfigError);
      expect(() => loadServeConfig(p, env)).toThrow(pattern);
    };
    bad(await file('role.yaml', 'tokens: [{ token: abcdefghijklmnopq, role: root }]'), {}, /role\.yaml: tokens\.0\.role/);
    bad(await file('short.yaml', 'tokens: [{ token: abc, role: admin }]'), {}, /at least 16 characters/);
    bad(await file('extra.yaml', 'limits: { max_everything: 3 }'), {}, /extra\.yaml: limits/);
    bad(await file('yaml.yaml', 'tokens: [\n'), {}, /yaml\.yaml: /);
    bad(undefined, { PIPE_SERVE_TOKENS: 'abcdefghijklmnopqrs:superuser' }, /PIPE_SERVE_TOKENS: expected token:role/);
    bad(undefined, { PIPE_SERVE_PUBLIC: 'predict' }, /PIPE_SERVE_PUBLIC: unknown endpoint 'predict'/);
    bad(join(tmp, 'missing.yaml'), {}, /missing\.yaml: ENOENT/);
  });
});

describe('Authenticator', () => {
  const auth = new Authenticator({
    tokens: new Map([['predictor-token-000000', { role: 'predictor', name: 'p' }]]),
    publicEndpoints: new Set(['health']),
  });

  it('nests roles and opens public endpoints only', () => {
    expect(auth.check('Bearer predictor-token-000000', 'viewer', 'metrics')).toEqual({ ok: true, principal: 'p' });
    expect(auth.check('predictor-token-000000', 'predictor', undefined)).toEqual({ ok: true, principal: 'p' });
    expect(auth.check('Bearer predictor-token-000000', 'admin', undefined)).toMatchObject({ ok: false, status: 403 });
    expect(auth.check(undefined, 'viewer', 'health')).toEqual({ ok: true, principal: 'public' });
    expect(auth.check(undefined, 'viewer', 'metrics')).toMatchObject({ ok: false, status: 401, code: 'missing-token' });
    expect(auth.check('Bearer nope', 'viewer', 'metrics')).toMatchObject({ ok: false, status: 401, code: 'invalid-token' });
  });

  it('lets everything through when no token is configured', () => {
    expect(new Authenticator({ tokens: new Map(), publicEndpoints: new Set() }).check(undefined, 'admin', undefined).ok).toBe(true);
  });
});
