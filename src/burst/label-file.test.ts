// Label-file parsing and pairing (specs/burst-study.md): the original's format, and its silent skips and wrong
// pairings turned into reports naming file and line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLabelFile } from './label-file.js';
import { labelFileStem, pairDatasetFolder } from './pairing.js';

describe('parseLabelFile', () => {
  it('reads whitespace-separated lines, decimal commas, comments, upper-case labels and a CSV header', () => {
    const text = '# comment\nstart,end,label\n0.5 1.25 b\n1,5\t2,0 MB\n\n3.0,3.4,h\n';
    const parsed = parseLabelFile(text, 'x.txt');
    expect(parsed.problems).toEqual([]);
    expect(parsed.segments.map((s) => [s.startS, s.endS, s.label, s.line])).toEqual([[0.5, 1.25, 'b', 3], [1.5, 2, 'mb', 4], [3, 3.4, 'h', 6]]);
  });

  it('reports unknown labels and malformed lines with file and line instead of dropping them silently', () => {
    const parsed = parseLabelFile('0 1 b\n1 2 cough\n2 x b\n3 2 h\n', 'rec.txt');
    expect(parsed.segments).toHaveLength(1);
    expect(parsed.problems.map((p) => p.message)).toEqual([
      "rec.txt:2: unknown label 'cough' (known: b, mb, h)",
      "rec.txt:3: start and end must be seconds, got '2' and 'x'",
      'rec.txt:4: segment needs 0 ≤ start < end, got 3 … 2',
    ]);
  });
});

describe('pairDatasetFolder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'burst-pairing-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pairs by base name (.txt, _labels.txt, -labels.txt, .csv) and names every unpaired or ambiguous file', () => {
    for (const name of ['a.wav', 'a.txt', 'b.wav', 'b_labels.txt', 'c.wav', 'c-labels.csv', 'd.wav', 'orphan_labels.txt', 'e.wav', 'e.txt', 'e_labels.txt', 'f.flac', 'f.txt', 'README.txt', 'manifest.json']) {
      writeFileSync(join(dir, name), '');
    }
    const { pairs, problems } = pairDatasetFolder(dir);
    expect(pairs.map((p) => [p.id, p.labelRelpath])).toEqual([['a', 'a.txt'], ['b', 'b_labels.txt'], ['c', 'c-labels.csv']]);
    expect(problems.map((p) => [p.kind, p.path.slice(dir.length + 1)]).sort()).toEqual([
      ['ambiguous-labels', 'e.wav'],
      ['audio-without-labels', 'd.wav'],
      ['label-without-audio', 'orphan_labels.txt'],
      ['unsupported-audio', 'f.flac'],
    ]);
    expect(problems.find((p) => p.kind === 'label-without-audio')!.message).toContain('orphan_labels.txt: no recording orphan.wav beside it');
  });

  it('derives stems from label file names', () => {
    expect(labelFileStem('x_labels.txt')).toBe('x');
    expect(labelFileStem('x-labels.csv')).toBe('x');
    expect(labelFileStem('x.txt')).toBe('x');
    expect(labelFileStem('x.wav')).toBeUndefined();
  });
});
