// Builds dist/pipe-quick.cjs, the one-file CommonJS build of `pipe repro`/`pipe status` that bin/pipe.js runs
// (see src/cli/quick-main.ts), from tsc's output in dist/ — the same JavaScript the tests run, not a second
// compile of the TypeScript. npm packages stay outside the file (required from node_modules, lazily where the
// code imports them lazily). `import.meta.url` becomes each module's own dist/ file URL, so worker entry points
// and createRequire resolve exactly as they do from dist/. Written under a temporary name, then renamed.
// Usage: node esbuild.config.mjs   (after tsc; `npm run build` runs both)
import { build } from 'esbuild';
import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const distSrc = path.join(root, 'dist', 'src');
const target = path.join(root, 'dist', 'pipe-quick.cjs');
const tmp = `${target}.${process.pid}.tmp`;

/** Replaces `import.meta.url` in every dist module with that module's file URL. */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(distSrc + path.sep)) return undefined;
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'js' };
    });
  },
};

try {
  await build({
    entryPoints: [path.join(distSrc, 'cli', 'quick-main.js')],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outfile: tmp,
    plugins: [ownUrl],
    logLevel: 'warning',
  });
  await rename(tmp, target);
} catch (error) {
  await rm(tmp, { force: true });
  throw error;
}
