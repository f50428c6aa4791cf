// The `remote.<name>` and `core.remote` sections of the project config (`.pipe/config.yaml`, credentials in the
// git-ignored `.pipe/config.local.yaml`), as DVC's `[remote "name"]` and `core.remote`.
import { z } from 'zod';
import { configSection, type ProjectConfig } from '../config/project-config.js';
import type { Failure } from '../failure.js';
import { fail, ok, type Result } from '../result.js';

/** Options a remote accepts (`pipe remote modify NAME key value`); unknown keys are refused. */
export const remoteOptionsSchema = z
  .object({
    url: z.string().min(1),
    /** S3: endpoint of an S3-compatible server (MinIO, Ceph, a local test server). */
    endpointurl: z.string().url().optional(),
    region: z.string().optional(),
    profile: z.string().optional(),
    access_key_id: z.string().optional(),
    secret_access_key: z.string().optional(),
    /** SSH: private key file (default: the agent at SSH_AUTH_SOCK, then ~/.ssh/id_ed25519 / id_rsa). */
    keyfile: z.string().optional(),
    user: z.string().optional(),
    port: z.coerce.number().int().min(1).max(65535).optional(),
    /** Concurrent transfers (default sized to the remote type). */
    jobs: z.coerce.number().int().min(1).max(1024).optional(),
  })
  .strict();

export type RemoteOptions = z.output<typeof remoteOptionsSchema>;

/** The keys `pipe remote modify` accepts. */
export const REMOTE_KEYS: readonly string[] = Object.keys(remoteOptionsSchema.shape);

const remotesSchema = z.record(z.string(), remoteOptionsSchema);
const coreSchema = z.object({ remote: z.string().optional() }).passthrough();

/** Every configured remote by name. */
export function readRemotes(config: ProjectConfig): Result<Record<string, RemoteOptions>, Failure> {
  return configSection(config, 'remote', remotesSchema);
}

/** The name of the default remote (`core.remote`), if any. */
export function defaultRemoteName(config: ProjectConfig): Result<string | undefined, Failure> {
  const core = configSection(config, 'core', coreSchema);
  return core.ok ? ok(core.value.remote) : core;
}

/** The remote named `name`, or the default one; a clear failure when neither exists. */
export function selectRemote(config: ProjectConfig, name: string | undefined): Result<{ name: string; options: RemoteOptions }, Failure> {
  const remotes = readRemotes(config);
  if (!remotes.ok) return remotes;
  const def = defaultRemoteName(config);
  if (!def.ok) return def;
  const chosen = name ?? def.value;
  const file = '.pipe/config.yaml';
  if (chosen === undefined) {
    return fail({ reason: 'bad-config', file, message: 'no remote given (-r NAME) and no default remote (pipe remote add -d NAME URL)' });
  }
  const options = remotes.value[chosen];
  if (options === undefined) {
    const known = Object.keys(remotes.value);
    return fail({ reason: 'bad-config', file, message: `no remote named '${chosen}'${known.length > 0 ? ` (configured: ${known.join(', ')})` : ''}` });
  }
  return ok({ name: chosen, options });
}
