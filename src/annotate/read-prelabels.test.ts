import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PrelabelsError, readPrelabels } from './read-prelabels.js';

const dir = mkdtempSync(join(tmpdir(), 'prelabels-'));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('readPrelabels', () => {
  test('reads `pipe predict` JSON (an array with per-class probabilities by name)', () => {
    const path = write('p.json', JSON.stringify([{ audio_file: 'a.wav', start_seconds: 0, end_seconds: 0.4, label: 'Canonical', probability: 0.7, probabilities: { Canonical: 0.7, Crying: 0.3 } }]));
    const set = readPrelabels(path);
    expect(set.labels).toEqual(['canonical', 'crying']);
    expect(set.suggestions).toEqual([expect.objectContaining({ id: 'r1', audioFile: 'a.wav', label: 'canonical', probability: 0.7, probabilities: { canonical: 0.7, crying: 0.3 } })]);
    expect(set.suggestions[0]!.modelId).toMatch(/^p\.json@sha256:[0-9a-f]{12}$/);
  });

  test("reads `pipe predict` CSV with p_<class> columns", () => {
    const path = write('p.csv', 'audio_file,start_seconds,end_seconds,label,probability,p_b,p_h\nx.wav,0,0.5,b,0.6,0.6,0.4\nx.wav,0.5,1,h,0.9,0.1,0.9\n');
    const set = readPrelabels(path);
    expect(set.labels).toEqual(['b', 'h']);
    expect(set.suggestions.map((s) => [s.id, s.label, s.probability, s.probabilities.h])).toEqual([['r1', 'b', 0.6, 0.4], ['r2', 'h', 0.9, 0.9]]);
  });

  test("reads the burst study's {audio_files, predictions} with probability arrays and per_class_probability", () => {
    const predictions = [
      { audio_file: 'r.wav', start_seconds: 0, end_seconds: 0.5, label: 'mb', probability: 0.5, probabilities: [0.2, 0.5, 0.3], per_class_probability: { b: 0.2, mb: 0.5, h: 0.3 } },
      { audio_file: 'r.wav', start_seconds: 0.125, end_seconds: 0.625, label: 'h', probabilities: [0.1, 0.1, 0.8] },
    ];
    const set = readPrelabels(write('burst.json', JSON.stringify({ audio_files: ['r.wav'], predictions })));
    expect(set.labels).toEqual(['b', 'mb', 'h']);
    expect(set.suggestions[1]).toEqual(expect.objectContaining({ label: 'h', probability: 0.8, probabilities: { b: 0.1, mb: 0.1, h: 0.8 } }));
  });

  test('reports bad rows by row and keeps the valid ones', () => {
    const rows = [
      { audio_file: 'a.wav', start_seconds: 0, end_seconds: 1, label: 'b', probability: 0.5 },
      { audio_file: 'a.wav', start_seconds: 'zero', end_seconds: 1, label: 'b' },
      { audio_file: 'a.wav', start_seconds: 2, end_seconds: 1, label: 'b' },
      { audio_file: 'a.wav', start_seconds: 0, end_seconds: 1, label: 'b', probability: 1.5 },
    ];
    const set = readPrelabels(write('bad.json', JSON.stringify({ predictions: rows })));
    expect(set.suggestions.map((s) => s.id)).toEqual(['r1']);
    expect(set.problems.map((p) => [p.row, p.message])).toEqual([
      [2, expect.stringContaining('start_seconds')],
      [4, expect.stringContaining('probability')],
      [3, 'end_seconds 1 is not after start_seconds 2'],
    ]);
  });

  test('a file that does not parse is one error naming it', () => {
    const path = write('broken.json', '{"predictions": [');
    expect(() => readPrelabels(path)).toThrow(PrelabelsError);
    expect(() => readPrelabels(path)).toThrow(/broken\.json: not valid JSON/);
    expect(() => readPrelabels(write('nocol.csv', 'file,start\n'))).toThrow(/nocol\.csv: missing column 'audio_file'/);
  });
});
