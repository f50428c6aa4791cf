// End-to-end checks on a small corpus: determinism (byte-identical files), atomic output, all classes audible,
// and class-typical acoustics.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LABELS, type Label } from './labels.js';
import { rms } from './mix.js';
import { withDefaults } from './options.js';
import { parseSynthesizeParams } from './params.js';
import { renderClip } from './render-clip.js';
import { planDemoCorpus, writeDemoCorpus } from './write-corpus.js';

const root = mkdtempSync(join(tmpdir(), 'synth-corpus-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('writeDemoCorpus', () => {
  const options = withDefaults({ nClips: 60, nChildren: 6, seed: 7 });

  it('writes byte-identical corpora for the same params and leaves no temp dirs', async () => {
    const a = join(root, 'a', 'demo');
    const b = join(root, 'b', 'demo');
    await writeDemoCorpus(a, options);
    await writeDemoCorpus(b, options);
    mkdirSync(join(root, 'b', '.demo.tmp-999999', 'audio'), { recursive: true }); // an interrupted run's leftovers
    await writeDemoCorpus(b, options); // replacing an existing corpus
    const files = readdirSync(join(a, 'audio')).sort();
    expect(files.length).toBe(60);
    expect(readdirSync(join(b, 'audio')).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(b, 'audio', f)).equals(readFileSync(join(a, 'audio', f)))).toBe(true);
    expect(readFileSync(join(a, 'metadata.csv'), 'utf8')).toBe(readFileSync(join(b, 'metadata.csv'), 'utf8'));
    expect(readdirSync(join(root, 'b'))).toEqual(['demo']);
    const lines = readFileSync(join(a, 'metadata.csv'), 'utf8').trim().split('\n');
    expect(lines.length).toBe(61);
    for (const line of lines.slice(1)) expect(existsSync(join(a, 'audio', line.split(',')[3] ?? ''))).toBe(true);
  });

  it('writes 16 kHz mono PCM16 WAVs', () => {
    const f = readdirSync(join(root, 'a', 'demo', 'audio'))[0] ?? '';
    const bytes = readFileSync(join(root, 'a', 'demo', 'audio', f));
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
    expect(bytes.readUInt16LE(20)).toBe(1);
    expect(bytes.readUInt16LE(22)).toBe(1);
    expect(bytes.readUInt32LE(24)).toBe(16000);
    expect(bytes.readUInt16LE(34)).toBe(16);
  });
});

describe('class acoustics', () => {
  const options = withDefaults({ nClips: 400, nChildren: 8, seed: 3, labelNoise: 0, snrDbRange: [25, 30], reverbShare: 0 });
  const { clips } = planDemoCorpus(options);
  const byClass = (label: Label) => clips.filter((c) => c.label === label).slice(0, 6).map((c) => renderClip(c, options).samples);

  it('renders every class as finite, non-silent audio within [-1, 1]', () => {
    for (const label of LABELS) {
      for (const x of byClass(label)) {
        expect(x.every((v) => Number.isFinite(v) && Math.abs(v) <= 1)).toBe(true);
        expect(rms(x)).toBeGreaterThan(1e-5);
      }
    }
  });

  it('makes cries louder than non-canonical sounds', () => {
    const mean = (xs: Float32Array[], f: (x: Float32Array) => number): number => xs.reduce((s, x) => s + f(x), 0) / xs.length;
    const cry = byClass('Crying');
    const nc = byClass('Non-canonical');
    expect(mean(cry, rms)).toBeGreaterThan(mean(nc, rms));
  });

  it('parses params.yaml sections with clear errors', () => {
    expect(parseSynthesizeParams(undefined)).toMatchObject({ ok: true, options: { nClips: 2400, nChildren: 48 } });
    expect(parseSynthesizeParams({ n_clips: 10770, label_noise: 0.1 })).toMatchObject({ ok: true, options: { nClips: 10770, labelNoise: 0.1 } });
    expect(parseSynthesizeParams({ label_noise: 2 })).toMatchObject({ ok: false, message: expect.stringMatching(/^params\.yaml: synthesize\.label_noise: /) });
    expect(parseSynthesizeParams({ n_clip: 5 })).toMatchObject({ ok: false, message: expect.stringMatching(/^params\.yaml: synthesize/) });
    expect(parseSynthesizeParams({ snr_db_range: [10, 0] })).toMatchObject({ ok: false, message: expect.stringContaining('synthesize.snr_db_range') });
    const mix = parseSynthesizeParams({ junk_mix: { silence: 1 } });
    expect(mix.ok && mix.options.classKnobs.junkMix).toEqual([1, 0, 0, 0, 0, 0]);
  });
});
