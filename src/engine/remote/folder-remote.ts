// A remote in a local or shared folder (NFS, SMB mount): the cache layout copied under the folder. Uploads
// copy to a unique temporary name beside the target and rename it, so a key is complete or absent.
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { newStats, RemoteError, type Remote } from './remote.js';

/** The folder backend. */
export class FolderRemote implements Remote {
  readonly defaultJobs = 16;
  readonly stats = newStats();
  private readonly made = new Set<string>();

  constructor(readonly url: string, private readonly dir: string) {}

  /** Fails with one line when the folder does not exist (a typo, an unmounted share). */
  static open(url: string, dir: string): FolderRemote {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new RemoteError('no-bucket', `remote folder ${dir} does not exist (is the share mounted?)`);
    return new FolderRemote(url, dir);
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      this.stats.requests++;
      let names: import('node:fs').Dirent[];
      try {
        names = await readdir(path.join(this.dir, rel), { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw classify(error, this.dir);
      }
      await Promise.all(
        names.map(async (d) => {
          const child = rel === '' ? d.name : `${rel}/${d.name}`;
          if (d.isDirectory()) await walk(child);
          else if (!d.name.includes('.tmp-')) keys.push(child);
        }),
      );
    };
    await walk(prefix.replace(/\/$/, ''));
    return keys;
  }

  async put(key: string, localFile: string, sizeBytes: number): Promise<void> {
    const target = path.join(this.dir, key);
    const parent = path.dirname(target);
    if (!this.made.has(parent)) {
      await mkdir(parent, { recursive: true }).catch((e: unknown) => Promise.reject(classify(e, this.dir)));
      this.made.add(parent);
    }
    const tmp = `${target}.tmp-${randomBytes(6).toString('hex')}`;
    this.stats.requests++;
    try {
      await copyFile(localFile, tmp);
      await rename(tmp, target);
    } catch (error) {
      await rm(tmp, { force: true });
      throw classify(error, this.dir);
    }
    this.stats.bytesUp += sizeBytes;
  }

  async get(key: string, destFile: string): Promise<void> {
    this.stats.requests++;
    try {
      await copyFile(path.join(this.dir, key), destFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new RemoteError('missing-object', `${key} is not on the remote`);
      throw classify(error, this.dir);
    }
    this.stats.bytesDown += statSync(destFile).size;
  }

  async close(): Promise<void> {}
}

function classify(error: unknown, dir: string): RemoteError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new RemoteError('auth', `remote folder ${dir}: permission denied`);
  if (code === 'EAGAIN' || code === 'EBUSY' || code === 'EIO' || code === 'ESTALE') return new RemoteError('transient', `remote folder ${dir}: ${code}`);
  return new RemoteError('other', `remote folder ${dir}: ${error instanceof Error ? error.message : String(error)}`);
}
