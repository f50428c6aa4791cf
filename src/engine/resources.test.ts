import { describe, expect, it } from 'vitest';
import { formatMinutes, memToMiB, resourcesSchema, timeToMinutes, toResources } from './resources.js';

describe('resources', () => {
  it('reads memory sizes as sbatch does (a bare number is MiB)', () => {
    expect(memToMiB(2048)).toBe(2048);
    expect(memToMiB('512M')).toBe(512);
    expect(memToMiB('4G')).toBe(4096);
    expect(memToMiB('1.5GB')).toBe(1536);
    expect(memToMiB('1T')).toBe(1024 * 1024);
    expect(memToMiB('100K')).toBe(1);
  });

  it('reads Slurm time formats, rounding seconds up to minutes', () => {
    expect(timeToMinutes(90)).toBe(90);
    expect(timeToMinutes('30')).toBe(30);
    expect(timeToMinutes('0:30')).toBe(1);
    expect(timeToMinutes('1:30:00')).toBe(90);
    expect(timeToMinutes('2-00')).toBe(2880);
    expect(timeToMinutes('1-02:03')).toBe(1440 + 123);
    expect(formatMinutes(90)).toBe('01:30:00');
    expect(formatMinutes(2880 + 61)).toBe('2-01:01:00');
  });

  it('validates the block and normalises units', () => {
    const raw = resourcesSchema.parse({ cpus: 4, mem: '8G', time: '2:00:00', gpus: 'a100:2', partition: 'gpu', extra: '--constraint=avx2 --exclusive' });
    expect(toResources(raw)).toEqual({ cpus: 4, memMiB: 8192, timeMinutes: 120, gpus: 'a100:2', partition: 'gpu', extra: ['--constraint=avx2', '--exclusive'] });
    expect(resourcesSchema.safeParse({ mem: 'lots' }).success).toBe(false);
    expect(resourcesSchema.safeParse({ cpus: 0 }).success).toBe(false);
    expect(resourcesSchema.safeParse({ memory: '4G' }).success).toBe(false);
    expect(resourcesSchema.safeParse({ cpus: '${tuning.concurrency}' }).success).toBe(true);
  });
});
