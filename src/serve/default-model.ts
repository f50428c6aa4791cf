// Which model to serve when `--model` is absent: the best set recorded by the aggregate stage.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

export const BEST_MODEL_FILE = 'results/best_model.json';
export const NO_MODEL_MESSAGE = 'no model: run `pipe repro` first or pass --model DIR';

const bestModelSchema = z.object({ feature_set: z.string().min(1), model_dir: z.string().min(1) });

export type ModelDirResult = { readonly ok: true; readonly dir: string } | { readonly ok: false; readonly message: string };

/**
 * `--model` if given; otherwise `model_dir` of `<projectDir>/results/best_model.json` (relative paths are taken from
 * the project directory, where `pipe repro` runs).
 */
export function resolveModelDir(model: string | undefined, projectDir = process.cwd()): ModelDirResult {
  if (model !== undefined) return { ok: true, dir: resolve(model) };
  const path = join(projectDir, BEST_MODEL_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { ok: false, message: NO_MODEL_MESSAGE };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `${path}: invalid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = bestModelSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: `${path}: expected {"feature_set": …, "model_dir": …}` };
  const dir = parsed.data.model_dir;
  return { ok: true, dir: isAbsolute(dir) ? dir : resolve(dirname(path), '..', dir) };
}
