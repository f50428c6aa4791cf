import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configSection, readProjectConfig, setConfigValue } from './project-config.js';

function tempRoot(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'pipe-config-'));
}

describe('project config', () => {
  it('is empty when neither file exists', () => {
    const r = readProjectConfig(tempRoot());
    expect(r.ok && r.value).toEqual({});
  });

  it('overlays config.local.yaml on config.yaml section by section', () => {
    const root = tempRoot();
    mkdirSync(path.join(root, '.pipe'));
    writeFileSync(path.join(root, '.pipe/config.yaml'), '# shared\nslurm:\n  partition: cpu\n  account: lab\n');
    writeFileSync(path.join(root, '.pipe/config.local.yaml'), 'slurm:\n  account: me\n');
    const r = readProjectConfig(root);
    expect(r.ok && r.value).toEqual({ slurm: { partition: 'cpu', account: 'me' } });
  });

  it('names the file and key of a bad value', () => {
    const root = tempRoot();
    const r = configSection({ slurm: { partition: 3 } }, 'slurm', z.object({ partition: z.string().optional() }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ reason: 'bad-config', file: path.join('.pipe', 'config.yaml') });
    if (!r.ok && r.error.reason === 'bad-config') expect(r.error.message).toMatch(/^slurm\.partition: /);
    expect(root).toBeTruthy();
  });

  it('rejects a config that is not a mapping', () => {
    const root = tempRoot();
    mkdirSync(path.join(root, '.pipe'));
    writeFileSync(path.join(root, '.pipe/config.yaml'), '- a\n- b\n');
    const r = readProjectConfig(root);
    expect(r.ok).toBe(false);
  });

  it('sets and removes values keeping comments', () => {
    const root = tempRoot();
    mkdirSync(path.join(root, '.pipe'));
    writeFileSync(path.join(root, '.pipe/config.yaml'), '# keep me\ncore:\n  executor: local\n');
    expect(setConfigValue(root, ['remote', 'store', 'url'], 's3://b/p').ok).toBe(true);
    expect(setConfigValue(root, ['core', 'executor'], undefined).ok).toBe(true);
    const text = readFileSync(path.join(root, '.pipe/config.yaml'), 'utf8');
    expect(text).toContain('# keep me');
    const r = readProjectConfig(root);
    expect(r.ok && r.value).toEqual({ core: {}, remote: { store: { url: 's3://b/p' } } });
    expect(setConfigValue(root, ['remote', 'store', 'secret'], 'x', { local: true }).ok).toBe(true);
    expect(readFileSync(path.join(root, '.pipe/config.local.yaml'), 'utf8')).toContain('secret: x');
  });
});
