// Tampered lock files, empty templates and bad flags end in one line without a stack; a lock written by
// another schema version is refused instead of being misread.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Rig } from '../engine/rig.js';

let rig: Rig;
beforeEach(() => (rig = new Rig()));
afterEach(() => rig.cleanup());

const noStack = (stderr: string) => expect(stderr).not.toMatch(/internal error|\n\s+at /);

describe('config and flag faults', () => {
  test('pipeline.lock with an unknown schema version is refused at its position', async () => {
    rig.write('pipeline.yaml', 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n');
    rig.write('pipeline.lock', 'schema: pipe-9\nstages: {}\n');
    const r = await rig.pipe(['status']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("pipeline.lock:1:9: invalid lock file: unsupported schema version (this pipe reads and writes 'pipe-1')");
    noStack(r.stderr);
  });

  test('${} is an error, not every param', async () => {
    rig.write('params.yaml', 'lr: 0.1\n');
    rig.write('pipeline.yaml', 'stages:\n  a:\n    cmd: echo ${} > a.txt\n    outs: [a.txt]\n');
    const r = await rig.pipe(['repro']);
    expect(r.code).not.toBe(0);
    // DVC's parser rejects the empty expression (dvc/parsing/interpolate.py: ParseException), and so does pipe
    expect(r.stderr).toContain("pipeline.yaml:3:10: failed to parse 'stages.a.cmd' in 'pipeline.yaml': ${}: ParseException");
    expect(rig.exists('a.txt')).toBe(false);
  });

  for (const jobs of ['0', '-1', 'x']) {
    test(`repro -j ${jobs} is a clean usage error`, async () => {
      rig.write('pipeline.yaml', 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n');
      const r = await rig.pipe(['repro', '-j', jobs]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(`--jobs needs a positive integer, got '${jobs}'`);
      noStack(r.stderr);
    });
  }
});
