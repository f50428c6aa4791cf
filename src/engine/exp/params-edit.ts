// Sets dotted keys in a YAML params file, keeping its comments and layout (yaml's Document API); written to a
// temporary name, then renamed.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { fail, ok, type Result } from '../result.js';
import type { ParamSet } from './sweep.js';

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
