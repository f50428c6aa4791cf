// Parity of the SmallCNN with PyTorch 1.13 (test/fixtures/reference/burst/cnn, see its PROVENANCE.md): 8 Adam steps
// from the reference's initial weights on its batches, with the WASM SIMD and the TS kernels.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkReference } from './reference-parity.js';

const DIR = fileURLToPath(new URL('../../test/fixtures/reference/burst/cnn', import.meta.url));

describe.each(['wasm', 'js'] as const)('SmallCNN parity with PyTorch (%s kernels)', (backend) => {
  it('reproduces losses, step-0 gradients, final weights and eval probabilities', async () => {
    const r = await checkReference(DIR, { backend });
    expect(r.lossRel).toBeLessThan(1e-5);
    expect(r.gradAbs.max).toBeLessThan(1e-5);
    expect(r.gradAbs.maxExcludingPreBnBias).toBeLessThan(1e-6);
    // Every weight but the conv biases that feed a BatchNorm (and the running means they shift) within 1e-4.
    // Those biases have an exactly-zero true gradient; Adam normalises PyTorch's float32 rounding noise (~1e-6)
    // into ±lr steps that no other summation order reproduces, so they may drift by up to steps × lr.
    expect(r.weightAbs.maxExcludingPreBnBias).toBeLessThan(1e-4);
    expect(r.weightAbs.max).toBeLessThan(r.steps * 1e-3 + 1e-4);
    expect(r.probAbs).toBeLessThan(1e-3);
    expect(r.probAbsWithReferenceBiases).toBeLessThan(1e-4);
  }, 120_000);
});

describe('bench/nn/check-reference.ts', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'bench/nn/check-reference.ts', ...args], { cwd: root, encoding: 'utf8' });

  it('prints the largest errors for a reference folder', () => {
    const r = run(DIR);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/loss, max relative error +\d\.\d+e-\d+/);
    expect(r.stdout).toMatch(/eval probabilities, max abs err +\d\.\d+e-\d+/);
  }, 120_000);

  it('fails with one line naming the missing file', () => {
    const r = run('/nonexistent/ref');
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^check-reference: .*\/nonexistent\/ref\/tensors\.json/);
  }, 60_000);
});
