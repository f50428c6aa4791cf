// Expanding `pipe features` inputs (WAV files and folders) into a sorted, named file list.
import { readdirSync, statSync, type Stats } from 'node:fs';
import { InputError } from '../util/input-error.js';
import { basename, join, relative, sep } from 'node:path';

/** One input file: where to read it and the name its row carries (its path relative to the argument). */
export interface InputFile {
  readonly path: string;
  readonly name: string;
}

/** Why the inputs cannot be listed. */
export class InputListError extends InputError {
  constructor(override readonly reason: 'missing' | 'duplicate-name' | 'symlink-loop', message: string) {
    super(reason, message);
    this.name = 'InputListError';
  }
}

const WAV = /\.wav$/i;

/** Byte-wise comparison of names, the same on every machine and locale. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Walks `folder`; `above` holds the identities (dev:ino) of the folders on the way down, to detect link loops. */
function walk(folder: string, out: string[], above: ReadonlySet<string>): void {
  const entries = readdirSync(folder).sort(compareNames);
  for (const entry of entries) {
    const path = join(folder, entry);
    const stats = statOrLoop(path);
    if (stats === undefined) continue; // a dangling link
    if (stats.isDirectory()) {
      const id = `${stats.dev}:${stats.ino}`;
      if (above.has(id)) throw new InputListError('symlink-loop', `${path}: symbolic link loop (leads back to a folder above it)`);
      walk(path, out, new Set([...above, id]));
    } else if (stats.isFile() && WAV.test(entry)) out.push(path); // devices, FIFOs and sockets are not audio files
  }
}

function statOrLoop(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new InputListError('symlink-loop', `${path}: symbolic link loop`);
    throw error;
  }
}

/**
 * Lists the files to extract, in argument order then sorted walk order (`*.wav`, any case, in folders and their
 * subfolders). A file argument is taken whatever its extension and is named by its base name; a file found in a
 * folder argument is named by its path relative to that folder, with '/' separators.
 * Throws InputListError for an argument that does not exist or two inputs that would share a name.
 */
export function listInputFiles(args: readonly string[]): InputFile[] {
  const files: InputFile[] = [];
  for (const arg of args) {
    const stats = statOrLoop(arg);
    if (stats === undefined) throw new InputListError('missing', `${arg}: no such file or folder`);
    if (stats.isDirectory()) {
      const found: string[] = [];
      walk(arg, found, new Set([`${stats.dev}:${stats.ino}`]));
      for (const path of found) files.push({ path, name: relative(arg, path).split(sep).join('/') });
    } else {
      files.push({ path: arg, name: basename(arg) });
    }
  }
  const seen = new Map<string, string>();
  for (const file of files) {
    const other = seen.get(file.name);
    if (other !== undefined) {
      throw new InputListError('duplicate-name', `${file.path}: same name '${file.name}' as ${other}; give their common parent folder instead`);
    }
    seen.set(file.name, file.path);
  }
  return files;
}
