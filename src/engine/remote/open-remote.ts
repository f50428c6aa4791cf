// Turns a configured remote into a backend by its URL: a folder path (or file:// URL), s3://bucket/prefix,
// ssh://user@host[:port]/path. Backends load lazily so that a folder remote never loads the AWS SDK.
import path from 'node:path';
import { FolderRemote } from './folder-remote.js';
import type { RemoteOptions } from './remote-config.js';
import { RemoteError, type Remote } from './remote.js';

/** Opens the backend for `options.url`; a relative folder is relative to the project root. */
export async function openRemote(root: string, options: RemoteOptions): Promise<Remote> {
  const url = options.url;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return FolderRemote.open(url, path.resolve(root, url));
  if (scheme === 'file') return FolderRemote.open(url, new URL(url).pathname);
  if (scheme === 's3') {
    const { S3Remote } = await import('./s3-remote.js');
    return S3Remote.open(options);
  }
  if (scheme === 'ssh') {
    const { SshRemote } = await import('./ssh-remote.js');
    return SshRemote.open(options);
  }
  throw new RemoteError('other', `remote URL ${url}: unsupported scheme '${scheme}' (use a folder path, s3:// or ssh://)`);
}
