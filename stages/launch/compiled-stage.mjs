// @ts-check
// Whether a stage can run from dist/: its compiled module and every compiled module it can load (compiled-closure)
// were built from exactly the current sources — each source's SHA-256 equals the version tsc recorded when it
// compiled it, and no output is pending. Content, not mtimes: an edit is seen whatever the clocks say, and a touched
// but unchanged file does not count as an edit. Cheapest checks first; the first failure says why. A passed check is
// memoised by file identity (launch-stamp.mjs), so that later starts of the stage only stat the files.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { extname, isAbsolute, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readBuildRecord } from './build-record.mjs';
import { compiledClosure } from './compiled-closure.mjs';
import { readLaunchStamp, writeLaunchStamp } from './launch-stamp.mjs';

/**
 * @typedef {'no-build-record' | 'unreadable-build-record' | 'outside-build' | 'not-compiled' | 'missing-import'
 *   | 'not-in-build' | 'pending-emit' | 'source-changed'} StaleReason
 */

/**
 * @typedef {{ ok: true, moduleUrl: string, modulePath: string, checkedModules: number, memoised: boolean }
 *   | { ok: false, reason: StaleReason, detail: string }} CompiledStage
 */

/** Compiled output extension → the source extensions tsc compiles to it, in the order tsc resolves them. */
const SOURCE_EXTENSIONS = /** @type {Record<string, readonly string[]>} */ ({
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
  '.json': ['.json'],
});

/**
 * The compiled module of the stage source `stageSource` (absolute path) if tsc's build record at `recordPath` proves
 * it and everything it loads current, else why not.
 * @param {string} recordPath
 * @param {string} stageSource
 * @returns {CompiledStage}
 */
export function findCompiledStage(recordPath, stageSource) {
  const stamp = readLaunchStamp(recordPath, stageSource);
  if (stamp !== undefined) return { ok: true, moduleUrl: pathToFileURL(stamp.modulePath).href, ...stamp, memoised: true };
  const checkStartMs = Date.now();
  const checked = checkCompiledStage(recordPath, stageSource);
  if (!checked.ok) return checked;
  const { modulePath, checkedModules } = checked;
  writeLaunchStamp(recordPath, stageSource, { modulePath, checkedModules }, checked.files, checkStartMs);
  return { ok: true, moduleUrl: pathToFileURL(modulePath).href, modulePath, checkedModules, memoised: false };
}

/**
 * The full check by content: the stage's compiled module and the files it covered (record, compiled modules and
 * their sources), or why it is stale.
 * @param {string} recordPath
 * @param {string} stageSource
 * @returns {{ ok: true, modulePath: string, checkedModules: number, files: string[] } | { ok: false, reason: StaleReason, detail: string }}
 */
function checkCompiledStage(recordPath, stageSource) {
  const read = readBuildRecord(recordPath);
  if (!read.ok) return read;
  const { record } = read;
  const rel = relative(record.sourceRoot, stageSource);
  if (rel.startsWith('..') || isAbsolute(rel)) return { ok: false, reason: 'outside-build', detail: `${stageSource} is outside the build's rootDir ${record.sourceRoot}` };
  const modulePath = join(record.outRoot, outputName(rel));
  if (!existsSync(modulePath)) return { ok: false, reason: 'not-compiled', detail: `${relative(record.sourceRoot, modulePath)} is missing` };
  const closure = compiledClosure(modulePath);
  if (closure.missing.length > 0) return { ok: false, reason: 'missing-import', detail: `${closure.missing[0]} names no compiled file` };
  const files = [recordPath];
  for (const compiled of closure.files) {
    const source = checkCompiled(record, compiled);
    if (typeof source !== 'string') return source;
    files.push(compiled, source);
  }
  return { ok: true, modulePath, checkedModules: closure.files.length, files };
}

/**
 * The source of the compiled file `compiled` when it is the build of that source's current text, else why not.
 * @param {import('./build-record.mjs').BuildRecord} record
 * @param {string} compiled
 * @returns {string | { ok: false, reason: StaleReason, detail: string }}
 */
function checkCompiled(record, compiled) {
  const rel = relative(record.outRoot, compiled);
  const ext = extname(rel);
  const stem = rel.slice(0, rel.length - ext.length);
  const source = (SOURCE_EXTENSIONS[ext] ?? []).map((e) => join(record.sourceRoot, stem + e)).find((s) => record.versions.has(s));
  if (source === undefined) return { ok: false, reason: 'not-in-build', detail: `no source of ${rel} in the last build` };
  const shown = relative(record.sourceRoot, source);
  if (record.pendingEmit.has(source)) return { ok: false, reason: 'pending-emit', detail: `${shown} was type-checked but not compiled since it changed` };
  /** @type {Buffer} */
  let text;
  try {
    text = readFileSync(source);
  } catch {
    return { ok: false, reason: 'source-changed', detail: `${shown} was removed since the last build` };
  }
  // tsc hashes the decoded text; for UTF-8 without a BOM that is these bytes (anything else reads as changed)
  if (createHash('sha256').update(text).digest('hex') !== record.versions.get(source)) {
    return { ok: false, reason: 'source-changed', detail: `${shown} changed since the last build` };
  }
  return source;
}

/**
 * The compiled file name of a source path (`stages/tune.ts` → `stages/tune.js`).
 * @param {string} source
 */
function outputName(source) {
  const ext = extname(source);
  const out = Object.keys(SOURCE_EXTENSIONS).find((o) => SOURCE_EXTENSIONS[o]?.includes(ext)) ?? '.js';
  return source.slice(0, source.length - ext.length) + out;
}
