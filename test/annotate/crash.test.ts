// Killing the server with SIGKILL in the middle of a burst of saves loses no acknowledged action: every action
// the server answered is in the log, the log reads cleanly (a torn last line at most), and the tool reopens
// where it was. Runs the built CLI (`npx tsc -p tsconfig.json` first, as the scenario tests).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readLog } from '../../src/annotate/index.js';
import { PIPE_BIN, startAnnotateProcess } from './cli-process.js';
import { smallCorpus } from './fixture.js';

const TOKEN = 'crash-token-0123456789';
const built = existsSync(join(PIPE_BIN, '../../dist/src/annotate/index.js'));
if (!built) console.warn('annotate crash test skipped: build first (npx tsc -p tsconfig.json)');

describe.skipIf(!built)('pipe annotate under SIGKILL', () => {
  test('every acknowledged action survives; the log reads; the tool reopens', async () => {
    const c = smallCorpus();
    const env = { PIPE_ANNOTATE_TOKENS: `${TOKEN}:annotator:ann` };
    const first = await startAnnotateProcess([c.prelabels, '--audio', c.audio, '--out', c.out], env);
    const acked: string[] = [];
    let stop = false;
    const worker = async (w: number): Promise<void> => {
      for (let k = 0; !stop; k++) {
        const item = `r${((w * 7 + k) % 12) + 1}`;
        const body = k % 3 === 2 ? { item, action: 'comment', comment: `burst ${w}/${k} ${'x'.repeat(200)}` } : { item, action: k % 2 === 0 ? 'accept' : 'relabel', label: 'h' };
        try {
          const response = await fetch(`${first.url}api/action`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
          if (response.status !== 200) throw new Error(`status ${response.status}: ${await response.text()}`);
          acked.push(((await response.json()) as { event: { id: string } }).event.id);
        } catch (error) {
          if (stop) return; // the server is gone: this request was never acknowledged
          throw error;
        }
      }
    };
    const failures: unknown[] = [];
    const workers = Array.from({ length: 8 }, (_, w) => worker(w).catch((error: unknown) => void failures.push(error)));
    while (acked.length < 150 && failures.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(failures).toEqual([]);
    const exited = new Promise((r) => first.child.once('exit', r)); // listen before the kill: exit may come at once
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.allSettled(workers);
    await exited;

    const read = readLog(join(c.out, 'annotations.jsonl'));
    expect(read.badLines).toEqual([]);
    const logged = new Set(read.events.map((e) => e.id));
    expect(acked.filter((id) => !logged.has(id))).toEqual([]);
    expect(read.events.length).toBeGreaterThanOrEqual(acked.length);

    const second = await startAnnotateProcess(['--out', c.out], env); // inputs from session.json, stale lock taken over
    try {
      const session = (await (await fetch(`${second.url}api/session`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { progress: { done: number } };
      expect(session.progress.done).toBe(12);
      const after = await fetch(`${second.url}api/action`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ item: 'r1', action: 'skip' }) });
      expect(after.status).toBe(200);
    } finally {
      const exited = new Promise((r) => second.child.once('exit', r));
      second.child.kill('SIGTERM');
      await exited;
    }
    const reread = readLog(join(c.out, 'annotations.jsonl'));
    expect(reread).toMatchObject({ tornTail: false, badLines: [] });
    expect(reread.events.at(-1)).toMatchObject({ item: 'r1', action: 'skip' });
  });
});
