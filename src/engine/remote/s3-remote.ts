// An S3 (or S3-compatible: MinIO, Ceph, a local test server through `endpointurl`) remote, through the official
// AWS SDK v3. Keys live under the URL's prefix. Existence is learnt from ListObjectsV2 over prefixes (1,000
// keys per request). Small objects go up in one PutObject, large ones (> 64 MiB) as a multipart upload
// (lib-storage); S3 makes both visible atomically on completion, so a partial upload never appears as an
// object. Credentials: config keys, else the SDK's default chain (AWS_* environment, ~/.aws profiles).
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, HeadBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { RemoteOptions } from './remote-config.js';
import { newStats, RemoteError, type Remote } from './remote.js';
import { classifyS3Error } from './s3-errors.js';

/** When objects go up in parts, and how large the parts are (S3's minimum part is 5 MiB). */
export interface MultipartTuning {
  readonly multipartAboveBytes: number;
  readonly partBytes: number;
}

/** Objects up to this size are moved through memory (read or written in one call); larger ones are streamed. */
const SMALL_BYTES = 1 << 20;

/** A GetObject body as the SDK returns it on Node. */
type SdkBody = NodeJS.ReadableStream & { transformToByteArray(): Promise<Uint8Array>; destroy(): void };

const DEFAULT_TUNING: MultipartTuning = { multipartAboveBytes: 64 << 20, partBytes: 16 << 20 };

/** The S3 backend. */
export class S3Remote implements Remote {
  readonly defaultJobs: number;
  readonly stats = newStats();

  private constructor(readonly url: string, private readonly client: S3Client, private readonly bucket: string, private readonly prefix: string, jobs: number, private readonly tuning: MultipartTuning) {
    this.defaultJobs = jobs;
  }

  /** Connects and checks the bucket once (HeadBucket), so bad credentials or a missing bucket fail up front. */
  static async open(options: RemoteOptions, tuning: MultipartTuning = DEFAULT_TUNING): Promise<S3Remote> {
    const parsed = /^s3:\/\/([^/]+)\/?(.*)$/.exec(options.url);
    if (parsed === null) throw new RemoteError('other', `remote URL ${options.url}: expected s3://bucket/prefix`);
    const bucket = parsed[1] ?? '';
    const prefix = (parsed[2] ?? '').replace(/\/+$/, '');
    const jobs = options.jobs ?? 64;
    const agentOptions = { keepAlive: true, maxSockets: jobs };
    const credentials =
      options.access_key_id !== undefined && options.secret_access_key !== undefined
        ? { accessKeyId: options.access_key_id, secretAccessKey: options.secret_access_key }
        : undefined;
    // the SDK warns on Node 20 about its releases after January 2027; the lockfile pins a release that supports it
    process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
    const client = new S3Client({
      region: options.region ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? 'us-east-1',
      ...(options.endpointurl !== undefined ? { endpoint: options.endpointurl, forcePathStyle: true } : {}),
      ...(credentials !== undefined ? { credentials } : {}),
      ...(options.profile !== undefined ? { profile: options.profile } : {}),
      maxAttempts: 2,
      // every request is built from the same middleware for its command class: resolving the stack once per class,
      // not once per request, was about a tenth of the client's CPU on small objects
      cacheMiddleware: true,
      // every download is verified against its content hash, and PUT bodies are signed: the SDK's own CRC32 on
      // each request and response would only cost CPU (about a third of the client's time on small objects)
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { httpAgent: new HttpAgent(agentOptions), httpsAgent: new HttpsAgent(agentOptions), connectionTimeout: 5000 },
    });
    const remote = new S3Remote(options.url, client, bucket, prefix, jobs, tuning);
    await remote.call(() => client.send(new HeadBucketCommand({ Bucket: bucket })), '');
    return remote;
  }

  private fullKey(key: string): string {
    return this.prefix === '' ? key : `${this.prefix}/${key}`;
  }

  private async call<T>(op: () => Promise<T>, key: string): Promise<T> {
    this.stats.requests++;
    try {
      return await op();
    } catch (error) {
      throw classifyS3Error(error, this.bucket, key);
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const strip = this.prefix === '' ? 0 : this.prefix.length + 1;
    let token: string | undefined;
    do {
      const page = await this.call(
        () => this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.fullKey(prefix), ContinuationToken: token })),
        prefix,
      );
      for (const o of page.Contents ?? []) if (o.Key !== undefined) keys.push(o.Key.slice(strip));
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return keys;
  }

  async put(key: string, localFile: string, sizeBytes: number): Promise<void> {
    const Key = this.fullKey(key);
    if (sizeBytes <= this.tuning.multipartAboveBytes) {
      // a small file is read in one synchronous call: cheaper than four thread-pool round trips (open, stat, read,
      // close) of fs/promises, and short enough not to hold the event loop
      const body = sizeBytes <= SMALL_BYTES ? readFileSync(localFile) : await readFile(localFile);
      await this.call(() => this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key, Body: body, ContentLength: body.length })), key);
    } else {
      const upload = new Upload({ client: this.client, params: { Bucket: this.bucket, Key, Body: createReadStream(localFile) }, partSize: this.tuning.partBytes, queueSize: 4, leavePartsOnError: false });
      await this.call(() => upload.done(), key);
      this.stats.requests += Math.ceil(sizeBytes / this.tuning.partBytes) + 1;
    }
    this.stats.bytesUp += sizeBytes;
  }

  async get(key: string, destFile: string): Promise<void> {
    const { body, length } = await this.getObject(key);
    try {
      // a small object is taken whole and written in one call (fewer file-system round trips than a stream)
      if (length <= SMALL_BYTES) await writeFile(destFile, await body.transformToByteArray());
      else await pipeline(body, createWriteStream(destFile));
    } catch (error) {
      throw this.interrupted(key, error);
    }
    this.stats.bytesDown += Number.isFinite(length) ? length : 0;
  }

  async getBytes(key: string, maxBytes: number): Promise<Uint8Array | undefined> {
    const { body, length } = await this.getObject(key);
    // larger than its record: it cannot match, and is not read (a length the server did not give is read and checked)
    if (Number.isFinite(length) && length > maxBytes) {
      body.destroy();
      return undefined;
    }
    try {
      const bytes = await body.transformToByteArray();
      this.stats.bytesDown += bytes.length;
      return bytes;
    } catch (error) {
      throw this.interrupted(key, error);
    }
  }

  /** The body of `key` and its length in bytes (Infinity when the server did not say). */
  private async getObject(key: string): Promise<{ body: SdkBody; length: number }> {
    const res = await this.call(() => this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) })), key);
    const body = res.Body as SdkBody | undefined;
    if (body === undefined) throw new RemoteError('transient', `s3://${this.bucket}/${key}: empty response`);
    return { body, length: res.ContentLength ?? Infinity };
  }

  private interrupted(key: string, error: unknown): RemoteError {
    return new RemoteError('transient', `s3://${this.bucket}/${key}: download interrupted (${error instanceof Error ? error.message : String(error)})`);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
