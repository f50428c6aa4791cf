// `pipe annotate` as a command (the built CLI): one-line errors for bad input, and `pipe annotate export` giving
// a snapshot that reads back as a labelled dataset (recordings + label files), i.e. the loop closes.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AnnotateSession, openInput } from '../../src/annotate/index.js';
import { PIPE_BIN } from './cli-process.js';
import { smallCorpus } from './fixture.js';

const built = existsSync(join(PIPE_BIN, '../../dist/src/annotate/index.js'));

describe.skipIf(!built)('pipe annotate (CLI)', () => {
  test('a prelabels file that does not parse: one line naming it, exit 1, no stack', () => {
    const c = smallCorpus();
    writeFileSync(c.prelabels, '{"predictions": [');
    const r = spawnSync(process.execPath, [PIPE_BIN, 'annotate', c.prelabels, '--audio', c.audio, '--out', c.out], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^pipe: .*prelabels\.json: not valid JSON/)]);
  });

  test('export writes a content-named snapshot that opens again as a label folder', async () => {
    const c = smallCorpus();
    const session = new AnnotateSession(openInput(c.prelabels, c.audio), c.out);
    const alice = { name: 'alice', role: 'annotator' as const };
    await session.act(alice, { item: 'r1', action: 'accept' });
    await session.act(alice, { item: 'r2', action: 'split', regions: [{ start: 1, end: 1.1, label: 'b' }, { start: 1.1, end: 1.25, label: 'h' }] });
    await session.act(alice, { item: 'r3', action: 'delete' });
    await session.act(alice, { item: 'r4', action: 'add', regions: [{ start: 3, end: 3.4, label: 'h' }] });
    session.close();
    writeFileSync(join(c.out, 'session.json'), JSON.stringify({ input: c.prelabels, audio: c.audio }));
    const to = join(c.root, 'snapshots');
    const dir = execFileSync(process.execPath, [PIPE_BIN, 'annotate', 'export', '--out', c.out, '--to', to], { encoding: 'utf8' }).trim();
    expect(dir).toMatch(/snapshots\/[0-9a-f]{16}$/);
    expect(readFileSync(join(dir, 'rec1.txt'), 'utf8')).toBe('# rec1.wav: 4 segments (pipe annotate export)\n0.5 0.75 b\n1 1.1 b\n1.1 1.25 h\n3 3.4 h\n');
    expect(statSync(join(dir, 'rec1.wav')).ino).toBe(statSync(join(c.audio, 'rec1.wav')).ino); // hard link
    expect(readFileSync(join(dir, 'metadata.csv'), 'utf8')).toBe('clip_ID,audio_file,label,labels,n_segments,duration_seconds\nrec1,rec1.wav,h,b;h,4,4\n');
    const changes = JSON.parse(readFileSync(join(dir, 'changes.json'), 'utf8'));
    expect(changes).toMatchObject({ split: 1, deleted: 1, added: 1, unchanged: 1, pending: 9 });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.files).toEqual([
      { relpath: 'rec1.wav', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: statSync(join(c.audio, 'rec1.wav')).size, mtime: expect.any(Number) },
      { relpath: 'rec1.txt', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: expect.any(Number), mtime: expect.any(Number) },
    ]);
    const reopened = openInput(dir, dir);
    expect(reopened.problems).toEqual([]);
    expect(reopened.suggestions.map((s) => [s.startS, s.endS, s.label])).toEqual([[0.5, 0.75, 'b'], [1, 1.1, 'b'], [1.1, 1.25, 'h'], [3, 3.4, 'h']]);
    const again = spawnSync(process.execPath, [PIPE_BIN, 'annotate', 'export', '--out', c.out, '--to', to], { encoding: 'utf8' });
    expect([again.stdout.trim(), again.stderr]).toEqual([dir, expect.stringContaining('(unchanged snapshot)')]);
  });
});
