import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { encodeWav } from '../audio/wav-encode.js';
import { AudioRoot } from './audio-root.js';
import { openInput } from './open-input.js';
import { formatProblem } from './suggestion.js';

/** Three 4 s recordings (silence at 22,050 Hz) and four `pipe predict` rows per recording. */
function smallCorpus(): { root: string; audio: string; prelabels: string; rows: Record<string, unknown>[] } {
  const root = mkdtempSync(join(tmpdir(), 'open-input-'));
  const audio = join(root, 'audio');
  mkdirSync(audio);
  const rows: Record<string, unknown>[] = [];
  for (let f = 1; f <= 3; f++) {
    writeFileSync(join(audio, `rec${f}.wav`), encodeWav(new Float32Array(4 * 22_050), { sampleRateHz: 22_050 }));
    for (let k = 0; k < 4; k++) rows.push({ audio_file: `audio/rec${f}.wav`, start_seconds: k * 0.5 + 0.5, end_seconds: k * 0.5 + 0.75, label: 'b', probability: 0.5 });
  }
  const prelabels = join(root, 'prelabels.json');
  writeFileSync(prelabels, JSON.stringify(rows));
  return { root, audio, prelabels, rows };
}

describe('openInput', () => {
  test('keeps valid rows, reports missing audio, past-the-end segments and unknown labels by file and row', () => {
    const c = smallCorpus();
    const rows = [...c.rows.slice(0, 2), { ...c.rows[0]!, audio_file: 'audio/nope.wav' }, { ...c.rows[0]!, start_seconds: 3.9, end_seconds: 4.5 }, { ...c.rows[0]!, label: 'zz' }];
    writeFileSync(c.prelabels, JSON.stringify({ audio_files: [], predictions: rows }));
    const opened = openInput(c.prelabels, c.audio, { labels: ['b', 'mb', 'h'] });
    expect(opened.suggestions.map((s) => s.id)).toEqual(['r1', 'r2']);
    expect(opened.suggestions[0]!.audioFile).toBe('rec1.wav');
    expect(opened.problems.map(formatProblem)).toEqual([
      `${c.prelabels}: row 3: audio 'audio/nope.wav' not found in ${c.audio}`,
      `${c.prelabels}: row 4: segment 3.9–4.5 s is beyond the end of rec1.wav (4.000 s)`,
      `${c.prelabels}: row 5: unknown label 'zz' (known: b, mb, h)`,
    ]);
  });

  test('opens a plain folder of recordings with label files', () => {
    const c = smallCorpus();
    writeFileSync(join(c.audio, 'rec1.txt'), '# reviewed\n0.5 0,75 B\n1 1.5 h\nbroken line\n2 2.5 x\n');
    writeFileSync(join(c.audio, 'orphan_labels.txt'), '0 1 b\n');
    const opened = openInput(c.audio, c.audio);
    expect(opened.suggestions.map((s) => [s.audioFile, s.startS, s.endS, s.label, s.probability])).toEqual([['rec1.wav', 0.5, 0.75, 'b', null], ['rec1.wav', 1, 1.5, 'h', null]]);
    expect(opened.problems.map(formatProblem)).toEqual([
      'orphan_labels.txt: no recording with this base name (.wav) beside it',
      "rec1.txt: row 4: expected 'start end label', got 'broken line'",
      "rec1.txt: row 5: unknown label 'x' (known: b, mb, h)",
    ]);
  });
});

describe('AudioRoot', () => {
  test('refuses traversal, absolute paths and symlinks that leave the folder', () => {
    const c = smallCorpus();
    writeFileSync(join(c.root, 'secret.wav'), 'x');
    mkdirSync(join(c.audio, 'sub'));
    symlinkSync(join(c.root, 'secret.wav'), join(c.audio, 'sub', 'link.wav'));
    symlinkSync(join(c.audio, 'rec1.wav'), join(c.audio, 'inside.wav'));
    const root = new AudioRoot(c.audio);
    expect(root.resolveFile('../secret.wav')).toMatchObject({ ok: false, reason: 'outside' });
    expect(root.resolveFile(join(c.root, 'secret.wav'))).toMatchObject({ ok: false, reason: 'outside' });
    expect(root.resolveFile('sub/link.wav')).toMatchObject({ ok: false, reason: 'outside' });
    expect(root.resolveFile('sub/../../secret.wav')).toMatchObject({ ok: false, reason: 'outside' });
    expect(root.resolveFile('inside.wav')).toMatchObject({ ok: true });
    expect(root.resolveFile('missing.wav')).toMatchObject({ ok: false, reason: 'missing' });
    expect(root.relativeFor('../secret.wav')).toBeUndefined();
  });
});
