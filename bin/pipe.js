#!/usr/bin/env node
// The `pipe` command: runs the compiled CLI (built by `npm ci` through the `prepare` script). A `pipe repro` or
// `pipe status` line goes to the one-file CommonJS build of those two commands (dist/pipe-quick.cjs, see
// src/cli/quick-main.ts) unless tsc has built since it was (a bundle older than dist/tsconfig.tsbuildinfo is
// stale); everything else, or a line it does not take, runs dist/src/cli/main.js.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const QUICK = new URL('../dist/pipe-quick.cjs', import.meta.url);
const BUILD_RECORD = new URL('../dist/tsconfig.tsbuildinfo', import.meta.url);

/** Modification time in ms, or undefined when the file is missing. */
function mtime(url) {
  return statSync(url, { throwIfNoEntry: false })?.mtimeMs;
}

async function quick() {
  const command = process.argv[2];
  if (command !== 'repro' && command !== 'status') return false;
  const built = mtime(QUICK);
  const record = mtime(BUILD_RECORD);
  // missing, or older than tsc's last build (an installed package ships the bundle without tsc's build record)
  if (built === undefined || (record !== undefined && built < record)) return false;
  return createRequire(import.meta.url)(fileURLToPath(QUICK)).dispatch(process.argv);
}

if (!(await quick())) await import('../dist/src/cli/main.js');
