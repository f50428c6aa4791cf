// @ts-check
// The record tsc keeps of its last build (tsconfig.json: `incremental`, `tsBuildInfoFile`), read as data. TypeScript
// 5.x stores, per source file, `version`: the SHA-256 (hex) of the text it compiled (sys.createHash over the file's
// text, see getSourceFileVersionAsHashFromText), and lists in `affectedFilesPendingEmit` the files whose output it
// has not written yet (a `tsc --noEmit` records new text without touching dist/). Paths in the record are relative to
// the record's own folder, as are `options.rootDir` and `options.outDir`.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * @typedef {object} BuildRecord
 * @property {string} sourceRoot  absolute rootDir of the build (sources)
 * @property {string} outRoot  absolute outDir of the build (compiled files)
 * @property {ReadonlyMap<string, string>} versions  absolute source path → SHA-256 hex of the text tsc compiled
 * @property {ReadonlySet<string>} pendingEmit  absolute source paths whose output tsc has not written yet
 */

/**
 * @typedef {{ ok: true, record: BuildRecord }
 *   | { ok: false, reason: 'no-build-record' | 'unreadable-build-record', detail: string }} BuildRecordResult
 */

/**
 * Reads tsc's build record at `path`; a missing file or one this reader does not understand is a failure value.
 * @param {string} path
 * @returns {BuildRecordResult}
 */
export function readBuildRecord(path) {
  /** @type {string} */
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { ok: false, reason: 'no-build-record', detail: `${path} is missing (no incremental tsc build)` };
  }
  try {
    return { ok: true, record: parseBuildRecord(path, JSON.parse(text)) };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: 'unreadable-build-record', detail: `${path}: ${why}` };
  }
}

/**
 * The typed record from the parsed JSON of `path`; throws on any shape this reader was not written for.
 * @param {string} path
 * @param {unknown} json
 * @returns {BuildRecord}
 */
function parseBuildRecord(path, json) {
  const data = /** @type {Record<string, unknown>} */ (isObject(json) ? json : fail('not a JSON object'));
  const fileNames = data['fileNames'];
  const fileInfos = data['fileInfos'];
  const options = data['options'];
  if (!Array.isArray(fileNames) || !Array.isArray(fileInfos) || fileNames.length !== fileInfos.length) fail('no fileNames/fileInfos (not a TypeScript 5.x program record)');
  if (!isObject(options) || typeof options['outDir'] !== 'string' || typeof options['rootDir'] !== 'string') fail('the build had no outDir/rootDir');
  const here = dirname(path);
  const absolute = fileNames.map((name) => resolve(here, typeof name === 'string' ? name : fail('a file name is not a string')));
  /** @type {Map<string, string>} */
  const versions = new Map();
  fileInfos.forEach((info, i) => {
    const version = typeof info === 'string' ? info : isObject(info) ? info['version'] : undefined;
    if (typeof version !== 'string') fail(`no version for ${fileNames[i]}`);
    versions.set(/** @type {string} */ (absolute[i]), version);
  });
  /** @type {Set<string>} */
  const pendingEmit = new Set();
  const pending = data['affectedFilesPendingEmit'];
  for (const entry of Array.isArray(pending) ? pending : []) {
    // an entry is a 1-based file id, or [id, emit kind]
    const id = Array.isArray(entry) ? entry[0] : entry;
    const file = typeof id === 'number' ? absolute[id - 1] : undefined;
    pendingEmit.add(file ?? fail(`unknown pending file id ${JSON.stringify(entry)}`));
  }
  return { sourceRoot: resolve(here, options['rootDir']), outRoot: resolve(here, options['outDir']), versions, pendingEmit };
}

/** @param {unknown} value @returns {value is Record<string, unknown>} */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @param {string} message @returns {never} */
function fail(message) {
  throw new Error(message);
}
