// The server's floor: 20,000 × 4 KiB PUTs then GETs against s3rver (its own process) from the smallest client
// that still speaks S3 (the SDK's S3Client, one request per object, N in flight, no hashing, no files), so that
// `pipe push`/`pull` times can be read against what the server alone allows.
// Usage: node dist/bench/remote/s3-floor.js [--n 20000] [-j 64]
import { Agent } from 'node:http';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startS3Child } from './s3-child.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const N = Number(arg('--n', '20000'));
const JOBS = Number(arg('-j', '64'));

async function pool(n: number, jobs: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: jobs }, async () => {
    while (next < n) await work(next++);
  }));
}

async function timed(label: string, server: { process: { pid?: number } }, op: () => Promise<void>): Promise<void> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await op();
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(`${label}: ${N} objects in ${wallS.toFixed(1)} s wall, client CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (server pid ${server.process.pid})`);
}

const server = await startS3Child('floor');
const agent = new Agent({ keepAlive: true, maxSockets: JOBS });
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
const client = new S3Client({
  region: 'us-east-1', endpoint: server.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  requestHandler: { httpAgent: agent },
});
const body = Buffer.alloc(4096, 7);
const key = (i: number): string => `objects/${(i % 256).toString(16).padStart(2, '0')}/${i.toString(16).padStart(30, '0')}`;
try {
  await timed('PUT', server, () => pool(N, JOBS, async (i) => void (await client.send(new PutObjectCommand({ Bucket: 'floor', Key: key(i), Body: body, ContentLength: body.length })))));
  await timed('GET', server, () => pool(N, JOBS, async (i) => {
    const res = await client.send(new GetObjectCommand({ Bucket: 'floor', Key: key(i) }));
    await res.Body?.transformToByteArray();
  }));
} finally {
  client.destroy();
  await server.stop();
}
