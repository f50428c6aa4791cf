// Starts bench/remote/s3-server-main in a child process and waits for its endpoint.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface S3Child {
  readonly endpoint: string;
  readonly bucket: string;
  readonly process: ChildProcess;
  /** Closes the server's stdin (it stops and removes its storage) and waits for it to exit. */
  stop(): Promise<void>;
}

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 's3-server-main.js');

/**
 * An s3rver with bucket `bucket` in its own process, storing under `storageParent` (default: the temp folder),
 * started with node options `nodeArgs` (e.g. --cpu-prof).
 */
export async function startS3Child(bucket = 'bench', nodeArgs: readonly string[] = [], storageParent?: string): Promise<S3Child> {
  const child = spawn(process.execPath, [...nodeArgs, MAIN, bucket, ...(storageParent !== undefined ? [storageParent] : [])], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(buf.slice(0, nl));
    });
    child.on('exit', (code) => reject(new Error(`s3rver process exited (${code}) before it listened`)));
  });
  const { endpoint } = JSON.parse(line) as { endpoint: string };
  return {
    endpoint,
    bucket,
    process: child,
    async stop() {
      const exited = new Promise((r) => child.on('exit', r));
      child.stdin.end();
      await exited;
    },
  };
}
