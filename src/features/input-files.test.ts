import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputListError, listInputFiles } from './input-files.js';

function tree(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'pipe-inputs-'));
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), '');
  }
  return root;
}

describe('listInputFiles', () => {
  it('walks folders in byte order, keeps *.wav in any case, names files relative to the argument', () => {
    const root = tree(['b.wav', 'a/Z.WAV', 'a/y.wav', 'B.wav', 'notes.txt', 'c.wav.bak', 'a/deep/x.Wav']);
    expect(listInputFiles([root]).map((f) => f.name)).toEqual(['B.wav', 'a/Z.WAV', 'a/deep/x.Wav', 'a/y.wav', 'b.wav']);
    expect(listInputFiles([join(root, 'a')]).map((f) => f.name)).toEqual(['Z.WAV', 'deep/x.Wav', 'y.wav']);
  });

  it('takes file arguments as given, in argument order, named by base name', () => {
    const root = tree(['x/one.wav', 'two.txt']);
    const files = listInputFiles([join(root, 'two.txt'), join(root, 'x/one.wav')]);
    expect(files).toEqual([
      { path: join(root, 'two.txt'), name: 'two.txt' },
      { path: join(root, 'x/one.wav'), name: 'one.wav' },
    ]);
  });

  it('refuses a missing argument and two inputs with the same name', () => {
    const root = tree(['p/a.wav', 'q/a.wav']);
    expect(() => listInputFiles([join(root, 'nope')])).toThrow(InputListError);
    expect(() => listInputFiles([join(root, 'p'), join(root, 'q')])).toThrow(/same name 'a\.wav'/);
    expect(listInputFiles([root]).map((f) => f.name)).toEqual(['p/a.wav', 'q/a.wav']);
  });
});
