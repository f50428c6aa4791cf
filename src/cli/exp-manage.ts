// `pipe exp show|list|diff|remove|apply|branch`: read and manage the experiments recorded in refs/exps.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { raise } from './engine-repro.js';
import { readQueue } from './exp-queue.js';
import { formatExpShow, rowOf, type ExpShowFlags, type ShowRow } from './exp-show.js';
import { UserError } from './user-error.js';

const out = (text: string): void => void process.stdout.write(text);

async function context(): Promise<{ exp: typeof import('../engine/exp/index.js'); project: import('../engine/index.js').Project }> {
  const engine = await import('../engine/index.js');
  const opened = await engine.openProject(process.cwd());
  if (!opened.ok) return raise(opened.error);
  return { exp: await import('../engine/exp/index.js'), project: opened.value };
}

/** The workspace row, then every experiment with the deps that differ from the workspace lock. */
export async function runExpShow(flags: ExpShowFlags): Promise<void> {
  const { exp, project } = await context();
  out(formatExpShow([workspaceRow(exp, project), ...(await experimentRows(exp, project))], flags));
}

function workspaceRow(exp: typeof import('../engine/exp/index.js'), project: import('../engine/index.js').Project): ShowRow {
  const params = exp.readFlatFiles(project.root, project.pipeline.paramsFiles);
  return { name: 'workspace', created: '', base: '', params, metrics: exp.readFlatFiles(project.root, project.pipeline.metricsFiles), changedDeps: [] };
}

async function experimentRows(exp: typeof import('../engine/exp/index.js'), project: import('../engine/index.js').Project): Promise<ShowRow[]> {
  const stored = exp.listExperiments(project.root);
  const baseline = exp.lockDepHashes(project.lock);
  const deps = await exp.experimentDepHashes(project.root, stored);
  return stored.map((e, i) => rowOf(e, exp.changedDeps(baseline, deps[i] ?? new Map())));
}

/** Names, base commits and times; queued experiments after them. */
export async function runExpList(): Promise<void> {
  const { exp, project } = await context();
  for (const e of exp.listExperiments(project.root)) out(`${e.name}\t${e.record.base.slice(0, 7)}\t${e.record.created}\n`);
  for (const q of readQueue(project.root)) out(`${q.name}\t${q.base.slice(0, 7)}\tqueued\n`);
}

/** Params and metrics that differ between experiments (or 'workspace') `a` and `b`. */
export async function runExpDiff(a: string, b: string, flags: ExpShowFlags): Promise<void> {
  const { exp, project } = await context();
  const all = await experimentRows(exp, project);
  const pick = (name: string): ShowRow => {
    if (name === 'workspace') return workspaceRow(exp, project);
    const found = all.find((e) => e.name === name);
    if (found === undefined) throw new UserError(`no experiment named '${name}' (see pipe exp list)`);
    return found;
  };
  out(formatExpShow([pick(a), pick(b)], { ...flags, all: false }));
}

/** Deletes experiments (refs) and queued entries by name. */
export async function runExpRemove(names: readonly string[], queued: boolean): Promise<void> {
  const { exp, project } = await context();
  const { dequeue } = await import('./exp-queue.js');
  const targets = queued ? readQueue(project.root).map((q) => q.name) : names;
  for (const name of targets) {
    const inQueue = readQueue(project.root).some((q) => q.name === name);
    dequeue(project.root, name);
    if (!exp.removeExperiment(project.root, name) && !inQueue) throw new UserError(`no experiment named '${name}'`);
    out(`Removed ${name}\n`);
  }
}

/** `pipe queue status`: one line per queued experiment (name, base, params set, targets). */
export async function runQueueStatus(): Promise<void> {
  const { project } = await context();
  const queue = readQueue(project.root);
  if (queue.length === 0) return out('No queued experiments\n');
  for (const q of queue) {
    const sets = q.sets.map((s) => `${s.file}:${s.key}=${JSON.stringify(s.value)}`).join(' ') || '-';
    out(`${q.name}\t${q.base.slice(0, 7)}\tqueued\t${sets}${q.targets.length > 0 ? `\t${q.targets.join(' ')}` : ''}\n`);
  }
}

/** `pipe queue remove`: drops queued entries only (recorded experiments stay); unknown names are an error. */
export async function runQueueRemove(names: readonly string[], all: boolean): Promise<void> {
  const { project } = await context();
  const { dequeue } = await import('./exp-queue.js');
  const queued = new Set(readQueue(project.root).map((q) => q.name));
  if (!all && names.length === 0) throw new UserError('pipe queue remove: name the queued experiments to remove, or --all');
  const unknown = names.filter((n) => !queued.has(n));
  if (!all && unknown.length > 0) throw new UserError(`no queued experiment named '${unknown[0]}' (see pipe queue status)`);
  for (const name of all ? [...queued] : names) {
    dequeue(project.root, name);
    out(`Removed ${name} from the queue\n`);
  }
}

/** Brings experiment `name`'s params, lock and metrics into the workspace, then restores its outputs. */
export async function runExpApply(name: string): Promise<void> {
  const { exp, project } = await context();
  const commit = exp.experimentCommit(project.root, name);
  if (commit === undefined) throw new UserError(`no experiment named '${name}' (see pipe exp list)`);
  const files = execFileSync('git', ['diff-tree', '-r', '--no-commit-id', '--name-only', `${commit}^`, commit], { cwd: project.root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f !== '' && f !== exp.RECORD_FILE);
  for (const f of files) {
    const content = execFileSync('git', ['show', `${commit}:${f}`], { cwd: project.root, maxBuffer: 1 << 30 });
    mkdirSync(path.dirname(path.join(project.root, f)), { recursive: true });
    writeFileAtomic(path.join(project.root, f), content);
  }
  const engine = await import('../engine/index.js');
  const reopened = await engine.openProject(project.root);
  if (!reopened.ok) return raise(reopened.error);
  const { restored, missing } = exp.restoreLockOutputs(reopened.value);
  out(`Applied '${name}': ${files.join(', ')}; restored ${restored.length} output(s) from the cache\n`);
  if (missing.length > 0) out(`Not in the cache (run 'pipe repro' to rebuild): ${missing.join(', ')}\n`);
}

/** Creates git branch `branch` at experiment `name`'s commit. */
export async function runExpBranch(name: string, branch: string): Promise<void> {
  const { exp, project } = await context();
  const commit = exp.experimentCommit(project.root, name);
  if (commit === undefined) throw new UserError(`no experiment named '${name}' (see pipe exp list)`);
  const r = spawnSync('git', ['branch', branch, commit], { cwd: project.root, encoding: 'utf8' });
  if (r.status !== 0) throw new UserError(`git branch ${branch}: ${r.stderr.trim().split('\n')[0] ?? ''}`);
  out(`Branch '${branch}' created at experiment '${name}' (${commit.slice(0, 7)})\n`);
}
