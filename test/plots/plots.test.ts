// `pipe plots show|diff`: every DVC template from both declaration forms, git revisions overlaid, the HTML page
// drawn by headless Chromium without console errors, PNGs checked by size and pixel probes.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePlotsProject, PIPE_BIN, pipe } from './plots-project.js';

const CHROMIUM = '/usr/bin/chromium';
const PLOT_IDS = ['loss.csv', 'preds.csv', 'confusion_norm', 'f1_sorted', 'f1_bars', 'curves', 'pareto', 'history'];

interface SpecOut {
  id: string;
  spec: { data: { values: Record<string, unknown>[] }; mark?: unknown; layer?: unknown; facet?: unknown; encoding?: Record<string, { field?: string; sort?: unknown }> };
}

let dir = '';
beforeAll(() => {
  dir = makePlotsProject();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pipe plots show', () => {
  it('builds one spec per declared plot with its template', () => {
    const plots = JSON.parse(pipe(dir, ['plots', 'show', '--json'])) as SpecOut[];
    expect(plots.map((p) => p.id)).toEqual(PLOT_IDS);
    const byId = new Map(plots.map((p) => [p.id, p.spec]));
    expect(byId.get('loss.csv')?.encoding?.['x']?.field).toBe('epoch');
    expect(byId.get('loss.csv')?.data.values).toHaveLength(4);
    expect(byId.get('f1_sorted')?.encoding?.['y']?.sort).toBe('-x');
    expect(byId.get('f1_bars')?.encoding?.['y']?.sort).toBeUndefined();
    expect(byId.get('preds.csv')?.facet).toBeDefined();
    expect(JSON.stringify(byId.get('confusion_norm'))).toContain('percent_of_y');
    expect(JSON.stringify(byId.get('history'))).toContain('loess');
    // Two y columns of one file: unified under `value`, one series per column.
    const curves = byId.get('curves')?.data.values ?? [];
    expect(new Set(curves.map((r) => r['series']))).toEqual(new Set(['loss.csv::loss', 'loss.csv::acc']));
    expect(curves.filter((r) => r['series'] === 'loss.csv::acc').map((r) => r['value'])).toEqual([0.5, 0.7, 0.8, 0.82]);
  });

  it('writes index.html with vega inlined (no remote scripts) and an SVG + PNG per plot', async () => {
    pipe(dir, ['plots', 'show', 'loss.csv', 'preds.csv', 'confusion_norm', 'curves', '-o', 'out']);
    const html = readFileSync(path.join(dir, 'out/index.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html.length).toBeGreaterThan(500_000);
    for (const id of ['loss', 'preds', 'confusion_norm', 'curves']) {
      expect(readFileSync(path.join(dir, `out/${id}.svg`), 'utf8')).toMatch(/^<svg/);
    }
    const png = path.join(dir, 'out/confusion_norm.png');
    const meta = await sharp(png).metadata();
    expect(meta.width).toBeGreaterThan(400);
    expect(meta.height).toBeGreaterThan(400);
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const pixel = (fx: number, fy: number): number[] => {
      const i = (Math.floor(fy * info.height) * info.width + Math.floor(fx * info.width)) * 3;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    };
    // The corner is background; the matrix centre holds a coloured cell (not white, not grey).
    expect(pixel(0.01, 0.99)).toEqual([255, 255, 255]);
    const centre = pixel(0.45, 0.5);
    expect(Math.max(...centre) - Math.min(...centre)).toBeGreaterThan(40);
  });

  it('fails with one line naming the problem on an unknown template', () => {
    const yaml = readFileSync(path.join(dir, 'pipeline.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'pipeline.yaml'), yaml.replace('template: smooth', 'template: wiggly'));
    try {
      expect(() => execFileSync(process.execPath, [PIPE_BIN, 'plots', 'show', '--json'], { cwd: dir, stdio: 'pipe' })).toThrow(/unknown template 'wiggly'/);
    } finally {
      writeFileSync(path.join(dir, 'pipeline.yaml'), yaml);
    }
  });
});

describe('pipe plots diff', () => {
  it('overlays the workspace and HEAD, one series per revision', () => {
    const csv = readFileSync(path.join(dir, 'loss.csv'), 'utf8');
    writeFileSync(path.join(dir, 'loss.csv'), csv.replace('0.35', '0.2'));
    try {
      const plots = JSON.parse(pipe(dir, ['plots', 'diff', '--json', '--targets', 'loss.csv'])) as SpecOut[];
      expect(plots).toHaveLength(1);
      const rows = plots[0]!.spec.data.values;
      expect(rows.filter((r) => r['rev'] === 'HEAD').map((r) => r['loss'])).toEqual([0.9, 0.6, 0.4, 0.35]);
      expect(rows.filter((r) => r['rev'] === 'workspace').map((r) => r['loss'])).toEqual([0.9, 0.6, 0.4, 0.2]);
    } finally {
      writeFileSync(path.join(dir, 'loss.csv'), csv);
    }
  });
});

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`plots browser test skipped: ${CHROMIUM} not installed (.ci/setup.d/30-chromium.sh installs it)`);

describe.skipIf(!haveChromium)('the HTML page in headless Chromium', () => {
  it('draws every plot without console errors, offline', async () => {
    pipe(dir, ['plots', 'diff', 'HEAD', 'workspace', '-o', 'page', '--no-images']);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => void (m.type() === 'error' || m.type() === 'warning' ? problems.push(m.text()) : undefined));
      page.on('pageerror', (e) => void problems.push(e.message));
      await page.route(/^(?!file:)/, (route) => {
        problems.push(`network request: ${route.request().url()}`);
        return route.abort();
      });
      await page.goto(`file://${path.join(dir, 'page/index.html')}`);
      await page.waitForFunction(() => (window as unknown as { __pipePlots?: unknown }).__pipePlots !== undefined, undefined, { timeout: 30_000 });
      const state = await page.evaluate(() => (window as unknown as { __pipePlots: { drawn: number; errors: string[] } }).__pipePlots);
      expect(state.errors).toEqual([]);
      expect(state.drawn).toBe(PLOT_IDS.length);
      const marks = await page.locator('svg .mark-rect path, svg .mark-line path, svg .mark-symbol path').count();
      expect(marks).toBeGreaterThan(20);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
