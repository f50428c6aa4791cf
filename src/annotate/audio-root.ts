// The audio folder the tool may read: every path is resolved inside it, with symlinks followed and checked,
// so neither `../` nor a link pointing elsewhere gives access to another file.
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Why a path was refused. */
export type AudioPathFailure = { readonly reason: 'outside' | 'missing' | 'not-a-file'; readonly message: string };

/** Resolves user-supplied relative paths inside one folder. */
export class AudioRoot {
  /** The folder's real path (symlinks resolved). */
  readonly realDir: string;

  constructor(readonly dir: string) {
    this.realDir = realpathSync(resolve(dir));
  }

  /** The real path of `relPath` if it names a regular file inside the folder, else why not. */
  resolveFile(relPath: string): { ok: true; path: string } | ({ ok: false } & AudioPathFailure) {
    if (relPath === '' || relPath.includes('\0') || isAbsolute(relPath)) return { ok: false, reason: 'outside', message: `${relPath}: not a path inside the audio folder` };
    const joined = resolve(this.realDir, relPath);
    if (!this.contains(joined)) return { ok: false, reason: 'outside', message: `${relPath}: outside the audio folder` };
    let real: string;
    try {
      real = realpathSync(joined);
    } catch {
      return { ok: false, reason: 'missing', message: `${relPath}: no such file in the audio folder` };
    }
    if (!this.contains(real)) return { ok: false, reason: 'outside', message: `${relPath}: links outside the audio folder` };
    if (!statSync(real).isFile()) return { ok: false, reason: 'not-a-file', message: `${relPath}: not a file` };
    return { ok: true, path: real };
  }

  /**
   * Maps a path as a prelabels file wrote it (relative to where `pipe predict` ran, or absolute) to a path
   * relative to the folder: tried as given relative to the folder, then after the folder's own prefix, then
   * by base name.
   */
  relativeFor(written: string): string | undefined {
    const normal = written.replace(/\\/g, '/');
    const candidates: string[] = [];
    if (!isAbsolute(normal)) candidates.push(normal);
    const abs = resolve(normal);
    for (const base of [resolve(this.dir), this.realDir]) {
      const rel = relative(base, abs);
      if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) candidates.push(rel.split(sep).join('/'));
    }
    const parts = normal.split('/');
    for (let i = 1; i < parts.length; i++) candidates.push(parts.slice(i).join('/'));
    return candidates.find((c) => this.resolveFile(c).ok);
  }

  private contains(path: string): boolean {
    return path === this.realDir || path.startsWith(this.realDir + sep);
  }
}
