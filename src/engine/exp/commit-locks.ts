// pipeline.lock read from text or from experiment commits (validated like the workspace lock). Its own module,
// loaded lazily: the YAML parser and the lock schema are needed only by exp push/pull and older records.
import { parseYamlSource } from '../config/yaml-source.js';
import { validateLock } from '../store/lock-schema.js';
import type { LockFile } from '../store/lock-types.js';
import { readCommitBlobs } from './commit-blobs.js';

/** `text` as a lock (named `file` in messages); undefined when it does not parse or validate. */
export function parseLockText(file: string, text: string): LockFile | undefined {
  const src = parseYamlSource(file, text);
  if (!src.ok) return undefined;
  const valid = validateLock(src.value.value);
  return valid.ok ? valid.value : undefined;
}

/** The lock `lockRel` at each commit; undefined where the commit has none or it does not parse. */
export function commitLocks(root: string, commits: readonly string[], lockRel = 'pipeline.lock'): (LockFile | undefined)[] {
  return readCommitBlobs(root, commits.map((c) => `${c}:${lockRel}`)).map((blob) => (blob === undefined ? undefined : parseLockText(lockRel, blob.toString('utf8'))));
}
