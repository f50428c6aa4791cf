// Drift monitor: served vectors like the training data score low, shifted ones high; the window slides.
import { describe, expect, it } from 'vitest';
import { bundleJsonOf, ModelBundle } from '../bundle/index.js';
import { tinyBundleOptions } from '../../test/support/tiny-bundle.js';
import { DriftMonitor } from './drift-monitor.js';

async function tinyBundle(): Promise<{ bundle: ModelBundle; rows: Float64Array[] }> {
  const o = await tinyBundleOptions();
  const bundle = new ModelBundle('mem', bundleJsonOf(o), o.model, o.imputer, o.encoder);
  const x = o.imputer.transform(o.trainingFeatures);
  const rows = Array.from({ length: x.rows }, (_, r) => x.data.slice(r * x.cols, (r + 1) * x.cols));
  return { bundle, rows };
}

describe('DriftMonitor', () => {
  it('scores nothing before enough vectors, about 0 for training-like data and 1 for shifted data', async () => {
    const { bundle, rows } = await tinyBundle();
    const monitor = new DriftMonitor(bundle, { windowSize: 100, minVectors: 30 });
    monitor.add(rows.slice(0, 20));
    expect(monitor.score()).toBeUndefined();
    monitor.add(rows.slice(20, 150));
    expect(monitor.size).toBe(100);
    expect(monitor.score()!).toBeLessThanOrEqual(0.2);
    const shifted = rows.map((r) => r.map((v) => v + 1000));
    monitor.add(shifted.slice(0, 100));
    expect(monitor.score()).toBe(1);
  });

  it('imputes missing cells and ignores vectors of the wrong length', async () => {
    const { bundle, rows } = await tinyBundle();
    const monitor = new DriftMonitor(bundle, { windowSize: 50, minVectors: 1 });
    monitor.add([new Float64Array(rows[0]!.length).fill(Number.NaN), new Float64Array(2)]);
    expect(monitor.size).toBe(1);
    expect(monitor.report()?.features.every((f) => Number.isFinite(f.distance))).toBe(true);
  });
});
