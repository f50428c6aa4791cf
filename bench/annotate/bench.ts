// Page load and next-item times of `pipe annotate` for one hour of audio with 10,000 suggestions, in real
// headless Chromium (Debian's `chromium` through playwright-core). The page only ever gets the slice it shows.
// Usage: npx tsx bench/annotate/bench.ts [--steps 40] [--keep DIR]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveInputs, startAnnotateServer } from '../../src/annotate/index.js';
import { writeHourCorpus } from './hour-corpus.js';

const { values: args } = parseArgs({ options: { steps: { type: 'string', default: '40' }, chromium: { type: 'string', default: '/usr/bin/chromium' } } });
const TOKEN = 'bench-token-0123456789';

type PageGlobal = { document: { getElementById(id: string): { dataset: Record<string, string | undefined> } | null }; annotateTimings: { ms: number; sinceKeyMs: number | null }[]; annotateFirstDrawMs: number };

/** Runs in the page: the drawn item is set and differs from `id`. */
function drawnOther(id: string | null): boolean {
  const item = (globalThis as unknown as PageGlobal).document.getElementById('main')?.dataset.item;
  return item !== undefined && item !== '' && item !== id;
}

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `median ${q(0.5).toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms, max ${s.at(-1)!.toFixed(0)} ms (n=${s.length})`;
}

const dir = mkdtempSync(join(tmpdir(), 'annotate-bench-'));
try {
  let t = performance.now();
  const corpus = writeHourCorpus(dir);
  console.log(`corpus: 1 h of 22,050 Hz audio + 10,000 suggestions written in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const cpu0 = process.cpuUsage();
  t = performance.now();
  process.env.PIPE_ANNOTATE_TOKENS = `${TOKEN}:annotator:bench`;
  const opened = resolveInputs({ input: corpus.prelabels, audio: corpus.audio, out: join(dir, 'annotations') });
  const server = await startAnnotateServer({ session: opened.session, config: opened.config, host: '127.0.0.1', port: 0 });
  const openMs = performance.now() - t;
  const openCpu = process.cpuUsage(cpu0);

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: args.chromium, args: ['--no-sandbox', '--mute-audio'] });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  let audioBytes = 0;
  let audioRequests = 0;
  page.on('response', async (r) => {
    if (r.url().includes('/api/audio') || r.url().includes('/api/spectrogram')) {
      audioRequests += r.url().includes('/api/audio') ? 1 : 0;
      audioBytes += Number(r.headers()['content-length'] ?? 0);
    }
  });
  const loads: number[] = [];
  const loadsInPage: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.goto('about:blank'); // a real navigation each time (the token stays in session storage)
    t = performance.now();
    await page.goto(`${server.url}#token=${TOKEN}`);
    await page.waitForSelector('#main:not([data-item=""])', { timeout: 30_000 });
    loads.push(performance.now() - t);
    loadsInPage.push(await page.evaluate(() => (globalThis as unknown as PageGlobal).annotateFirstDrawMs));
  }
  const api: Record<string, number[]> = { session: [], queue: [], slice: [], spectrogram: [] };
  for (let i = 0; i < 20; i++) {
    for (const [name, path] of [['session', 'api/session'], ['queue', 'api/queue?status=todo&limit=50'], ['slice', `api/audio?file=hour.wav&start=${1000 + i * 7}&end=${1004.5 + i * 7}`], ['spectrogram', `api/spectrogram?file=hour.wav&start=${1000 + i * 7}&end=${1004.5 + i * 7}`]] as const) {
      t = performance.now();
      await (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } })).arrayBuffer();
      api[name]!.push(performance.now() - t);
    }
  }

  const steps = Number(args.steps);
  const next: number[] = [];
  const nextCpu0 = process.cpuUsage();
  for (let i = 0; i < steps; i++) {
    const before = await page.getAttribute('#main', 'data-item');
    t = performance.now();
    await page.keyboard.press('j');
    await page.waitForFunction(drawnOther, before, { polling: 'raf' });
    next.push(performance.now() - t);
  }
  const nextCpu = process.cpuUsage(nextCpu0);
  const accepts: number[] = [];
  for (let i = 0; i < 10; i++) {
    const before = await page.getAttribute('#main', 'data-item');
    t = performance.now();
    await page.keyboard.press('a');
    await page.waitForFunction(drawnOther, before, { polling: 'raf' });
    accepts.push(performance.now() - t);
  }
  const timings = await page.evaluate(() => (globalThis as unknown as PageGlobal).annotateTimings);
  const sinceKey = timings.map((x) => x.sinceKeyMs).filter((x): x is number => x !== null);
  await browser.close();
  await server.close();

  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (figures taken on a shared, loaded machine)`);
  console.log('| measure | time |');
  console.log('|---|---|');
  console.log(`| server open (read 10,000 suggestions, WAV header) | ${openMs.toFixed(0)} ms wall, ${((openCpu.user + openCpu.system) / 1000).toFixed(0)} ms CPU |`);
  console.log(`| page load → first item drawn (waveform + spectrogram), driver-measured, 5 loads (first: cold browser) | ${stats(loads)}; first ${loads[0]!.toFixed(0)} ms |`);
  console.log(`| page load in page: navigation start → first item drawn | ${stats(loadsInPage)}; first ${loadsInPage[0]!.toFixed(0)} ms |`);
  console.log(`| API /api/session | ${stats(api.session!)} |`);
  console.log(`| API /api/queue (a page of 50 of 10,000) | ${stats(api.queue!)} |`);
  console.log(`| API /api/audio (4.5 s slice) | ${stats(api.slice!)} |`);
  console.log(`| API /api/spectrogram (4.5 s slice → JPEG) | ${stats(api.spectrogram!)} |`);
  console.log(`| next item (key j → next item drawn) | ${stats(next)} |`);
  console.log(`| accept (key a → fsynced → next item drawn) | ${stats(accepts)} |`);
  console.log(`| in page: keydown event → next item drawn (j and a) | ${stats(sinceKey)} |`);
  console.log(`| server+driver CPU during ${steps} next-item steps | ${((nextCpu.user + nextCpu.system) / 1000 / steps).toFixed(1)} ms per step |`);
  console.log(`| audio + spectrogram sent to the browser per item | ${audioRequests} items, ${(audioBytes / audioRequests / 1024).toFixed(0)} KiB each on average (the whole hour: ${((3600 * 22050 * 2) / 2 ** 20).toFixed(0)} MiB) |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
