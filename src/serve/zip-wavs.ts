// Reading the `*.wav` entries of an uploaded ZIP, safely: no path traversal, no symlinks, bounded entries,
// bounded uncompressed bytes and compression ratio (checked on the declared sizes and again while inflating).
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import type { UploadedFile } from './predict-protocol.js';

export interface ZipLimits {
  readonly maxZipEntries: number;
  readonly maxZipTotalBytes: number;
  readonly maxZipRatio: number;
  /** Most `*.wav` entries used. */
  readonly maxFiles: number;
  /** Largest uncompressed `*.wav` entry. */
  readonly maxFileBytes: number;
}

export type ZipFailureReason = 'not-zip' | 'unsafe-path' | 'symlink' | 'too-many-entries' | 'too-large' | 'suspicious-ratio' | 'no-wav' | 'too-many-files';

export type ZipResult =
  | { readonly ok: true; readonly files: UploadedFile[] }
  | { readonly ok: false; readonly reason: ZipFailureReason; readonly message: string };

/** Entries smaller than this are not ratio-checked: short silent WAVs legitimately compress very well. */
const RATIO_FLOOR_BYTES = 1024 * 1024;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

class ZipRejection extends Error {
  constructor(readonly reason: ZipFailureReason, message: string) {
    super(message);
  }
}

/** The `*.wav` entries (by path inside the ZIP), or why the ZIP is refused; the whole ZIP is refused on any unsafe entry. */
export async function readZipWavs(bytes: Buffer, limits: ZipLimits): Promise<ZipResult> {
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  } catch (error) {
    return { ok: false, reason: 'not-zip', message: `not a readable ZIP archive (${messageOf(error)})` };
  }
  try {
    if (zip.entryCount > limits.maxZipEntries) throw new ZipRejection('too-many-entries', `the ZIP has ${zip.entryCount} entries; at most ${limits.maxZipEntries} are allowed`);
    const entries = await listEntries(zip, limits.maxZipRatio);
    const wavs = entries.filter((e) => isWav(e.fileName));
    if (wavs.length === 0) throw new ZipRejection('no-wav', 'the ZIP contains no *.wav file');
    if (wavs.length > limits.maxFiles) throw new ZipRejection('too-many-files', `the ZIP has ${wavs.length} WAV files; at most ${limits.maxFiles} are allowed`);
    let declared = 0;
    for (const e of wavs) {
      declared += e.uncompressedSize;
      if (e.uncompressedSize > limits.maxFileBytes) throw new ZipRejection('too-large', `${e.fileName}: ${e.uncompressedSize} bytes uncompressed; at most ${limits.maxFileBytes} per file`);
    }
    if (declared > limits.maxZipTotalBytes) throw new ZipRejection('too-large', `the ZIP's WAV files hold ${declared} bytes uncompressed; at most ${limits.maxZipTotalBytes} are allowed`);
    const files: UploadedFile[] = [];
    for (const e of wavs) files.push({ name: e.fileName, bytes: await readEntry(zip, e, e.uncompressedSize) });
    return { ok: true, files };
  } catch (error) {
    if (error instanceof ZipRejection) return { ok: false, reason: error.reason, message: error.message };
    return { ok: false, reason: 'not-zip', message: `not a readable ZIP archive (${messageOf(error)})` };
  } finally {
    zip.close();
  }
}

/** All entries, each checked for an unsafe name, a symlink and an inflation ratio that only a bomb has. */
function listEntries(zip: ZipFile, maxRatio: number): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      const problem = entryProblem(entry, maxRatio);
      if (problem !== undefined) {
        reject(problem);
        return;
      }
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (error: Error) => reject(pathRejection(error) ?? error));
    zip.readEntry();
  });
}

function entryProblem(entry: Entry, maxRatio: number): ZipRejection | undefined {
  const name = entry.fileName;
  if (name.split('/').includes('..') || name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return new ZipRejection('unsafe-path', `unsafe entry path '${name}'`);
  if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) return new ZipRejection('symlink', `entry '${name}' is a symbolic link`);
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > maxRatio) {
    return new ZipRejection('suspicious-ratio', `entry '${name}' inflates ${Math.round(ratio)}× (at most ${maxRatio}× allowed): a decompression bomb?`);
  }
  return undefined;
}

/** yauzl's own name checks (absolute path, `..`), as a rejection. */
function pathRejection(error: Error): ZipRejection | undefined {
  return /invalid relative path|absolute path|invalid characters in fileName/.test(error.message) ? new ZipRejection('unsafe-path', `unsafe entry path (${error.message})`) : undefined;
}

function isWav(name: string): boolean {
  const base = name.split('/').at(-1) ?? '';
  return !name.endsWith('/') && !name.startsWith('__MACOSX/') && !base.startsWith('._') && base.toLowerCase().endsWith('.wav');
}

/** Inflates one entry, stopping as soon as it yields more than declared (yauzl also checks the declared size). */
async function readEntry(zip: ZipFile, entry: Entry, maxBytes: number): Promise<Uint8Array> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) break;
      chunks.push(chunk);
    }
  } catch (error) {
    // yauzl's own check of the declared size ("too many bytes in the stream").
    if (!(error instanceof Error) || !/too (many|few) bytes/.test(error.message)) throw error;
    total = maxBytes + 1;
  }
  if (total > maxBytes) {
    stream.destroy();
    throw new ZipRejection('too-large', `${entry.fileName}: inflates beyond its declared size of ${maxBytes} bytes`);
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
