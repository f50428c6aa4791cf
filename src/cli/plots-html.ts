// One self-contained HTML page for `pipe plots`: vega and vega-lite inlined from the installed npm packages (no
// CDN, works offline) and a small embed that compiles each spec and draws it as SVG. The page records its
// outcome in `window.__pipePlots = {drawn, errors}` (what the browser test reads).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { RenderedPlot } from '../engine/plots/index.js';

const require = createRequire(import.meta.url);

/** The browser build (package.json `unpkg`) of installed package `name`, safe inside a <script> element. */
function inlineScript(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { unpkg?: unknown };
  if (typeof manifest.unpkg !== 'string') throw new Error(`${name}: package.json names no browser build (unpkg)`);
  return readFileSync(path.join(dir, manifest.unpkg), 'utf8').replaceAll('</script', '<\\/script');
}

const EMBED = `
(async () => {
  const specs = JSON.parse(document.getElementById('pipe-specs').textContent);
  const state = { drawn: 0, errors: [] };
  for (const [i, plot] of specs.entries()) {
    const el = document.getElementById('plot-' + i);
    try {
      const compiled = vegaLite.compile(plot.spec).spec;
      const view = new vega.View(vega.parse(compiled), { renderer: 'svg', container: el, hover: true });
      await view.runAsync();
      state.drawn++;
    } catch (error) {
      state.errors.push(plot.id + ': ' + error.message);
      el.textContent = 'Cannot draw ' + plot.id + ': ' + error.message;
      console.error(error);
    }
  }
  window.__pipePlots = state;
})();
`;

/** The page for `plots` titled `title`. */
export function plotsHtml(plots: readonly RenderedPlot[], title: string): string {
  const json = JSON.stringify(plots).replaceAll('<', '\\u003c');
  const sections = plots.map((p, i) => `<section><h2>${escapeHtml(p.id)}</h2><div id="plot-${i}"></div></section>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;margin:1.5em}section{display:inline-block;vertical-align:top;margin:0 2em 2em 0}h2{font-size:1em;font-weight:normal;color:#444}</style>
<script>${inlineScript('vega')}</script>
<script>${inlineScript('vega-lite')}</script>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${sections}
<script type="application/json" id="pipe-specs">${json}</script>
<script>${EMBED}</script>
</body>
</html>
`;
}

function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
