// Bundle behaviour: save → load round trip, identical predictions, deterministic bytes, one-line errors.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mfccSet } from '../features/index.js';
import { predictProba, Rng } from '../ml/index.js';
import { BundleError, loadModelBundle, predictClips, saveModelBundle, type SaveModelBundleOptions } from './index.js';
import { classFrequencyHz, STUDY_CLASSES, TINY_FEATURE_PARAMS, tinyBundleOptions, toneClip } from '../../test/support/tiny-bundle.js';

let tmp: string;
let options: SaveModelBundleOptions;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'pipe-bundle-'));
  options = await tinyBundleOptions();
  await saveModelBundle(join(tmp, 'good'), options);
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

/** Saves a copy of the good bundle with `bundle.json` edited by `edit`; returns its dir. */
async function corrupted(name: string, edit: (json: Record<string, unknown>) => void): Promise<string> {
  const dir = join(tmp, name);
  await saveModelBundle(dir, options);
  const json = JSON.parse(await readFile(join(dir, 'bundle.json'), 'utf8')) as Record<string, unknown>;
  edit(json);
  await writeFile(join(dir, 'bundle.json'), JSON.stringify(json));
  return dir;
}

describe('model bundle', () => {
  it('round-trips: the loaded bundle predicts exactly as the trained model on imputed features', () => {
    const bundle = loadModelBundle(join(tmp, 'good'));
    expect(bundle.featureSet).toBe('mfcc');
    expect(bundle.classes).toEqual([...STUDY_CLASSES]);
    expect(bundle.columns).toEqual(options.columns);
    const x = options.trainingFeatures;
    const expected = Float64Array.from(predictProba(options.model, options.imputer.transform(x)));
    expect(bundle.predictFeatures(x)).toEqual(expected);
    expect(bundle.json.reference.quantiles).toHaveLength(options.columns.length);
    expect(bundle.json.reference.quantiles[0]).toHaveLength(101);
  });

  it('writes byte-identical files for the same inputs, replacing an existing bundle', async () => {
    const a = await readFile(join(tmp, 'good', 'bundle.json'));
    const m = await readFile(join(tmp, 'good', 'model.json'));
    await saveModelBundle(join(tmp, 'good'), options);
    expect(await readFile(join(tmp, 'good', 'bundle.json'))).toEqual(a);
    expect(await readFile(join(tmp, 'good', 'model.json'))).toEqual(m);
    const text = a.toString('utf8');
    expect(text.indexOf('"classes"')).toBeLessThan(text.indexOf('"columns"'));
  });

  it('predicts clips: short clips whole, long ones as 0.4 s chunks with averaged probabilities', async () => {
    const bundle = loadModelBundle(join(tmp, 'good'));
    const extractor = await mfccSet.open(TINY_FEATURE_PARAMS);
    const rng = new Rng(3);
    const clips = [toneClip(classFrequencyHz(1, rng), 0.4, rng), toneClip(classFrequencyHz(3, rng), 1.1, rng), toneClip(400, 0, rng)];
    const seen: number[] = [];
    const out = await predictClips(bundle, extractor, clips, { onFeatures: (v) => seen.push(v.length) });
    await extractor.close();
    expect(seen).toEqual([4]);
    const [short, long, empty] = out;
    expect(short?.ok && short.chunks).toBe(undefined);
    expect(short?.ok && short.label).toBe('Crying');
    if (long?.ok !== true) throw new Error('long clip failed');
    expect(long.chunks?.map((c) => [c.start_s, c.end_s])).toEqual([[0, 0.4], [0.4, 0.8], [0.8, 1.1]]);
    for (const cls of STUDY_CLASSES) {
      const mean = long.chunks!.reduce((s, c) => s + c.probabilities[cls]!, 0) / 3;
      expect(long.probabilities[cls]).toBeCloseTo(mean, 12);
    }
    expect(empty).toEqual({ ok: false, reason: 'empty audio (0 samples)' });
  });

  it('drops a last chunk shorter than 0.2 s', async () => {
    const bundle = loadModelBundle(join(tmp, 'good'));
    const extractor = await mfccSet.open(TINY_FEATURE_PARAMS);
    const rng = new Rng(4);
    const [out] = await predictClips(bundle, extractor, [toneClip(300, 0.95, rng)]);
    await extractor.close();
    expect(out?.ok && out.chunks?.map((c) => c.end_s)).toEqual([0.4, 0.8]);
  });

  it('names the file in one line for each kind of bad bundle', async () => {
    const expectError = (dir: string, reason: string, pattern: RegExp): void => {
      try {
        loadModelBundle(dir);
        throw new Error('expected a BundleError');
      } catch (error) {
        expect(error).toBeInstanceOf(BundleError);
        expect((error as BundleError).reason).toBe(reason);
        expect((error as BundleError).message).toMatch(pattern);
        expect((error as BundleError).message).not.toContain('\n');
      }
    };
    expectError(join(tmp, 'nope'), 'missing-file', /nope\/bundle\.json: missing/);
    expectError(await corrupted('format', (j) => (j.format = 'other/2')), 'bad-format', /format\/bundle\.json: not a pipe-model-bundle\/1 file \(format:/);
    expectError(await corrupted('cols', (j) => (j.columns = ['a', 'b'])), 'mismatch', /cols\/bundle\.json: imputer has 6 columns but 'columns' lists 2/);
    const noModel = await corrupted('model', () => undefined);
    await writeFile(join(noModel, 'model.json'), '{"learner": 1}');
    expectError(noModel, 'bad-format', /model\/model\.json: not an XGBoost JSON model/);
    const badJson = await corrupted('json', () => undefined);
    await writeFile(join(badJson, 'bundle.json'), '{');
    expectError(badJson, 'bad-json', /json\/bundle\.json: invalid JSON/);
  });

  it('refuses to save parts that disagree', async () => {
    await expect(saveModelBundle(join(tmp, 'bad'), { ...options, columns: ['x'] })).rejects.toThrow(/imputer has 6 columns, expected 1/);
    expect(() => loadModelBundle(join(tmp, 'bad'))).toThrow(BundleError);
  });
});
