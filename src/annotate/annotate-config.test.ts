import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AnnotateConfigError, loadAnnotateConfig } from './annotate-config.js';
import { TokenAuth } from './annotate-auth.js';

describe('loadAnnotateConfig', () => {
  test('reads tokens with roles from the file and the environment; the bearer header finds the person', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'annotate-config-')), 'annotate.yaml');
    writeFileSync(path, 'tokens:\n  - { token: "alice-token-0123456789", role: annotator, name: alice }\nlabels: [B, MB, H]\ncontext_seconds: 1.5\n');
    const config = loadAnnotateConfig(path, { PIPE_ANNOTATE_TOKENS: 'rita-token-0123456789a:reviewer:rita,view-token-0123456789a:viewer' });
    expect(config).toMatchObject({ labels: ['b', 'mb', 'h'], contextS: 1.5, generated: undefined });
    const auth = new TokenAuth(config.tokens);
    expect(auth.check('Bearer alice-token-0123456789')).toEqual({ name: 'alice', role: 'annotator' });
    expect(auth.check('Bearer rita-token-0123456789a')).toEqual({ name: 'rita', role: 'reviewer' });
    expect(auth.check('Bearer view-token-0123456789a')).toEqual({ name: 'viewer2', role: 'viewer' });
    expect(auth.check('Bearer nope')).toBeUndefined();
    expect(auth.check(undefined)).toBeUndefined();
  });

  test('without any token one reviewer token is made up (for the printed URL)', () => {
    const config = loadAnnotateConfig(undefined, {});
    expect(config.generated).toMatch(/^[\w-]{24}$/);
    expect(config.tokens.get(config.generated!)?.role).toBe('reviewer');
  });

  test('mistakes name the file or variable', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'annotate-config-')), 'annotate.yaml');
    writeFileSync(path, 'tokens:\n  - { token: short, role: annotator, name: a }\n');
    expect(() => loadAnnotateConfig(path, {})).toThrow(new AnnotateConfigError(path, 'tokens.0.token: tokens must be at least 16 characters'));
    expect(() => loadAnnotateConfig(undefined, { PIPE_ANNOTATE_TOKENS: 'x-token-0123456789abc:admin' })).toThrow(/PIPE_ANNOTATE_TOKENS: expected token:role\[:name\]/);
    expect(() => loadAnnotateConfig(undefined, { PIPE_ANNOTATE_TOKENS: 'x-token-0123456789abc:viewer:<b>' })).toThrow(/name '<b>'/);
  });
});
