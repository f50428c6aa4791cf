// An S3-compatible server on loopback for tests and the benchmark: s3rver (npm), started in-process with one
// bucket, storing objects in a temp dir. It accepts the access key S3RVER / secret S3RVER.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The part of s3rver's API used here (the package ships no types). */
interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
  /** Koa's middleware list (s3rver is a Koa application). */
  middleware: { name: string }[];
}
type S3rverClass = new (options: object) => S3rverInstance;

export interface S3Server {
  readonly endpoint: string;
  readonly bucket: string;
  stop(): Promise<void>;
}

/** Starts s3rver on a free port with bucket `bucket`, storing its objects in a new folder under `parentDir`. */
export async function startS3Server(bucket = 'lab', parentDir = tmpdir()): Promise<S3Server> {
  const directory = mkdtempSync(path.join(parentDir, 'pipe-s3rver-'));
  const moduleName = 's3rver';
  const S3rver = ((await import(moduleName)) as { default: S3rverClass }).default;
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  // `silent` only mutes the output: s3rver still formats a koa-logger line for every request (about a tenth of
  // its CPU on small objects); the log would be discarded, so its middleware is taken out of the chain
  const logger = server.middleware.findIndex((m) => m.name === 'logger');
  if (logger >= 0) server.middleware.splice(logger, 1);
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
