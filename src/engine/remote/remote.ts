// The interface every remote backend (folder, S3, SSH) implements: a flat key space mirroring the cache layout
// (`objects/<2>/<30>[.dir]`, `runs/<2>/<30>.json`), listed by prefix in bulk, with whole-object put and get.

/** Counters a backend keeps so that commands and the benchmark can report requests made and bytes moved. */
export interface TransferStats {
  requests: number;
  bytesUp: number;
  bytesDown: number;
}

export interface Remote {
  /** The URL, for messages. */
  readonly url: string;
  /** Concurrent transfers that suit this backend when `-j` is not given. */
  readonly defaultJobs: number;
  readonly stats: TransferStats;
  /** Every key starting with `prefix` (a folder-like prefix ending in '/'); an absent prefix lists nothing. */
  list(prefix: string): Promise<string[]>;
  /**
   * Uploads `localFile` (`sizeBytes` long) as `key` so that the key appears complete or not at all (temporary
   * name + rename, or an atomic single/multipart PUT).
   */
  put(key: string, localFile: string, sizeBytes: number): Promise<void>;
  /** Downloads `key` into `destFile` (the caller verifies and renames it); RemoteError 'missing-object' when absent. */
  get(key: string, destFile: string): Promise<void>;
  /**
   * Optional: downloads a small object (at most `maxBytes`, known from its record) into memory, so that the caller
   * can verify it before writing it once; undefined when the object is larger (it cannot match its record);
   * RemoteError 'missing-object' when absent. Backends without it use get.
   */
  getBytes?(key: string, maxBytes: number): Promise<Uint8Array | undefined>;
  /** Releases connections. */
  close(): Promise<void>;
}

/**
 * Why a remote operation failed. `transient` ones are retried with backoff; `auth`, `no-bucket`,
 * `unreachable` end the command; `missing-object` is counted per object.
 */
export type RemoteErrorKind = 'auth' | 'no-bucket' | 'unreachable' | 'missing-object' | 'transient' | 'other';

/** A failure of a remote backend, with a one-line message that names the remote. */
export class RemoteError extends Error {
  constructor(readonly kind: RemoteErrorKind, message: string) {
    super(message);
    this.name = 'RemoteError';
  }
}

/** Fresh zeroed counters. */
export function newStats(): TransferStats {
  return { requests: 0, bytesUp: 0, bytesDown: 0 };
}
