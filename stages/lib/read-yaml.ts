// Reads a YAML file of the project and validates it with a zod schema; every failure is one StageError line
// naming the file and, for schema errors, the key path (`params.yaml:tuning.n_trials: …`).
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { z } from 'zod';
import { StageError } from './stage-error.js';

/** Parses `file` and checks it against `schema`, returning the typed value. */
export function readYamlFile<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  if (!existsSync(file)) throw new StageError(`${file}: not found (run from the project root)`);
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StageError(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  const result = schema.safeParse(doc);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new StageError(`${file}:${issue.path.join('.')}: ${issue.message}`);
  }
  return result.data;
}
