// An SSH remote through SFTP (ssh2-sftp-client over ssh2): ssh://user@host[:port]/abs/path. Keys from the
// `keyfile` option, else the agent (SSH_AUTH_SOCK), else ~/.ssh/id_ed25519 or id_rsa. Several connections
// share the transfers (each SFTP channel pipelines its requests); uploads go to a temporary name and are
// renamed (posix-rename), so a key is complete or absent.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import type { RemoteOptions } from './remote-config.js';
import { newStats, RemoteError, type Remote } from './remote.js';

/** The SSH/SFTP backend. */
export class SshRemote implements Remote {
  readonly defaultJobs: number;
  readonly stats = newStats();
  private next = 0;
  private readonly made = new Map<string, Promise<void>>();

  private constructor(readonly url: string, private readonly clients: SftpClient[], private readonly base: string, jobs: number) {
    this.defaultJobs = jobs;
  }

  /** Connects `min(jobs, 4)` sessions; a refused login or an unreachable host fails here, in one line. */
  static async open(options: RemoteOptions): Promise<SshRemote> {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new RemoteError('other', `remote URL ${options.url}: expected ssh://user@host[:port]/path`);
    }
    const host = url.hostname;
    const username = options.user ?? (url.username !== '' ? decodeURIComponent(url.username) : process.env['USER'] ?? 'root');
    const port = options.port ?? (url.port !== '' ? Number(url.port) : 22);
    const jobs = options.jobs ?? 16;
    const auth = authOptions(options.keyfile);
    const clients: SftpClient[] = [];
    try {
      for (let i = 0; i < Math.min(jobs, 4); i++) {
        const c = new SftpClient();
        // ssh2-sftp-client adds an end/close/error listener to the session per call in flight: up to `jobs` of
        // them on one session (round-robin), beyond Node's default of 10, which would print a leak warning
        (c as unknown as { client: { setMaxListeners(n: number): void } }).client.setMaxListeners(jobs + 10);
        await c.connect({ host, port, username, readyTimeout: 8000, retries: 0, ...auth });
        clients.push(c);
      }
    } catch (error) {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      throw classifySshError(error, `${username}@${host}:${port}`, '', true);
    }
    return new SshRemote(options.url, clients, decodeURIComponent(url.pathname).replace(/\/+$/, '') || '/', jobs);
  }

  private client(): SftpClient {
    const c = this.clients[this.next++ % this.clients.length];
    if (c === undefined) throw new Error('no SFTP session');
    return c;
  }

  private async call<T>(op: (c: SftpClient) => Promise<T>, key: string): Promise<T> {
    this.stats.requests++;
    try {
      return await op(this.client());
    } catch (error) {
      throw classifySshError(error, this.url, key);
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      let entries: { type: string; name: string }[];
      try {
        entries = await this.call((c) => c.list(path.posix.join(this.base, rel)), rel);
      } catch (error) {
        if (error instanceof RemoteError && error.kind === 'missing-object') return;
        throw error;
      }
      await Promise.all(entries.map(async (e) => {
        const child = rel === '' ? e.name : `${rel}/${e.name}`;
        if (e.type === 'd') await walk(child);
        else if (!e.name.includes('.tmp-')) keys.push(child);
      }));
    };
    await walk(prefix.replace(/\/$/, ''));
    return keys;
  }

  async put(key: string, localFile: string, sizeBytes: number): Promise<void> {
    const target = path.posix.join(this.base, key);
    const dir = path.posix.dirname(target);
    await this.ensureDir(dir);
    const tmp = `${target}.tmp-${randomBytes(6).toString('hex')}`;
    await this.call((c) => (sizeBytes > 1 << 20 ? c.fastPut(localFile, tmp) : c.put(localFile, tmp)), key);
    await this.call((c) => c.posixRename(tmp, target), key);
    this.stats.bytesUp += sizeBytes;
  }

  /** Creates `dir` and its parents once, parents first (concurrent recursive mkdirs race in SFTP). */
  private ensureDir(dir: string): Promise<void> {
    let made = this.made.get(dir);
    if (made === undefined) {
      const parent = path.posix.dirname(dir);
      made = (parent === dir ? Promise.resolve() : this.ensureDir(parent)).then(async () => {
        if ((await this.call((c) => c.exists(dir), dir)) !== 'd') await this.call((c) => c.mkdir(dir, false), dir);
      });
      this.made.set(dir, made);
    }
    return made;
  }

  async get(key: string, destFile: string): Promise<void> {
    await this.call((c) => c.fastGet(path.posix.join(this.base, key), destFile), key);
    this.stats.bytesDown += statSync(destFile).size;
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.end().catch(() => undefined)));
  }
}

function authOptions(keyfile: string | undefined): { privateKey?: Buffer; agent?: string } {
  if (keyfile !== undefined) {
    const file = keyfile.replace(/^~(?=\/)/, homedir());
    if (!existsSync(file)) throw new RemoteError('auth', `SSH key file ${file} does not exist`);
    return { privateKey: readFileSync(file) };
  }
  const agent = process.env['SSH_AUTH_SOCK'];
  if (agent !== undefined && agent !== '') return { agent };
  for (const name of ['id_ed25519', 'id_ecdsa', 'id_rsa']) {
    const file = path.join(homedir(), '.ssh', name);
    if (existsSync(file)) return { privateKey: readFileSync(file) };
  }
  return {};
}

/** The RemoteError for an SSH/SFTP failure. */
function classifySshError(error: unknown, where: string, key: string, connecting = false): RemoteError {
  const e = error as { code?: string | number; message?: string; level?: string };
  const msg = e.message ?? String(error);
  if (connecting && (/authentication methods failed|All configured authentication|permission denied/i.test(msg) || e.level === 'client-authentication')) {
    return new RemoteError('auth', `SSH login to ${where} refused: check the user and key`);
  }
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|Timed out while waiting for handshake|getaddrinfo/i.test(msg)) {
    return new RemoteError('unreachable', `cannot reach SSH host ${where} (${msg.split('\n')[0]})`);
  }
  if (/permission denied/i.test(msg)) return new RemoteError('auth', `${where}${key === '' ? '' : ` ${key}`}: permission denied on the server`);
  if (/No such file|ENOENT/i.test(msg) || e.code === 2) return new RemoteError('missing-object', `${key} is not on the remote`);
  if (/ECONNRESET|EPIPE|ETIMEDOUT|Channel open failure|not connected/i.test(msg)) return new RemoteError('transient', `${where}: ${msg.split('\n')[0]}`);
  return new RemoteError('other', `${where}${key === '' ? '' : ` ${key}`}: ${msg.split('\n')[0]}`);
}
