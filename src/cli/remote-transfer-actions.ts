// `pipe push`, `pipe fetch`, `pipe pull` and `pipe status --cloud`: open the project and the remote, run the
// transfer, print a summary line; every failure becomes one line and a non-zero exit.
import type { Project } from '../engine/project.js';
import type { Remote } from '../engine/remote/remote.js';
import { raise } from './engine-repro.js';
import { UserError } from './user-error.js';

export interface TransferFlags {
  readonly remote: string | undefined;
  readonly jobs: number | undefined;
  readonly runCache: boolean;
  readonly progress: boolean;
}

const out = (text: string): void => void process.stdout.write(text);
const err = (text: string): void => void process.stderr.write(text);

/** Opens the project and the selected remote; failures are raised as user errors. */
async function open(remoteName: string | undefined): Promise<{ project: Project; remote: Remote; name: string }> {
  const [{ openProject }, { readProjectConfig }, { selectRemote }, { openRemote }, { RemoteError }] = await Promise.all([
    import('../engine/project.js'),
    import('../engine/config/project-config.js'),
    import('../engine/remote/remote-config.js'),
    import('../engine/remote/open-remote.js'),
    import('../engine/remote/remote.js'),
  ]);
  const project = await openProject(process.cwd());
  if (!project.ok) return raise(project.error);
  const config = readProjectConfig(project.value.root);
  if (!config.ok) return raise(config.error);
  const selected = selectRemote(config.value, remoteName);
  if (!selected.ok) return raise(selected.error);
  try {
    return { project: project.value, remote: await openRemote(project.value.root, selected.value.options), name: selected.value.name };
  } catch (error) {
    if (error instanceof RemoteError) throw new UserError(`remote '${selected.value.name}': ${error.message}`);
    throw error;
  }
}

/** Runs push, fetch or pull. */
export async function runTransfer(verb: 'push' | 'fetch' | 'pull', targets: string[], flags: TransferFlags): Promise<void> {
  const { selectOutputs } = await import('../engine/remote/object-refs.js');
  const { formatBytes } = await import('../engine/remote/progress.js');
  const { RemoteError } = await import('../engine/remote/remote.js');
  const { project, remote, name } = await open(flags.remote);
  const selected = selectOutputs(project, targets);
  if (!selected.ok) return raise(selected.error);
  const records = selected.value.map((s) => s.record);
  const options = { jobs: flags.jobs ?? remote.defaultJobs, progress: flags.progress, runCache: flags.runCache };
  try {
    if (verb === 'push') {
      const { push } = await import('../engine/remote/push.js');
      const r = await push(project.cache, remote, records, options);
      out(`push: ${r.uploaded} object(s) uploaded (${formatBytes(r.bytes)}), ${r.alreadyThere} already on remote '${name}'; ${remote.stats.requests} request(s)\n`);
      if (r.missingLocally > 0) err(`pipe: warning: ${r.missingLocally} object(s) referenced by pipeline.lock are not in the local cache and were not pushed\n`);
      if (r.failed.length > 0) throw new UserError(`push: ${r.failed.length} object(s) could not be uploaded to remote '${name}' (run push again to resume): ${r.failed[0]}`);
      return;
    }
    const { fetchObjects } = await import('../engine/remote/fetch.js');
    const r = await fetchObjects(project.cache, remote, records, options);
    out(`${verb}: ${r.downloaded} object(s) downloaded (${formatBytes(r.bytes)}) from remote '${name}'; ${remote.stats.requests} request(s)\n`);
    let placedLine = '';
    if (verb === 'pull') {
      const { checkoutOutputs } = await import('../engine/remote/checkout.js');
      const c = checkoutOutputs(project, selected.value);
      placedLine = `pull: ${c.placed.length} output(s) placed, ${c.unchanged} already up to date`;
      out(`${placedLine}${c.incomplete.length > 0 ? `, ${c.incomplete.length} incomplete (left as they were)` : ''}\n`);
    }
    if (r.corrupt.length > 0) throw new UserError(`${verb}: ${r.corrupt.length} object(s) on remote '${name}' do not match their hash (corrupt) and were refused; nothing was written for them: ${r.corrupt[0]}`);
    if (r.missingOnRemote.length > 0) throw new UserError(`${verb}: ${r.missingOnRemote.length} object(s) are not on remote '${name}' (push them from the clone that produced them): ${r.missingOnRemote[0]}`);
    if (r.failed.length > 0) throw new UserError(`${verb}: ${r.failed.length} object(s) could not be downloaded from remote '${name}' (run ${verb} again to resume): ${r.failed[0]}`);
  } catch (error) {
    if (error instanceof RemoteError) throw new UserError(`remote '${name}': ${error.message}`);
    throw error;
  } finally {
    await remote.close();
  }
}

/** `pipe status --cloud`: which selected outputs the remote lacks, or only the remote has. */
export async function runCloudStatus(targets: string[], remoteName: string | undefined, jobs: number | undefined): Promise<void> {
  const { selectOutputs } = await import('../engine/remote/object-refs.js');
  const { cloudStatus } = await import('../engine/remote/cloud-status.js');
  const { RemoteError } = await import('../engine/remote/remote.js');
  const { project, remote, name } = await open(remoteName);
  const selected = selectOutputs(project, targets);
  if (!selected.ok) return raise(selected.error);
  try {
    const rows = await cloudStatus(project.cache, remote, selected.value.map((s) => s.record), jobs ?? remote.defaultJobs);
    const changed = rows.filter((r) => r.state !== 'in-sync');
    if (changed.length === 0) {
      out(`Cache and remote '${name}' are in sync.\n`);
      return;
    }
    const label = { new: 'new:     ', deleted: 'deleted: ', missing: 'missing: ' } as const;
    for (const r of changed) if (r.state !== 'in-sync') out(`\t${label[r.state]}${r.path}\n`);
  } catch (error) {
    if (error instanceof RemoteError) throw new UserError(`remote '${name}': ${error.message}`);
    throw error;
  } finally {
    await remote.close();
  }
}
