// Reads a file as it was at a git revision (`git show REV:./path`, run from the project root).
import { execFileSync } from 'node:child_process';
import type { Failure } from '../failure.js';
import { fail, ok, type Result } from '../result.js';

/** Content of root-relative `rel` at `rev` (a git revision, or an experiment name: refs/exps/<rev>); undefined
 * when the file did not exist there. */
export function gitShow(root: string, rev: string, rel: string): Result<string | undefined, Failure> {
  try {
    return ok(execFileSync('git', ['show', `${rev}:./${rel}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    if (/does not exist in|exists on disk, but not in/.test(stderr)) return ok(undefined);
    if (!rev.startsWith('refs/') && /invalid object name|unknown revision/i.test(stderr) && isExperiment(root, rev)) return gitShow(root, `refs/exps/${rev}`, rel);
    return fail({ reason: 'git', message: stderr.trim().split('\n')[0] ?? String(error) });
  }
}

function isExperiment(root: string, name: string): boolean {
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `refs/exps/${name}`], { cwd: root, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
