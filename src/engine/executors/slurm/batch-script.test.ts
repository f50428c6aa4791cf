// The generated batch script, run with /bin/sh as Slurm would run it (no Slurm needed): each array index runs
// its own item in its wdir and writes its exit file.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchScript, shellQuote } from './batch-script.js';

describe('batch script', () => {
  it('runs the item of its array index and records the exit code and the failed command', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pipe-batch-'));
    const items = [
      { stage: "a@1", commands: ['echo "$PIPE_STAGE $(pwd) $PIPE_CPUS" > out.txt'], cwd: dir, env: {} },
      { stage: "a@it's", commands: ['true', 'exit 7', 'echo never > never.txt'], cwd: dir, env: {} },
    ];
    const script = path.join(dir, 'job.sh');
    writeFileSync(script, batchScript(items, { dir, sbatchArgs: ['--array=0-1'], root: dir }));
    // The host's PIPE_CPUS never reaches the job: its budget is Slurm's allocation.
    const env = { ...process.env, PIPE_CPUS: '16', SLURM_ARRAY_TASK_ID: '0', SLURM_CPUS_PER_TASK: '3' };
    expect(execFileSync('/bin/sh', [script], { env }).toString()).toBe('');
    expect(readFileSync(path.join(dir, 'out.txt'), 'utf8')).toBe(`a@1 ${dir} 3\n`);
    expect(readFileSync(path.join(dir, '0.exit'), 'utf8')).toBe('0 -1\n');
    const second = spawnSync('/bin/sh', [script], { env: { ...process.env, SLURM_ARRAY_TASK_ID: '1' } });
    expect(second.status).toBe(7);
    expect(readFileSync(path.join(dir, '1.exit'), 'utf8')).toBe('7 1\n');
    expect(spawnSync('/bin/sh', ['-c', `ls ${shellQuote(dir)}`]).stdout.toString()).not.toContain('never.txt');
  });
});
