// The page's files: its own (src/annotate/web) and wavesurfer.js with its regions plugin from the installed package — a fixed list
// of names, so no request path ever reaches the file system.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Asset {
  readonly type: string;
  readonly body: Buffer;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const PAGE_FILES = ['index.html', 'app.js', 'api.js', 'render.js', 'view.js', 'keys.js', 'style.css'];
const VENDOR: Record<string, string> = {
  'wavesurfer.esm.js': 'wavesurfer.js',
  'regions.esm.js': 'wavesurfer.js/plugins/regions',
};

/** The web folder, whether running from src/ (tsx) or from dist/ (built). */
function webDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, 'web'), join(here, '..', '..', '..', 'src', 'annotate', 'web')]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  throw new Error(`the annotation page's files are missing (looked beside ${here})`);
}

/** Loads every asset once: URL path → content. */
export function loadAssets(): Map<string, Asset> {
  const dir = webDir();
  const assets = new Map<string, Asset>();
  for (const f of PAGE_FILES) assets.set(f === 'index.html' ? '/' : `/app/${f}`, { type: TYPES[f.slice(f.lastIndexOf('.'))]!, body: readFileSync(join(dir, f)) });
  const require = createRequire(import.meta.url);
  for (const [name, specifier] of Object.entries(VENDOR)) {
    const cjs = require.resolve(specifier); // …/dist/plugins/regions.cjs → the ESM build beside it
    const esm = cjs.replace(/\.cjs$/, '.esm.js');
    assets.set(`/vendor/${name}`, { type: TYPES['.js']!, body: readFileSync(existsSync(esm) ? esm : cjs) });
  }
  return assets;
}
