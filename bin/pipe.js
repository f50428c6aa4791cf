#!/usr/bin/env node
// The `pipe` command: runs the compiled CLI (built by `npm ci` through the `prepare` script). A `pipe repro` or
// `pipe status` line goes to the one-file CommonJS build of those two commands (dist/pipe-quick.cjs, see
// src/cli/quick-main.ts) unless tsc has built since it was (a bundle older than dist/tsconfig.tsbuildinfo is
// stale); everything else, or a line it does not take, runs the ES module build, dist/src/cli/main.js.
// This file is CommonJS (bin/package.json): a CommonJS entry starts ~10 ms sooner than an ES module one.
'use strict';
const { statSync } = require('node:fs');
const path = require('node:path');

const QUICK = path.join(__dirname, '..', 'dist', 'pipe-quick.cjs');
const BUILD_RECORD = path.join(__dirname, '..', 'dist', 'tsconfig.tsbuildinfo');

/** Modification time in ms, or undefined when the file is missing. */
function mtime(file) {
  return statSync(file, { throwIfNoEntry: false })?.mtimeMs;
}

/** Runs the line from the quick bundle; false when main.js must take it. */
async function quick() {
  const command = process.argv[2];
  if (command !== 'repro' && command !== 'status') return false;
  const built = mtime(QUICK);
  const record = mtime(BUILD_RECORD);
  // missing, or older than tsc's last build (an installed package ships the bundle without tsc's build record)
  if (built === undefined || (record !== undefined && built < record)) return false;
  return require(QUICK).dispatch(process.argv);
}

void quick().then((handled) => (handled ? undefined : import('../dist/src/cli/main.js')));
