// Keys DVC 3's dvc.yaml schema still accepts but pipe gives no meaning (dvc/schema.py): accepted, with one
// warning each naming the file position, so that a migrated dvc.yaml loads instead of failing.
import type { YamlSource } from './yaml-source.js';
import { positionOf } from './yaml-source.js';

/** Output flags with no meaning here, and why. */
const IGNORED_OUT_FLAGS: Readonly<Record<string, string>> = {
  checkpoint: 'checkpoint outputs were removed in DVC 3, which still accepts the key',
  remote: 'pipe has no remotes',
  push: 'pipe has no remotes',
};

/** One warning per ignored key under `stages.*.(outs|metrics|plots)` (also inside foreach `do`). */
export function ignoredKeyWarnings(src: YamlSource): string[] {
  const warnings: string[] = [];
  const stages = asRecord(asRecord(src.value)?.['stages']);
  for (const [name, def] of Object.entries(stages ?? {})) {
    const body = asRecord(def);
    const inner = asRecord(body?.['do']);
    const [stage, at] = inner === undefined ? [body, ['stages', name]] : [inner, ['stages', name, 'do']];
    for (const kind of ['outs', 'metrics', 'plots']) {
      const entries = stage?.[kind];
      if (!Array.isArray(entries)) continue;
      entries.forEach((entry, i) => {
        for (const [p, flags] of Object.entries(asRecord(entry) ?? {})) {
          for (const f of Array.isArray(flags) ? flags : [flags]) {
            for (const key of Object.keys(asRecord(f) ?? {})) {
              const why = IGNORED_OUT_FLAGS[key];
              if (why === undefined) continue;
              const pos = positionOf(src, [...at, kind, i, p, key], true);
              warnings.push(`${pos.file}:${pos.line}:${pos.col}: '${key}' of '${p}' is ignored (${why})`);
            }
          }
        }
      });
    }
  }
  return warnings;
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
