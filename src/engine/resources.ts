// What a stage asks of the machine that runs it (`resources:` in pipeline.yaml): cores, memory, wall time,
// GPUs, a partition and extra scheduler arguments. One definition for every executor: the Slurm executor turns
// it into sbatch options, and a resource-aware local scheduler can read `cpus` from the same type. Resources
// are never part of a stage's fingerprint: asking for more memory does not make a stage stale.
import { z } from 'zod';

/** Normalised resources: numbers in named units, absent when the stage did not ask. */
export interface Resources {
  readonly cpus?: number;
  readonly memMiB?: number;
  readonly timeMinutes?: number;
  /** A count (`2`) or a typed request (`a100:2`), passed as `--gres=gpu:<value>`. */
  readonly gpus?: string;
  readonly partition?: string;
  /** Extra arguments passed to the scheduler verbatim (e.g. `--constraint=avx2`). */
  readonly extra?: readonly string[];
  /** On an OUT_OF_MEMORY or TIMEOUT retry, memory and time are multiplied by this factor (absent: no such retry). */
  readonly retryFactor?: number;
}

const MEM = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B?|B)?\s*$/i;
const TIME = /^(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?$/;

/** A `${…}` reference, filled in from params before the stage is checked again (foreach bodies are checked first as written). */
const templated = z.string().regex(/\$\{/, 'expected a value or ${param}');

/** The `resources:` block as written in pipeline.yaml (values may come from `${params}`). */
export const resourcesSchema = z
  .strictObject({
    cpus: z.union([z.number().int().min(1), templated]).optional().describe('CPU cores (sbatch --cpus-per-task)'),
    mem: z
      .union([z.number().positive(), templated, z.string().regex(MEM, 'expected a size such as 4G, 512M or 2048 (MiB)')])
      .optional()
      .describe('memory: MiB as a number, or a size such as 512M, 4G (sbatch --mem)'),
    time: z
      .union([z.number().positive(), templated, z.string().regex(TIME, 'expected minutes, MM:SS, HH:MM:SS or D-HH[:MM[:SS]]')])
      .optional()
      .describe('wall-time limit: minutes as a number, or MM:SS, HH:MM:SS, D-HH:MM:SS (sbatch --time)'),
    gpus: z
      .union([z.number().int().min(0), templated, z.string().regex(/^[\w.-]+(:\d+)?$/, 'expected a count or type:count')])
      .optional()
      .describe('GPUs: a count, or type:count (sbatch --gres=gpu:…)'),
    partition: z.string().min(1).optional().describe('Slurm partition (overrides slurm.partition in .pipe/config.yaml)'),
    extra: z.union([z.string(), z.array(z.string())]).optional().describe('extra sbatch arguments, verbatim'),
    retry_factor: z.union([z.number().min(1), templated]).optional().describe('with --retries: resubmit an OUT_OF_MEMORY/TIMEOUT job with mem and time times this factor'),
  })
  .describe('What the stage asks of the machine that runs it; not part of the fingerprint');
export type RawResources = z.infer<typeof resourcesSchema>;

/** Where a stage runs: `local` keeps it on the submitting host whatever the executor. */
export const placementSchema = z.enum(['local']).describe('`local`: run this stage on the submitting host even with --executor slurm');

/** Converts the validated block into named units. */
export function toResources(raw: RawResources): Resources {
  const out: { -readonly [K in keyof Resources]: Resources[K] } = {};
  if (raw.cpus !== undefined) out.cpus = Number(raw.cpus);
  if (raw.mem !== undefined) out.memMiB = memToMiB(raw.mem);
  if (raw.time !== undefined) out.timeMinutes = timeToMinutes(raw.time);
  if (raw.gpus !== undefined && raw.gpus !== 0) out.gpus = String(raw.gpus);
  if (raw.partition !== undefined) out.partition = raw.partition;
  if (raw.extra !== undefined) out.extra = typeof raw.extra === 'string' ? splitArgs(raw.extra) : raw.extra;
  if (raw.retry_factor !== undefined) out.retryFactor = Number(raw.retry_factor);
  return out;
}

/** MiB of a size: a bare number is MiB (as sbatch --mem); K/M/G/T suffixes are binary units. */
export function memToMiB(mem: number | string): number {
  if (typeof mem === 'number') return Math.ceil(mem);
  const m = MEM.exec(mem);
  if (m === null) throw new RangeError(`not a memory size: ${mem}`);
  const value = Number(m[1]);
  const unit = (m[2] ?? 'M').charAt(0).toUpperCase();
  const factor = unit === 'K' ? 1 / 1024 : unit === 'G' ? 1024 : unit === 'T' ? 1024 * 1024 : unit === 'B' ? 1 / (1024 * 1024) : 1;
  return Math.max(1, Math.ceil(value * factor));
}

/** Minutes of a Slurm time string (`M`, `M:S`, `H:M:S`, `D-H`, `D-H:M`, `D-H:M:S`), seconds rounded up. */
export function timeToMinutes(time: number | string): number {
  if (typeof time === 'number') return Math.ceil(time);
  const m = TIME.exec(time.trim());
  if (m === null) throw new RangeError(`not a time limit: ${time}`);
  const [days, a, b, c] = [m[1], m[2], m[3], m[4]].map((x) => (x === undefined ? undefined : Number(x)));
  let seconds: number;
  if (days !== undefined) seconds = days * 86400 + (a ?? 0) * 3600 + (b ?? 0) * 60 + (c ?? 0);
  else if (c !== undefined) seconds = (a ?? 0) * 3600 + (b ?? 0) * 60 + c;
  else if (b !== undefined) seconds = (a ?? 0) * 60 + b;
  else seconds = (a ?? 0) * 60;
  return Math.max(1, Math.ceil(seconds / 60));
}

/** Slurm's `--time` form of a number of minutes (`D-HH:MM:00`). */
export function formatMinutes(minutes: number): string {
  const m = Math.ceil(minutes);
  const days = Math.floor(m / 1440);
  const hh = String(Math.floor((m % 1440) / 60)).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  return days > 0 ? `${days}-${hh}:${mm}:00` : `${hh}:${mm}:00`;
}

/** Splits a string of arguments on whitespace (write a list to pass an argument containing spaces). */
export function splitArgs(text: string): string[] {
  return text.split(/\s+/).filter((a) => a !== '');
}
