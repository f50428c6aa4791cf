// A stage's fingerprint: its lock entry without output hashes (interpolated cmd, dep hashes, tracked param
// values, the *sets* of declared deps/params/outs, the engine schema), hashed canonically. It is the
// run-cache key.
import { hashBytes } from '../hash/hash-file.js';
import { sortKeys } from '../store/lock-file.js';
import { ENGINE_SCHEMA, type FileRecord } from '../store/lock-types.js';
import type { Stage } from '../stage.js';

/** The run-cache key of `stage` given its measured deps. */
export function fingerprint(stage: Stage, deps: readonly FileRecord[]): string {
  const canonical = {
    schema: ENGINE_SCHEMA,
    cmd: stage.cmd,
    deps: [...deps].sort((a, b) => (a.path < b.path ? -1 : 1)).map((d) => [d.path, d.hash]),
    params: sortKeys(stage.paramValues),
    outs: [...stage.outs].sort((a, b) => (a.path < b.path ? -1 : 1)).map((o) => [o.path, o.kind, o.cache, o.persist]),
  };
  return hashBytes(JSON.stringify(canonical));
}
