// Push, pull (and fetch alone, for the small files) times per remote type (folder, S3 on a local s3rver, SSH on the local sshd when running) for
// 20,000 small files (4 KiB) and one large file, with requests made and bytes moved. The client is the built
// CLI, timed by /usr/bin/time (wall, user+sys CPU); the S3 server (s3rver) runs in a process of its own.
// Usage: node dist/bench/remote/run.js [--small N] [--big-mib N] [--only folder,s3,ssh] [--jobs N] [--cpu-prof DIR]
//        [--server-dir DIR]
// (--server-dir: where s3rver keeps its objects; default /dev/shm when present — the server's own storage, as a
// real S3 server's is, not the client's disk and journal — else the temp folder)
// (--cpu-prof: V8 CPU profiles of every push/pull client and of the S3 server, written into DIR)
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startS3Child, type S3Child } from './s3-child.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const PIPE = path.resolve(here, '../../../bin/pipe.js');
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const SMALL_FILES = Number(arg('small', '20000'));
const SMALL_BYTES = 4096;
const BIG_MIB = Number(arg('big-mib', '1024'));
const ONLY = arg('only', 'folder,s3,ssh').split(',');
const JOBS = arg('jobs', '');
const PROF_DIR = arg('cpu-prof', '');
const SERVER_DIR = arg('server-dir', existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
const profArgs = (dir: string): string[] => (dir === '' ? [] : ['--cpu-prof', '--cpu-prof-dir', path.resolve(dir)]);

const GEN = `import { mkdirSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
const [what, n] = process.argv.slice(2);
let seed = 12345;
const bytes = (len) => { const b = Buffer.allocUnsafe(len); for (let i = 0; i < len; i += 4) { seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0; b.writeUInt32LE(seed, i); } return b; };
if (what === 'small') { mkdirSync('out/small', { recursive: true }); for (let i = 0; i < Number(n); i++) writeFileSync('out/small/f' + i + '.bin', bytes(${SMALL_BYTES})); }
else { mkdirSync('out', { recursive: true }); const block = bytes(16 << 20); const fd = openSync('out/big.bin', 'w'); for (let m = 0; m < Number(n); m += 16) { block.writeUInt32LE(m, 0); writeSync(fd, m + 16 <= Number(n) ? block : block.subarray(0, (Number(n) - m) << 20)); } closeSync(fd); }
`;

interface Timed {
  readonly wallS: number;
  readonly cpuS: number;
  readonly stdout: string;
}

/** Runs the CLI in `cwd` under /usr/bin/time. */
async function pipe(cwd: string, args: string[], nodeArgs: string[] = []): Promise<Timed> {
  const child = spawn('/usr/bin/time', ['-f', '%e %U %S', process.execPath, ...nodeArgs, PIPE, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`pipe ${args.join(' ')} failed in ${cwd}: ${stderr}`);
  const [wall, user, sys] = (stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wallS: wall ?? NaN, cpuS: (user ?? 0) + (sys ?? 0), stdout };
}

async function producer(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pipe-bench-remote-'));
  writeFileSync(path.join(dir, 'gen.mjs'), GEN);
  writeFileSync(path.join(dir, 'pipeline.yaml'), `stages:\n  small:\n    cmd: node gen.mjs small ${SMALL_FILES}\n    deps: [gen.mjs]\n    outs: [out/small]\n  big:\n    cmd: node gen.mjs big ${BIG_MIB}\n    deps: [gen.mjs]\n    outs: [out/big.bin]\n`);
  await pipe(dir, ['repro']);
  return dir;
}

function cloneOf(src: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pipe-bench-clone-'));
  for (const rel of ['pipeline.yaml', 'pipeline.lock', 'gen.mjs', '.pipe/config.yaml', '.pipe/config.local.yaml']) {
    if (!existsSync(path.join(src, rel))) continue;
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    copyFileSync(path.join(src, rel), path.join(dir, rel));
  }
  return dir;
}

interface Row {
  remote: string;
  data: string;
  op: string;
  t: Timed;
  /** CPU seconds the S3 server process spent during this operation (undefined: not measured). */
  serverCpuS?: number;
}

/** user+sys CPU seconds of process `pid` so far, from /proc (Linux; clock ticks of 1/100 s). */
function processCpuS(pid: number | undefined): number | undefined {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return undefined;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function figures(stdout: string): { requests: string; bytes: string } {
  return { requests: /(\d+) request\(s\)/.exec(stdout)?.[1] ?? '?', bytes: /\(([\d.]+ [KMGT]?i?B)\)/.exec(stdout)?.[1] ?? '?' };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  console.log(`load average at the start: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const src = await producer();
  const cleanups: string[] = [src];
  let s3: S3Child | undefined;
  const remotes: [string, string, string[][]][] = [];
  if (ONLY.includes('folder')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'pipe-bench-folder-'));
    cleanups.push(dir);
    remotes.push(['folder', dir, []]);
  }
  if (ONLY.includes('s3')) {
    s3 = await startS3Child('bench', profArgs(PROF_DIR), SERVER_DIR);
    console.log(`s3rver stores its objects under ${SERVER_DIR}`);
    remotes.push(['s3', 's3://bench/cache', [['endpointurl', s3.endpoint], ['access_key_id', 'S3RVER'], ['secret_access_key', 'S3RVER']]]);
  }
  const key = '/tmp/pipe-test-sshd/id_ed25519';
  if (ONLY.includes('ssh') && existsSync(key)) {
    const dir = mkdtempSync(path.join(tmpdir(), 'pipe-bench-ssh-'));
    cleanups.push(dir);
    remotes.push(['ssh', `ssh://${userInfo().username}@127.0.0.1:2222${dir}`, [['keyfile', key]]]);
  } else if (ONLY.includes('ssh')) console.warn('ssh: skipped (no sshd from .ci/setup.d/40-sshd.sh)');
  try {
    for (const [name, url, options] of remotes) {
      await pipe(src, ['remote', 'add', '-f', name, url]);
      for (const [k, v] of options) await pipe(src, ['remote', 'modify', '--local', name, k ?? '', v ?? '']);
      const serverPid = name === 's3' ? s3?.process.pid : undefined;
      const timed = async (op: string, data: string, cwd: string): Promise<void> => {
        const cpu0 = processCpuS(serverPid);
        const t = await pipe(cwd, [op, data, '-r', name, ...(JOBS === '' ? [] : ['-j', JOBS])], profArgs(PROF_DIR));
        const cpu1 = processCpuS(serverPid);
        rows.push({ remote: name, data, op, t, ...(cpu0 !== undefined && cpu1 !== undefined ? { serverCpuS: cpu1 - cpu0 } : {}) });
      };
      for (const data of ['small', 'big']) {
        await timed('push', data, src);
        const clone = cloneOf(src);
        cleanups.push(clone);
        await timed('pull', data, clone);
        // fetch alone (into the cache, no workspace checkout): pull − fetch is what placing the outputs costs
        if (data === 'small') {
          const fetchClone = cloneOf(src);
          cleanups.push(fetchClone);
          await timed('fetch', data, fetchClone);
        }
      }
    }
    const label = (d: string): string => (d === 'small' ? `${SMALL_FILES} × 4 KiB` : `1 × ${BIG_MIB} MiB`);
    console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (client CPU = user+sys of the pipe process; server CPU = the s3rver process)`);
    console.log('| remote | data | op | wall s | client CPU s | server CPU s | requests | bytes moved |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      const f = figures(r.t.stdout);
      console.log(`| ${r.remote} | ${label(r.data)} | ${r.op} | ${r.t.wallS.toFixed(1)} | ${r.t.cpuS.toFixed(1)} | ${r.serverCpuS?.toFixed(1) ?? '—'} | ${f.requests} | ${f.bytes} |`);
    }
  } finally {
    await s3?.stop();
    for (const d of cleanups) rmSync(d, { recursive: true, force: true });
  }
}

await main();
