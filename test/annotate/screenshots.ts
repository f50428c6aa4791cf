// Regenerates the screenshots of docs/annotate.md and the README: an annotator mid-session and a reviewer
// looking at a conflict, on the small test corpus. Usage: npx tsx test/annotate/screenshots.ts
import { join, resolve } from 'node:path';
import { resolveInputs, startAnnotateServer } from '../../src/annotate/index.js';
import { launchChromium, openPage, pressAndSave, waitForItem } from './browser.js';
import { smallCorpus } from './fixture.js';

const IMG = resolve(import.meta.dirname, '../../docs/img');
const T = { alice: 'alice-token-0123456789', bob: 'bob-token-0123456789ab', rita: 'rita-token-0123456789a' };
const c = smallCorpus();
process.env.PIPE_ANNOTATE_TOKENS = `${T.alice}:annotator:alice,${T.bob}:annotator:bob,${T.rita}:reviewer:rita`;
const opened = resolveInputs({ input: c.prelabels, audio: c.audio, out: c.out });
const server = await startAnnotateServer({ session: opened.session, config: opened.config, host: '127.0.0.1', port: 0 });
const browser = await launchChromium();
try {
  const bob = await openPage(browser, server.url, T.bob, 'r1');
  await pressAndSave(bob, '3');
  const alice = await openPage(browser, server.url, T.alice, 'r1');
  await pressAndSave(alice, 'a');
  await waitForItem(alice, 'r6');
  await pressAndSave(alice, '2');
  await waitForItem(alice, 'r11');
  await alice.keyboard.press('c');
  await alice.keyboard.type('faint second burst right after this one?');
  await alice.keyboard.press('Enter');
  await alice.waitForFunction(() => document.querySelectorAll('#comments li').length === 1);
  await alice.keyboard.press('w');
  await alice.keyboard.press('p');
  await alice.waitForTimeout(300);
  await alice.screenshot({ path: join(IMG, 'annotate-page.png') });
  const rita = await openPage(browser, server.url, T.rita);
  await rita.selectOption('#f-status', 'conflict');
  await waitForItem(rita, 'r1');
  await rita.waitForTimeout(300);
  await rita.screenshot({ path: join(IMG, 'annotate-review.png') });
  console.log(`wrote ${IMG}/annotate-page.png, annotate-review.png`);
} finally {
  await browser.close();
  await server.close();
}
