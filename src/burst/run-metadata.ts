// `metadata.json` of a training run (specs/burst-study.md, "Traceability"): git sha and dirty flag, dataset hash and
// manifest (per-file sha256 as hex strings), params, segment and label counts, runtime versions, the per-epoch log
// and the checksums of the artefacts.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { hostname, platform, arch } from 'node:os';
import type { DatasetManifest } from './manifest.js';

export interface GitState {
  readonly sha: string | null;
  readonly dirty: boolean | null;
}

/** The repository's HEAD and whether the work tree has changes (nulls outside a git checkout). */
export function gitState(cwd: string): GitState {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return { sha, dirty: status.trim() !== '' };
  } catch {
    return { sha: null, dirty: null };
  }
}

function packageVersion(name: string): string | null {
  try {
    const require = createRequire(import.meta.url);
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return null;
  }
}

/** Runtime versions and host, for the record. */
export function environment(): Record<string, unknown> {
  return {
    node: process.versions.node,
    v8: process.versions.v8,
    platform: platform(),
    arch: arch(),
    host: hostname(),
    packages: { 'onnxruntime-node': packageVersion('onnxruntime-node'), zod: packageVersion('zod') },
  };
}

export interface RunMetadataInput {
  readonly cwd: string;
  readonly params: unknown;
  readonly datasetHash: string;
  readonly manifest: DatasetManifest;
  readonly manifestSha256: string;
  readonly labelCounts: Record<string, number>;
  readonly segments: Record<string, number>;
  readonly splits: unknown;
  readonly training: unknown;
  readonly artifacts: Record<string, string>;
}

/** The metadata object; `created_at` is the only time-dependent field besides the manifest's mtimes. */
export function runMetadata(input: RunMetadataInput): Record<string, unknown> {
  return {
    created_at: new Date().toISOString(),
    git: gitState(input.cwd),
    dataset: { hash: input.datasetHash, manifest_sha256: input.manifestSha256, manifest: input.manifest, label_counts: input.labelCounts },
    params: input.params,
    segments: input.segments,
    splits: input.splits,
    training: input.training,
    artifacts: Object.fromEntries(Object.entries(input.artifacts).map(([file, sha]) => [file, { sha256: sha }])),
    environment: environment(),
    tracker: 'none (local files: this metadata.json, the lock file and pipe metrics)',
  };
}
