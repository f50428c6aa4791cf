// Crafted WAVs through `pipe features`: every lying header field gives one line naming the file, a skipped row
// under --on-error skip, and memory bounded by the bytes present (the child's peak RSS), never by the header.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collect, type PipeResult } from '../engine/rig.js';
import { craftWav, CRAFTED } from './crafted-wavs.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PIPE = path.resolve(HERE, '../../bin/pipe.js');
/** Peak RSS allowed for a run over a few small files (a Node process with workers idles near 80–150 MiB). */
const RSS_LIMIT_KIB = 400 * 1024;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pipe-crafted-'));
  writeFileSync(path.join(dir, 'ok.wav'), craftWav());
  for (const c of CRAFTED) writeFileSync(path.join(dir, c.name), c.bytes);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function features(args: string[]): Promise<PipeResult & { rssKiB: number }> {
  const rssOut = path.join(dir, `rss-${Math.random().toString(36).slice(2)}`);
  const child = spawn(process.execPath, ['--import', path.join(HERE, 'rss-probe.mjs'), PIPE, 'features', ...args], {
    cwd: dir,
    env: { ...process.env, RSS_OUT: rssOut },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const r = await collect(child);
  return { ...r, rssKiB: Number(readFileSync(rssOut, 'utf8')) };
}

describe('crafted WAVs through pipe features', () => {
  for (const set of ['mfcc', 'egemaps']) {
    test(`${set}: each bad file is one line naming it; the good file still gets its row; memory stays bounded`, async () => {
      const r = await features([set, 'ok.wav', ...CRAFTED.map((c) => c.name), '--on-error', 'skip', '--workers', '1']);
      expect(r.code).toBe(0);
      for (const c of CRAFTED) expect(r.stderr).toContain(`pipe features: ${c.name}: ${c.message}`);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(r.stdout).toMatch(/^ok\.wav,-?\d/m); // the good file has its features
      expect(r.stdout).toMatch(/^rate-4ghz\.wav,,/m); // a bad one an empty (flagged) row
      expect(r.rssKiB).toBeLessThan(RSS_LIMIT_KIB);
    });
  }

  test('without --on-error skip a bad file stops the run with one line naming it', async () => {
    const r = await features(['egemaps', 'ok.wav', 'rate-4ghz.wav', '--workers', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('pipe: rate-4ghz.wav: sample rate 4000000000 Hz is outside 1 kHz–384 kHz');
    expect(r.rssKiB).toBeLessThan(RSS_LIMIT_KIB);
  });

  test('a rate too low for egemaps is a per-file error under --on-error skip', async () => {
    writeFileSync(path.join(dir, 'low.wav'), craftWav({ sampleRateHz: 2000 }));
    const r = await features(['egemaps', 'ok.wav', 'low.wav', '--on-error', 'skip', '--workers', '1']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('pipe features: low.wav: egemaps: sample rate 2000 Hz is below 4000 Hz');
    expect(r.stdout).toMatch(/^ok\.wav,-?\d/m);
    expect(r.stdout).toMatch(/^low\.wav,,/m);
  });

  test('/dev/zero is refused as not a regular file, without reading it', async () => {
    const r = await features(['mfcc', 'ok.wav', '/dev/zero', '--on-error', 'skip', '--workers', '1']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('pipe features: /dev/zero: not a regular file');
    expect(r.rssKiB).toBeLessThan(RSS_LIMIT_KIB);
  });

  test('a folder with a symlink loop is one line, not an ELOOP stack', async () => {
    const loops = path.join(dir, 'loops');
    mkdirSync(path.join(loops, 'sub'), { recursive: true });
    writeFileSync(path.join(loops, 'a.wav'), craftWav());
    symlinkSync('..', path.join(loops, 'sub', 'up'));
    const r = await features(['mfcc', 'loops']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('pipe: loops/sub/up: symbolic link loop (leads back to a folder above it)');
    rmSync(path.join(loops, 'sub', 'up'));
    symlinkSync('self.wav', path.join(loops, 'self.wav'));
    const self = await features(['mfcc', 'loops']);
    expect(self.code).toBe(1);
    expect(self.stderr.trim()).toBe('pipe: loops/self.wav: symbolic link loop');
  });
});
