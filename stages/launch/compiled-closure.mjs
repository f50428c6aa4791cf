// @ts-check
// The compiled modules a stage can load from dist/: its entry and, transitively, every relative module named in a
// compiled file. Static and dynamic imports (`from './x.js'`, `import('./x.js')`) must resolve; other string literals
// are followed when they name a compiled module — a relative path (`const specifier = '../audio/resample.js'`) or a
// sibling's bare name, which is how worker entries are started (`startModuleWorker(import.meta.url, 'trial-worker')`,
// `entry: 'feature-worker'`). Over-including is harmless (one more file checked); package imports are not followed.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';

/** Import and export specifiers of compiled ES modules: `from '…'`, `import '…'`, `import('…')`. */
const IMPORT_SPECIFIER = /\b(?:from|import)\s*\(?\s*(['"])([^'"\r\n]+)\1/g;
/** Every short quoted literal, overlapping matches included so that no literal is skipped. */
const LITERAL = /(?=(['"`])([\w@./-]{1,200})\1)/g;
const MODULE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.json']);

/**
 * @typedef {object} CompiledClosure
 * @property {readonly string[]} files  absolute paths of the compiled modules reached (the entry first)
 * @property {readonly string[]} missing  relative imports that name no file, as `importer: specifier`
 */

/**
 * Walks the relative-module closure of the compiled module at `entry` (an absolute path that exists).
 * @param {string} entry
 * @returns {CompiledClosure}
 */
export function compiledClosure(entry) {
  /** @type {Map<string, ReadonlySet<string>>} */
  const listings = new Map();
  const seen = new Set([entry]);
  const files = [entry];
  /** @type {string[]} */
  const missing = [];
  for (let i = 0; i < files.length; i++) {
    const file = /** @type {string} */ (files[i]);
    const dir = dirname(file);
    const text = readFileSync(file, 'utf8');
    /** @param {string} path */
    const visit = (path) => {
      if (!seen.has(path)) {
        seen.add(path);
        files.push(path);
      }
    };
    for (const match of text.matchAll(IMPORT_SPECIFIER)) {
      const specifier = /** @type {string} */ (match[2]);
      if (!specifier.startsWith('./') && !specifier.startsWith('../')) continue;
      const path = resolve(dir, specifier);
      if (hasFile(listings, path)) visit(path);
      else missing.push(`${file}: ${specifier}`);
    }
    for (const match of text.matchAll(LITERAL)) {
      const literal = /** @type {string} */ (match[2]);
      if (literal.startsWith('./') || literal.startsWith('../')) {
        const path = resolve(dir, literal);
        if (MODULE_EXTENSIONS.has(extname(path)) && hasFile(listings, path)) visit(path);
      } else if (/^[\w-]+$/.test(literal) && hasFile(listings, join(dir, `${literal}.js`))) {
        visit(join(dir, `${literal}.js`));
      }
    }
  }
  return { files, missing };
}

/**
 * Whether `path` is a file in its folder's (cached) listing.
 * @param {Map<string, ReadonlySet<string>>} listings
 * @param {string} path
 */
function hasFile(listings, path) {
  const dir = dirname(path);
  let names = listings.get(dir);
  if (names === undefined) {
    try {
      names = new Set(readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name));
    } catch {
      names = new Set();
    }
    listings.set(dir, names);
  }
  return names.has(basename(path));
}
