// A run-cache entry is trusted only while it matches its seal: an entry edited to point at another valid
// object (or copied under another key) is ignored and the stage runs, so the wrong content is never restored.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { Rig } from '../engine/rig.js';

let rig: Rig;
beforeEach(() => (rig = new Rig()));
afterEach(() => rig.cleanup());

interface Entry {
  file: string;
  outs: { path: string; hash: string; size: number }[];
}

function entries(): Entry[] {
  const runs = path.join(rig.dir, 'cache', 'runs');
  return readdirSync(runs).flatMap((d) =>
    readdirSync(path.join(runs, d)).map((f) => {
      const file = path.join(runs, d, f);
      return { file, outs: (JSON.parse(readFileSync(file, 'utf8')) as { outs: Entry['outs'] }).outs };
    }),
  );
}

test('an entry edited to point at another valid object is not restored', async () => {
  rig.write('pipeline.yaml', `stages:\n  copy:\n    cmd: ${rig.fake('copy', 'out.txt', 'in.txt')}\n    deps: [in.txt]\n    outs: [out.txt]\n`);
  rig.write('in.txt', 'A\n');
  expect((await rig.pipe(['repro'])).code).toBe(0);
  const outA = rig.read('out.txt');
  rig.write('in.txt', 'B\n');
  expect((await rig.pipe(['repro'])).code).toBe(0);
  const outB = rig.read('out.txt');
  expect(rig.count('copy')).toBe(2);

  // point B's entry at A's (valid) object, as a hand edit or a bad merge would
  const all = entries();
  const a = all.find((e) => e.outs[0]?.size === Buffer.byteLength(outA) && readFileSync(objectOf(e), 'utf8') === outA);
  const b = all.find((e) => e !== a);
  if (a === undefined || b === undefined) throw new Error('expected two run-cache entries');
  const edited = JSON.parse(readFileSync(b.file, 'utf8')) as Record<string, unknown>;
  writeFileSync(b.file, JSON.stringify({ ...edited, outs: a.outs }));

  rig.write('in.txt', 'A\n');
  expect((await rig.pipe(['repro'])).code).toBe(0); // restored from A's intact entry
  expect(rig.count('copy')).toBe(2);
  rig.write('in.txt', 'B\n');
  const r = await rig.pipe(['repro']);
  expect(r.code).toBe(0);
  expect(rig.read('out.txt')).toBe(outB);
  expect(rig.count('copy')).toBe(3); // the edited entry was ignored: the stage ran
  expect((await rig.pipe(['status'])).stdout).toContain('Pipeline is up to date');
});

function objectOf(e: Entry): string {
  const hash = e.outs[0]?.hash ?? '';
  return path.join(rig.dir, 'cache', 'objects', hash.slice(0, 2), hash.slice(2));
}
