// Real headless Chromium for the page tests: Debian's `chromium` (installed by .ci/setup.d/30-chromium.sh)
// driven by playwright-core through executablePath — no browser is downloaded. Tests skip, saying why, when
// it is missing.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => p !== undefined && p !== '');

/** The Chromium executable, or undefined. */
export const chromiumPath: string | undefined = CANDIDATES.find((p) => existsSync(p));

if (chromiumPath === undefined) console.warn('annotate browser tests skipped: no Chromium (install Debian `chromium`, see .ci/setup.d/30-chromium.sh, or set CHROMIUM_PATH)');

/** Launches headless Chromium. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--mute-audio'] });
}

/** Opens the page as the holder of `token` and waits until the item `itemId` (or any) is drawn. */
export async function openPage(browser: Browser, url: string, token: string, itemId?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith(url) && !/^(blob|data):/.test(r.url())) errors.push(`request outside the server: ${r.url()}`); // works offline
  });
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(`${url}#token=${token}`);
  await page.waitForSelector(itemId === undefined ? '#main:not([data-item=""])' : `#main[data-item="${itemId}"]`, { timeout: 20_000 });
  return page;
}

/** Presses a key and waits until the page says the action is saved (the server fsynced it). */
export async function pressAndSave(page: Page, key: string): Promise<void> {
  await page.evaluate(() => {
    const s = document.getElementById('save-status')!;
    s.dataset.state = 'idle';
  });
  await page.keyboard.press(key);
  await page.waitForSelector('#save-status[data-state="saved"]', { timeout: 10_000 });
}

/** Waits until the item `id` is drawn. */
export async function waitForItem(page: Page, id: string): Promise<void> {
  await page.waitForSelector(`#main[data-item="${id}"]`, { timeout: 10_000 });
}
