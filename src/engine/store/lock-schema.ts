// Validates a parsed pipeline.lock at the boundary (it may have been hand-edited or merged).
import { z } from 'zod';
import { ENGINE_SCHEMA, type LockFile } from './lock-types.js';

const hex128 = z.string().regex(/^[0-9a-f]{32}$/);
/** `xxh128` (plain XXH3-128) or `xxh128-tree` (files above 16 MiB): exactly one of them. */
const record = z
  .strictObject({
    path: z.string(),
    xxh128: hex128.optional(),
    'xxh128-tree': hex128.optional(),
    size: z.number(),
    nfiles: z.number().optional(),
    isexec: z.boolean().optional(),
  })
  .refine((r) => (r.xxh128 === undefined) !== (r['xxh128-tree'] === undefined), { message: 'needs exactly one of xxh128, xxh128-tree' });

const entry = z.strictObject({
  cmd: z.union([z.string(), z.array(z.string())]),
  deps: z.array(record).optional(),
  params: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  outs: z.array(record).optional(),
});

// a lock written by another version of the engine may hash differently: refuse it rather than misread it
const lockSchema = z.strictObject({
  schema: z.string().refine((v) => v === ENGINE_SCHEMA, { message: `unsupported schema version (this pipe reads and writes '${ENGINE_SCHEMA}')` }),
  stages: z.record(z.string(), entry).optional(),
});

/** Typed lock from parsed YAML, or the first problem as text. */
export function validateLock(value: unknown): { ok: true; value: LockFile } | { ok: false; message: string; path: (string | number)[] } {
  const parsed = lockSchema.safeParse(value ?? { schema: ENGINE_SCHEMA });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p));
    return { ok: false, message: issue?.message ?? 'invalid lock file', path };
  }
  const stages: Record<string, LockFile['stages'][string]> = {};
  for (const [name, e] of Object.entries(parsed.data.stages ?? {})) {
    const toRecord = (r: z.infer<typeof record>) => {
      const hash = r.xxh128 ?? r['xxh128-tree'] ?? '';
      const base = r.nfiles === undefined ? { path: r.path, hash, size: r.size } : { path: r.path, hash, size: r.size, nfiles: r.nfiles };
      return r.isexec === true ? { ...base, isexec: true } : base;
    };
    stages[name] = {
      cmd: typeof e.cmd === 'string' ? [e.cmd] : e.cmd,
      deps: (e.deps ?? []).map(toRecord),
      params: (e.params ?? {}) as LockFile['stages'][string]['params'],
      outs: (e.outs ?? []).map(toRecord),
    };
  }
  return { ok: true, value: { stages } };
}
