// The annotation server's HTTP contract without a browser: tokens and roles, audio only from the folder,
// slices of the asked range, bad input reported by row while the valid rows open, headers that keep
// scripts to the server's own files.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeWav } from '../../src/audio/wav-decode.js';
import { resolveInputs, startAnnotateServer, type AnnotateServer } from '../../src/annotate/index.js';
import { SAMPLE_RATE_HZ, smallCorpus, type Corpus } from './fixture.js';

const T = { ann: 'ann-token-0123456789ab', rev: 'rev-token-0123456789ab', view: 'view-token-0123456789a' };

describe('annotation server', () => {
  let c: Corpus;
  let server: AnnotateServer;
  let problems: string[];
  const get = (path: string, token?: string) => fetch(`${server.url}${path}`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  const post = (body: unknown, token: string) => fetch(`${server.url}api/action`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    c = smallCorpus();
    writeFileSync(join(c.root, 'secret.wav'), 'not for you');
    mkdirSync(join(c.audio, 'sub'));
    symlinkSync(join(c.root, 'secret.wav'), join(c.audio, 'sub', 'out.wav'));
    const rows = [...c.rows, { ...c.rows[0]!, audio_file: 'audio/gone.wav' }, { ...c.rows[0]!, start_seconds: 3.5, end_seconds: 9 }, { ...c.rows[0]!, label: 'nope' }];
    writeFileSync(c.prelabels, JSON.stringify(rows));
    process.env.PIPE_ANNOTATE_TOKENS = `${T.ann}:annotator:ann,${T.rev}:reviewer:rev,${T.view}:viewer:view`;
    const opened = resolveInputs({ input: c.prelabels, audio: c.audio, out: c.out });
    delete process.env.PIPE_ANNOTATE_TOKENS;
    problems = opened.problemLines;
    server = await startAnnotateServer({ session: opened.session, config: opened.config, host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => server?.close());

  test('bad rows are reported by file and row; the valid rows open', async () => {
    expect(problems).toEqual([
      `${c.prelabels}: row 13: audio 'audio/gone.wav' not found in ${c.audio}`,
      `${c.prelabels}: row 14: segment 3.5–9 s is beyond the end of rec1.wav (4.000 s)`,
      `${c.prelabels}: row 15: unknown label 'nope' (known: b, mb, h)`,
    ]);
    const session = (await (await get('api/session', T.view)).json()) as { n_problems: number; progress: { total: number } };
    expect(session).toMatchObject({ n_problems: 3, progress: { total: 12 } });
  });

  test('the API needs a known token; the page and its scripts are served with a strict CSP', async () => {
    expect((await get('api/session')).status).toBe(401);
    expect((await get('api/session', 'wrong-token-0123456789')).status).toBe(401);
    const page = await get('');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).not.toMatch(/https?:\/\//); // nothing from a CDN
    for (const path of ['vendor/wavesurfer.esm.js', 'vendor/regions.esm.js', 'app/app.js', 'app/render.js']) expect((await get(path)).status).toBe(200);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });

  test('roles: a viewer reads but cannot act; only a reviewer resolves', async () => {
    expect((await post({ item: 'r1', action: 'accept' }, T.view)).status).toBe(403);
    expect((await post({ item: 'r1', action: 'resolve', from: 'ann' }, T.ann)).status).toBe(403);
    expect((await post({ item: 'r1', action: 'accept' }, T.ann)).status).toBe(200);
    expect((await post({ item: 'r1', action: 'resolve', from: 'ann' }, T.rev)).status).toBe(200);
    const asAnn = (await (await get('api/item/r1', T.ann)).json()) as { versions: { annotator: string }[] };
    const asRev = (await (await get('api/item/r1', T.rev)).json()) as { versions: { annotator: string }[] };
    expect(asAnn.versions.map((v) => v.annotator)).toEqual(['ann']);
    expect(asRev.versions.map((v) => v.annotator)).toEqual(['ann', 'rev']);
  });

  test('actions are checked: labels, boundaries inside the recording, known items', async () => {
    expect(await (await post({ item: 'r2', action: 'relabel', label: 'zz' }, T.ann)).json()).toEqual({ error: "unknown label 'zz' (known: b, mb, h)" });
    expect((await post({ item: 'r2', action: 'adjust', regions: [{ start: 3.9, end: 4.2, label: 'b' }] }, T.ann)).status).toBe(400);
    expect((await post({ item: 'r999', action: 'accept' }, T.ann)).status).toBe(404);
    expect((await post({ item: 'r2', action: 'explode' }, T.ann)).status).toBe(400);
    const comment = '<script>alert(1)</script>';
    const saved = (await (await post({ item: 'r2', action: 'comment', comment }, T.ann)).json()) as { event: { comment: string } };
    expect(saved.event.comment).toBe(comment); // stored as typed; the page renders it as text (browser test)
  });

  test('the queue: lowest confidence first, filtered by class, confidence range, recording and status', async () => {
    type Page = { total: number; items: { id: string; label: string; probability: number; audio_file: string }[]; progress: { perClass: Record<string, { done: number; total: number }> } };
    const queue = async (q: string, token = T.view): Promise<Page> => (await (await get(`api/queue?${q}`, token)).json()) as Page;
    const all = await queue('status=all&limit=500');
    expect(all.total).toBe(12);
    const p = all.items.map((i) => i.probability);
    expect(p).toEqual([...p].sort((a, b) => a - b));
    const bs = await queue('status=all&label=b');
    expect(bs.items.map((i) => i.label)).toEqual(['b', 'b', 'b', 'b']);
    const mid = await queue('status=all&min=0.4&max=0.6');
    expect(mid.items.every((i) => i.probability >= 0.4 && i.probability <= 0.6)).toBe(true);
    expect(mid.total).toBe(all.items.filter((i) => i.probability >= 0.4 && i.probability <= 0.6).length);
    expect((await queue('status=all&recording=rec3.wav')).items.map((i) => i.audio_file)).toEqual(['rec3.wav', 'rec3.wav', 'rec3.wav', 'rec3.wav']);
    const page2 = await queue('status=all&offset=10&limit=5');
    expect([page2.total, page2.items.map((i) => i.id)]).toEqual([12, all.items.slice(10).map((i) => i.id)]);
    const todo = await queue('status=todo', T.ann); // ann decided r1 and commented on r2 in the tests before
    expect(todo.items.map((i) => i.id)).not.toContain('r1');
    expect(todo.items.map((i) => i.id)).toContain('r2');
    expect((await queue('status=done', T.ann)).items.map((i) => i.id)).toEqual(['r1']);
    expect(todo.progress.perClass.b).toEqual({ done: 1, total: 4 });
    expect((await get('api/queue?status=bogus', T.view)).status).toBe(400);
  });

  test('audio: only the asked range, only from the folder', async () => {
    const slice = await get('api/audio?file=rec2.wav&start=1&end=1.5', T.view);
    expect(slice.headers.get('content-type')).toBe('audio/wav');
    const wav = decodeWav(new Uint8Array(await slice.arrayBuffer()));
    expect(wav).toMatchObject({ sampleRateHz: SAMPLE_RATE_HZ, channels: 1, frames: SAMPLE_RATE_HZ / 2 });
    for (const file of ['../secret.wav', 'sub/out.wav', '/etc/passwd', 'sub/../../secret.wav']) {
      const r = await get(`api/audio?file=${encodeURIComponent(file)}&start=0&end=1`, T.view);
      expect([r.status, file]).toEqual([403, file]);
    }
    expect((await get('api/audio?file=rec2.wav&start=0&end=500', T.view)).status).toBe(400);
    expect((await get('api/audio?file=rec2.wav&start=0&end=1')).status).toBe(401);
  });
});
