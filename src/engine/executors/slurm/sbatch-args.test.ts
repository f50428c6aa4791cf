import { describe, expect, it } from 'vitest';
import { resourcesKey, sbatchArgs } from './sbatch-args.js';
import { SlotGate } from './slot-gate.js';

const config = { partition: 'cpu', account: 'lab', extra: ['--mail-type=NONE'], pollMaxMs: 10_000, fsWaitMs: 30_000 };

describe('sbatch arguments', () => {
  it('puts the project defaults first and lets the stage override the partition', () => {
    const args = sbatchArgs(
      { jobName: 'tune', chdir: '/p', output: '/p/.pipe/slurm/x/%a.log', arraySize: 20, throttle: 4 },
      { cpus: 2, memMiB: 4096, timeMinutes: 90, gpus: '1', partition: 'gpu', extra: ['--exclusive'] },
      config,
    );
    expect(args).toEqual([
      '--job-name=tune', '--chdir=/p', '--output=/p/.pipe/slurm/x/%a.log', '--open-mode=append', '--no-requeue', '--array=0-19%4',
      '--partition=gpu', '--account=lab', '--cpus-per-task=2', '--mem=4096M', '--time=01:30:00', '--gres=gpu:1', '--mail-type=NONE', '--exclusive',
    ]);
  });

  it('groups stages by their resources, whatever the key order or retry factor', () => {
    expect(resourcesKey({ cpus: 1, memMiB: 64 })).toBe(resourcesKey({ memMiB: 64, cpus: 1, retryFactor: 2 }));
    expect(resourcesKey({ cpus: 1 })).not.toBe(resourcesKey({ cpus: 2 }));
  });
});

describe('slot gate', () => {
  it('grants up to the free slots and wakes a waiter when slots come back', async () => {
    const gate = new SlotGate(4);
    expect(await gate.take(3)).toBe(3);
    expect(await gate.take(5)).toBe(1);
    let granted = 0;
    const waiting = gate.take(2).then((n) => (granted = n));
    await new Promise((r) => setTimeout(r, 5));
    expect(granted).toBe(0);
    gate.give(2);
    await waiting;
    expect(granted).toBe(2);
  });
});
