// `pipe exp push|pull <git-remote> [exp…]`: shares recorded experiments through a git remote, as DVC does:
// the refs/exps/<name> refs travel with `git push|fetch <remote> refs/exps/<name>:refs/exps/<name>` (their base
// commits come along as ancestors). Unless --no-cache, the cached outputs their locks record are pushed to, or
// fetched from, the pipe cache remote (-r NAME or core.remote), so `pipe exp apply` restores them in the other
// clone without rerunning. No git remote can hold the cache objects: without a pipe remote, --no-cache is needed
// (or the user runs `pipe push`/`pipe pull` later).
import { spawnSync } from 'node:child_process';
import type { Project } from '../engine/project.js';
import type { FileRecord } from '../engine/store/lock-types.js';
import type { Remote } from '../engine/remote/remote.js';
import { raise } from './engine-repro.js';
import { UserError } from './user-error.js';

export interface ExpShareFlags {
  /** Push: only experiments based on this commit (any git revision). */
  readonly rev: string | undefined;
  readonly noCache: boolean;
  /** The pipe cache remote (default: core.remote). */
  readonly remote: string | undefined;
  readonly force: boolean;
  readonly jobs: number | undefined;
}

const out = (text: string): void => void process.stdout.write(text);
const REF = 'refs/exps/';

async function openProjectHere(): Promise<Project> {
  const { openProject } = await import('../engine/project.js');
  const opened = await openProject(process.cwd());
  return opened.ok ? opened.value : raise(opened.error);
}

/** `pipe exp push`: the named experiments (or those based on --rev, or all) to `gitRemote`, then their cache. */
export async function runExpPush(gitRemote: string, names: readonly string[], flags: ExpShareFlags): Promise<void> {
  const project = await openProjectHere();
  const exp = await import('../engine/exp/index.js');
  const all = exp.listExperiments(project.root);
  const unknown = names.find((n) => !all.some((e) => e.name === n));
  if (unknown !== undefined) throw new UserError(`no experiment named '${unknown}' (see pipe exp list)`);
  const base = flags.rev === undefined ? undefined : commitOf(project.root, flags.rev);
  const chosen = all.filter((e) => (names.length === 0 || names.includes(e.name)) && (base === undefined || e.record.base === base));
  if (chosen.length === 0) return out('No experiments to push\n');
  const specs = chosen.map((e) => `${flags.force ? '+' : ''}${REF}${e.name}:${REF}${e.name}`);
  git(project.root, ['push', '--quiet', gitRemote, ...specs], `git push ${gitRemote}`);
  out(`Pushed ${chosen.length} experiment(s) to ${gitRemote}: ${chosen.map((e) => e.name).join(', ')}\n`);
  if (!flags.noCache) await transferCache('push', project, chosen.map((e) => e.commit), flags);
}

/** `pipe exp pull`: the named experiments (or every one on the remote) from `gitRemote`, then their cache. */
export async function runExpPull(gitRemote: string, names: readonly string[], flags: ExpShareFlags): Promise<void> {
  const project = await openProjectHere();
  const plus = flags.force ? '+' : '';
  const specs = names.length === 0 ? [`${plus}${REF}*:${REF}*`] : names.map((n) => `${plus}${REF}${n}:${REF}${n}`);
  const before = new Map(listRefs(project.root));
  git(project.root, ['fetch', '--quiet', '--no-tags', gitRemote, ...specs], `git fetch ${gitRemote}`);
  const after = listRefs(project.root);
  const pulled = after.filter(([name, commit]) => (names.length === 0 ? before.get(name) !== commit : names.includes(name)));
  if (pulled.length === 0) return out(`No new experiments on ${gitRemote}\n`);
  out(`Pulled ${pulled.length} experiment(s) from ${gitRemote}: ${pulled.map(([n]) => n).join(', ')}\n`);
  if (!flags.noCache) await transferCache('pull', project, pulled.map(([, c]) => c), flags);
}

/** Pushes or fetches the cached outputs recorded in the locks of `commits`. */
async function transferCache(verb: 'push' | 'pull', project: Project, commits: readonly string[], flags: ExpShareFlags): Promise<void> {
  const opened = await openCacheRemote(project, flags.remote);
  if (opened === undefined) {
    const then = verb === 'push' ? "'pipe push' them later" : "'pipe exp apply' rebuilds what is missing with 'pipe repro'";
    return void process.stderr.write(`pipe: note: no pipe remote configured (pipe remote add -d NAME URL), so the experiments' cached outputs were not ${verb === 'push' ? 'pushed' : 'fetched'}; ${then}\n`);
  }
  const { remote, name } = opened;
  const records = await cachedOuts(project, commits);
  const options = { jobs: flags.jobs ?? remote.defaultJobs, progress: false, runCache: false };
  const { RemoteError } = await import('../engine/remote/remote.js');
  try {
    if (verb === 'push') {
      const r = await (await import('../engine/remote/push.js')).push(project.cache, remote, records, options);
      out(`Cache: ${r.uploaded} object(s) uploaded, ${r.alreadyThere} already on remote '${name}'\n`);
      if (r.missingLocally > 0) process.stderr.write(`pipe: warning: ${r.missingLocally} object(s) the experiments record are not in the local cache and were not pushed\n`);
      if (r.failed.length > 0) throw new UserError(`exp push: ${r.failed.length} object(s) could not be uploaded to remote '${name}' (run it again to resume): ${r.failed[0]}`);
      return;
    }
    const r = await (await import('../engine/remote/fetch.js')).fetchObjects(project.cache, remote, records, options);
    out(`Cache: ${r.downloaded} object(s) downloaded from remote '${name}'\n`);
    const bad = [...r.missingOnRemote.map((k) => `not on the remote: ${k}`), ...r.corrupt.map((k) => `corrupt on the remote: ${k}`), ...r.failed];
    if (bad.length > 0) throw new UserError(`exp pull: ${bad.length} object(s) could not be fetched from remote '${name}' (push them from the clone that ran the experiment): ${bad[0]}`);
  } catch (error) {
    if (error instanceof RemoteError) throw new UserError(`remote '${name}': ${error.message}`);
    throw error;
  } finally {
    await remote.close();
  }
}

/** The configured pipe remote (-r or core.remote); undefined when none is configured and none was named. */
async function openCacheRemote(project: Project, remoteName: string | undefined): Promise<{ remote: Remote; name: string } | undefined> {
  const { readProjectConfig } = await import('../engine/config/project-config.js');
  const { defaultRemoteName, selectRemote } = await import('../engine/remote/remote-config.js');
  const { openRemote } = await import('../engine/remote/open-remote.js');
  const { RemoteError } = await import('../engine/remote/remote.js');
  const config = readProjectConfig(project.root);
  if (!config.ok) return raise(config.error);
  if (remoteName === undefined) {
    const def = defaultRemoteName(config.value);
    if (!def.ok) return raise(def.error);
    if (def.value === undefined) return undefined;
  }
  const selected = selectRemote(config.value, remoteName);
  if (!selected.ok) return raise(selected.error);
  try {
    return { remote: await openRemote(project.root, selected.value.options), name: selected.value.name };
  } catch (error) {
    if (error instanceof RemoteError) throw new UserError(`remote '${selected.value.name}': ${error.message}`);
    throw error;
  }
}

/** The outputs the locks at `commits` record that live in the cache (outs declared `cache: false` do not). */
async function cachedOuts(project: Project, commits: readonly string[]): Promise<FileRecord[]> {
  const { commitLocks } = await import('../engine/exp/commit-locks.js');
  const uncached = new Set(project.graph.stages.flatMap((s) => s.outs.filter((o) => !o.cache).map((o) => o.path)));
  const seen = new Map<string, FileRecord>();
  for (const lock of commitLocks(project.root, commits)) {
    for (const entry of Object.values(lock?.stages ?? {})) for (const o of entry.outs) if (!uncached.has(o.path)) seen.set(`${o.hash}:${o.path}`, o);
  }
  return [...seen.values()];
}

/** The full hash of git revision `rev`; a one-line error when it names no commit. */
function commitOf(root: string, rev: string): string {
  const r = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new UserError(`--rev ${rev}: not a commit`);
  return r.stdout.trim();
}

function listRefs(root: string): [string, string][] {
  return git(root, ['for-each-ref', '--format=%(refname) %(objectname)', REF], 'git for-each-ref')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [ref, commit] = l.split(' ');
      return [ref!.slice(REF.length), commit!];
    });
}

/** Runs git; a failure becomes one line: `what: <git's own reason>`. */
function git(cwd: string, args: readonly string[], what: string): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status === 0) return r.stdout;
  const lines = (r.stderr ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.some((l) => l.includes('[rejected]'))) throw new UserError(`${what}: an experiment of the same name differs on the other side (use -f to overwrite it)`);
  const reason = lines.find((l) => /^(fatal|error):/.test(l)) ?? lines.find((l) => l.startsWith('!')) ?? lines[0] ?? `exit ${r.status}`;
  throw new UserError(`${what}: ${reason.replace(/^(fatal|error):\s*/, '')}`);
}
