// Sets dotted keys in a YAML params file, keeping its comments and layout (yaml's Document API); written to a
// temporary name, then renamed.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { fail, ok, type Result } from '../result.js';
import type { ParamSet } from './sweep.js';

/** Checks that every set names an existing params file (relative to `root`) and key; the first problem. */
export function checkParamSets(root: string, sets: readonly ParamSet[]): Result<void, string> {
  for (const file of new Set(sets.map((s) => s.file))) {
    const abs = path.join(root, file);
    if (!existsSync(abs)) return fail(`${file}: params file not found`);
    const doc = parseDocument(readFileSync(abs, 'utf8'));
    if (doc.errors.length > 0) return fail(`${file}: ${doc.errors[0]?.message.split('\n')[0] ?? 'YAML error'}`);
    const missing = sets.find((s) => s.file === file && !doc.hasIn(s.key.split('.')));
    if (missing !== undefined) return fail(`${file}: no param '${missing.key}' to set (-S sets existing params only)`);
  }
  return ok(undefined);
}

/** Applies every set of `sets` whose file is `rel` to the file at `abs`. */
export function applyParamSets(abs: string, rel: string, sets: readonly ParamSet[]): Result<void, string> {
  const mine = sets.filter((s) => s.file === rel);
  if (mine.length === 0) return ok(undefined);
  if (!existsSync(abs)) return fail(`${rel}: params file not found`);
  const doc = parseDocument(readFileSync(abs, 'utf8'));
  if (doc.errors.length > 0) return fail(`${rel}: ${doc.errors[0]?.message.split('\n')[0] ?? 'YAML error'}`);
  for (const s of mine) {
    const keyPath = s.key.split('.');
    if (!doc.hasIn(keyPath)) return fail(`${rel}: no param '${s.key}' to set (-S sets existing params only)`);
    doc.setIn(keyPath, s.value);
  }
  const tmp = `${abs}.${process.pid}.tmp`;
  writeFileSync(tmp, doc.toString());
  renameSync(tmp, abs);
  return ok(undefined);
}
