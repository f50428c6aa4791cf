#!/usr/bin/env node
// @ts-check
// Starts a research stage: `node stages/run.mjs stages/<name>.ts [args…]` (the `cmd` of the stages in pipeline.yaml).
// The stage runs from dist/'s compiled JavaScript, in this process, when tsc's build record proves that every
// compiled module it can load was built from exactly the current sources (content hashes; launch/compiled-stage.mjs),
// and from its TypeScript sources through tsx otherwise: an edited stage never runs from a stale build, and a fresh
// clone after `npm ci` (which builds dist/) starts fast. The stage sees the argv it would see run directly.
// PIPE_STAGE_SOURCES=1 always runs the sources; PIPE_STAGE_EXPLAIN=1 says on stderr which one runs and why.
// `node --import tsx stages/<name>.ts` keeps working by hand.
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findCompiledStage } from './launch/compiled-stage.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** tsconfig.json's `tsBuildInfoFile`. */
const BUILD_RECORD = resolve(ROOT, 'dist/tsconfig.tsbuildinfo');

const [stageArg, ...stageArgs] = process.argv.slice(2);
if (stageArg === undefined || stageArg.startsWith('-')) {
  process.stderr.write('stages/run.mjs: usage: node stages/run.mjs <stage.ts> [args…]\n');
  process.exit(2);
}
const stage = resolve(stageArg);
if (!existsSync(stage)) {
  process.stderr.write(`stages/run.mjs: ${stageArg}: no such stage file\n`);
  process.exit(2);
}

const compiled = process.env['PIPE_STAGE_SOURCES'] === '1'
  ? { ok: /** @type {const} */ (false), reason: 'forced', detail: 'PIPE_STAGE_SOURCES=1' }
  : findCompiledStage(BUILD_RECORD, stage);
if (process.env['PIPE_STAGE_EXPLAIN'] === '1') {
  process.stderr.write(compiled.ok
    ? `stages/run.mjs: ${stageArg} runs from ${relative(ROOT, compiled.modulePath)} (${compiled.checkedModules} compiled modules match their sources${compiled.memoised ? ', unchanged since checked' : ''})\n`
    : `stages/run.mjs: ${stageArg} runs from sources (${compiled.reason}: ${compiled.detail})\n`);
}
if (compiled.ok) {
  // a stage's stack trace names its .ts lines (dist/ has tsc's source maps), as it does when run through tsx
  process.setSourceMapsEnabled(true);
  process.argv = [process.argv[0] ?? process.execPath, compiled.modulePath, ...stageArgs];
  await import(compiled.moduleUrl);
} else {
  process.argv = [process.argv[0] ?? process.execPath, stage, ...stageArgs];
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(stage).href);
}
