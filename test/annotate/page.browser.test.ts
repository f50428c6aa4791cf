// The annotation page in real headless Chromium: keyboard-only work, reload, two annotators, a reviewer
// resolving their conflict, the export, and a `<script>` comment that stays text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportFromFolder, readLog, resolveInputs, startAnnotateServer, type AnnotateServer } from '../../src/annotate/index.js';
import { chromiumPath, launchChromium, openPage, pressAndSave, waitForItem } from './browser.js';
import { smallCorpus, type Corpus } from './fixture.js';

const TOKENS = { alice: 'alice-token-0123456789', bob: 'bob-token-0123456789ab', rita: 'rita-token-0123456789a', vera: 'vera-token-0123456789a' };

describe.skipIf(chromiumPath === undefined)('annotation page in Chromium', () => {
  let corpus: Corpus;
  let server: AnnotateServer;
  let browser: Browser;
  const log = () => readLog(join(corpus.out, 'annotations.jsonl')).events;

  beforeAll(async () => {
    corpus = smallCorpus();
    process.env.PIPE_ANNOTATE_TOKENS = `${TOKENS.alice}:annotator:alice,${TOKENS.bob}:annotator:bob,${TOKENS.rita}:reviewer:rita,${TOKENS.vera}:viewer:vera`;
    const opened = resolveInputs({ input: corpus.prelabels, audio: corpus.audio, out: corpus.out });
    delete process.env.PIPE_ANNOTATE_TOKENS;
    server = await startAnnotateServer({ session: opened.session, config: opened.config, host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('loads, and a keyboard-only session accepts, relabels, adjusts and skips; a reload shows them saved', async () => {
    // Queue order (lowest probability first): r1 b 0.34, r6 h 0.398, r11 mb 0.455, r3 h 0.491, r8 mb 0.549, …
    const page = await openPage(browser, server.url, TOKENS.alice, 'r1');
    expect(await page.locator('#who').textContent()).toContain('alice (annotator)');
    expect(await page.locator('#shortcuts tr').count()).toBeGreaterThan(10);
    expect(await page.locator('#waveform').boundingBox()).not.toBeNull();
    await pressAndSave(page, 'a'); // accept r1
    await waitForItem(page, 'r6');
    await pressAndSave(page, '2'); // relabel r6 (h) as the second class, mb
    await waitForItem(page, 'r11');
    await page.keyboard.press('w'); // start +50 ms
    await page.keyboard.press('Shift+P'); // end +10 ms
    await pressAndSave(page, 'Enter'); // saved as adjust
    await waitForItem(page, 'r3');
    await pressAndSave(page, 's'); // skip r3
    await waitForItem(page, 'r8');
    await pressAndSave(page, 'z'); // undo the skip: back at r3
    await waitForItem(page, 'r3');
    expect(await page.locator('#item-mine').textContent()).toBe('');
    await pressAndSave(page, 's');
    await waitForItem(page, 'r8');
    const mine = log().filter((e) => e.annotator === 'alice');
    expect(mine.map((e) => [e.item, e.action, e.label])).toEqual([['r1', 'accept', 'b'], ['r6', 'relabel', 'mb'], ['r11', 'adjust', 'mb'], ['r3', 'skip', undefined], ['r3', 'undo', undefined], ['r3', 'skip', undefined]]);
    expect(mine[4]!.undoes).toBe(mine[3]!.id);
    const adjusted = mine[2]!;
    expect([adjusted.start, adjusted.end]).toEqual([1.55, 1.76]);
    expect(adjusted.original).toMatchObject({ start: 1.5, end: 1.75, label: 'mb', probability: 0.455 });

    await page.reload();
    await waitForItem(page, 'r8'); // resumes at the first item still to do
    expect(await page.locator('#progress-total').textContent()).toBe('3 / 12 done');
    await page.selectOption('#f-status', 'done');
    await waitForItem(page, 'r1');
    expect(await page.locator('#queue li').allTextContents()).toEqual([expect.stringContaining('accepted'), expect.stringContaining('corrected'), expect.stringContaining('corrected')]);
    expect(await page.locator('#item-mine').textContent()).toBe('accepted');
    expect((page as unknown as { errors: string[] }).errors).toEqual([]); // no page errors, nothing fetched from elsewhere
    await page.context().close();
  });

  test('a comment with <script> stays text', async () => {
    const page = await openPage(browser, server.url, TOKENS.alice, 'r8');
    const evil = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';
    await page.keyboard.press('c');
    await page.keyboard.type(evil);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#save-status[data-state="saved"]');
    await page.waitForFunction(() => document.querySelectorAll('#comments li').length === 1);
    expect(await page.locator('#comments li').textContent()).toBe(`alice: ${evil}`);
    expect(await page.locator('#comments script, #comments img').count()).toBe(0);
    await page.reload();
    await waitForItem(page, 'r8');
    expect(await page.locator('#comments li').textContent()).toBe(`alice: ${evil}`);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(log().at(-1)).toMatchObject({ action: 'comment', comment: evil });
    await page.context().close();
  });

  test('two annotators at once; the reviewer sees the conflict and resolves it; a viewer cannot act', async () => {
    const [alice, bob] = await Promise.all([openPage(browser, server.url, TOKENS.alice, 'r8'), openPage(browser, server.url, TOKENS.bob, 'r1')]);
    await Promise.all([pressAndSave(alice, 'a'), pressAndSave(bob, '3')]); // alice accepts r8; bob relabels r1 (alice accepted it as b) as h
    await waitForItem(bob, 'r6');
    await pressAndSave(bob, '2'); // bob agrees with alice on r6 (mb)
    expect(log().filter((e) => e.annotator === 'bob').map((e) => [e.item, e.label])).toEqual([['r1', 'h'], ['r6', 'mb']]);

    const rita = await openPage(browser, server.url, TOKENS.rita);
    await rita.selectOption('#f-status', 'conflict');
    await waitForItem(rita, 'r1');
    expect(await rita.locator('#queue li').count()).toBe(1);
    expect(await rita.locator('#item-conflict').isVisible()).toBe(true);
    expect(await rita.locator('#versions li').allTextContents()).toEqual([expect.stringMatching(/^alice \(annotator\): accepted 0\.50–0\.75 b/), expect.stringMatching(/^bob \(annotator\): corrected 0\.50–0\.75 h/)]);
    await pressAndSave(rita, 'Shift+Digit2'); // take bob's version
    expect(log().at(-1)).toMatchObject({ annotator: 'rita', role: 'reviewer', action: 'resolve', from: 'bob', item: 'r1', regions: [{ label: 'h' }] });
    await rita.selectOption('#f-status', 'conflict');
    await rita.waitForSelector('#main[data-item="none"]');

    const vera = await openPage(browser, server.url, TOKENS.vera);
    await vera.keyboard.press('a');
    await vera.waitForSelector('#save-status[data-state="error"]');
    expect(await vera.locator('#save-status').textContent()).toContain('viewers cannot change annotations');
    for (const p of [alice, bob, rita, vera]) await p.context().close();
  });

  test('export gives the expected snapshot', () => {
    const result = exportFromFolder({ out: corpus.out, to: join(corpus.root, 'snapshots') });
    // Final: r1 h (resolved), r6 mb (alice and bob agree), r11 adjusted mb, r8 accepted mb (alice); r3 skipped.
    expect(result).toMatchObject({ nAudioFiles: 3, nSegments: 4, unresolved: 0, existed: false });
    const text = (name: string): string => readFileSync(join(result.dir, name), 'utf8');
    expect(text('rec1.txt')).toBe('# rec1.wav: 1 segments (pipe annotate export)\n0.5 0.75 h\n');
    expect(text('rec2.txt')).toBe('# rec2.wav: 2 segments (pipe annotate export)\n1 1.25 mb\n2 2.25 mb\n');
    expect(text('rec3.txt')).toBe('# rec3.wav: 1 segments (pipe annotate export)\n1.55 1.76 mb\n');
    const manifest = JSON.parse(text('manifest.json'));
    expect(manifest).toMatchObject({ n_audio_files: 3, n_segments: 4, label_counts: { b: 0, mb: 3, h: 1 } });
    expect(manifest.files.map((f: { relpath: string }) => f.relpath)).toEqual(['rec1.wav', 'rec1.txt', 'rec2.wav', 'rec2.txt', 'rec3.wav', 'rec3.txt']);
    const agreement = JSON.parse(text('agreement.json'));
    expect(agreement.pairs).toEqual([expect.objectContaining({ annotators: ['alice', 'bob'], n_items: 2, kappa: 0.333333 })]);
    const changes = JSON.parse(text('changes.json'));
    expect(changes).toMatchObject({ relabelled: 2, boundaries_adjusted: 1, resolved_by_reviewer: 1, pending: 8, relabel_matrix: { b: { h: 1 }, h: { mb: 1 } } });
    expect(exportFromFolder({ out: corpus.out, to: join(corpus.root, 'snapshots') })).toMatchObject({ dir: result.dir, existed: true });
  });
});
