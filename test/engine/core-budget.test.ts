// The local core budget: stages run together only while the cores they reserve (`resources: {cpus}`, else 1)
// fit the budget (--cpus, else PIPE_CPUS, else core.cpus, else every core), and each learns its share in
// PIPE_CPUS. Fake stages log "start NAME CPUS" / "end NAME"; replaying the log shows the reserved cores at every
// moment. The two 1-core stages must meet (each waits for the other's start marker), so the test also fails
// when the scheduler stops running stages in parallel at all.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Rig } from './rig.js';

let rig: Rig;
beforeEach(() => (rig = new Rig()));
afterEach(() => rig.cleanup());

/** A stage command: logs its start with its PIPE_CPUS, optionally waits for `meet` to start, sleeps, logs its end. */
function busy(name: string, meet?: string): string {
  const wait = meet === undefined ? '' : `i=0; while [ ! -e started-${meet} ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done; [ -e started-${meet} ] && `;
  return `echo "start ${name} $PIPE_CPUS" >> "$RIG_LOG"; touch started-${name}; ${wait}sleep 0.2 && mkdir -p out && echo ${name} > out/${name} && echo "end ${name}" >> "$RIG_LOG"`;
}

function stage(name: string, cpus: number | undefined, meet?: string): string {
  const resources = cpus === undefined ? '' : `    resources: {cpus: ${cpus}}\n`;
  return `  ${name}:\n    cmd: ${busy(name, meet)}\n    outs: [out/${name}]\n${resources}`;
}

/** The PIPE_CPUS each stage saw, and the most cores reserved at once (replaying start/end in log order). */
function replay(events: readonly string[]): { cpus: Record<string, number>; peak: number } {
  const cpus: Record<string, number> = {};
  let used = 0;
  let peak = 0;
  for (const e of events) {
    const [kind, name, value] = e.split(' ');
    if (kind === 'start' && name !== undefined) {
      cpus[name] = Number(value);
      used += Number(value);
      peak = Math.max(peak, used);
    } else if (kind === 'end' && name !== undefined) used -= cpus[name] ?? 0;
  }
  return { cpus, peak };
}

describe('local core budget', () => {
  test('stages never reserve more than --cpus at once; each gets its share in PIPE_CPUS', async () => {
    rig.write(
      'pipeline.yaml',
      `stages:\n${stage('featurize', 2)}${stage('tune', 2)}${stage('huge', 16)}${stage('small1', undefined, 'small2')}${stage('small2', 1, 'small1')}`,
    );
    const r = await rig.pipe(['repro', '-j', '3', '--cpus', '2']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { cpus, peak } = replay(rig.events());
    expect(cpus).toEqual({ featurize: 2, tune: 2, huge: 2, small1: 1, small2: 1 });
    expect(peak).toBe(2);
  });

  test('PIPE_CPUS of the parent (an experiment share) is the budget when --cpus is not given', async () => {
    rig.write('pipeline.yaml', `stages:\n${stage('a', 2)}${stage('b', 1)}${stage('c', 1)}`);
    const r = await rig.pipe(['repro', '-j', '3'], { PIPE_CPUS: '1' });
    expect(r.code).toBe(0);
    const { cpus, peak } = replay(rig.events());
    expect(cpus).toEqual({ a: 1, b: 1, c: 1 });
    expect(peak).toBe(1);
  });

  test('core.cpus of .pipe/config.yaml is the budget when neither --cpus nor PIPE_CPUS is set', async () => {
    rig.write('.pipe/config.yaml', 'core:\n  cpus: 3\n');
    rig.write('pipeline.yaml', `stages:\n${stage('a', 8)}${stage('b', undefined)}`);
    const r = await rig.pipe(['repro', '-j', '2'], { PIPE_CPUS: '' });
    expect(r.code).toBe(0);
    expect(replay(rig.events()).cpus).toEqual({ a: 3, b: 1 });
  });

  test('with -j 1 a stage that declares no cpus gets the whole budget', async () => {
    rig.write('pipeline.yaml', `stages:\n${stage('solo', undefined)}`);
    const r = await rig.pipe(['repro', '-j', '1', '--cpus', '3']);
    expect(r.code).toBe(0);
    expect(replay(rig.events()).cpus).toEqual({ solo: 3 });
  });

  test('an unchanged stage reserves no cores: it is checked while a stage holding every core runs', async () => {
    rig.write('in.txt', '1');
    rig.write(
      'pipeline.yaml',
      `stages:\n  slow:\n    cmd: sleep 1 && mkdir -p out && cat in.txt > out/slow\n    deps: [in.txt]\n    outs: [out/slow]\n    resources: {cpus: 2}\n${stage('done', 2)}`,
    );
    expect((await rig.pipe(['repro', '-j', '2', '--cpus', '2'])).code).toBe(0);
    rig.write('in.txt', '2');
    const r = await rig.pipe(['repro', '-j', '2', '--cpus', '2']);
    expect(r.code).toBe(0);
    const unchanged = r.stdout.indexOf("Stage 'done' didn't change");
    const finished = r.stdout.indexOf("Stage 'slow' finished");
    expect(unchanged).toBeGreaterThanOrEqual(0);
    expect(finished).toBeGreaterThan(unchanged);
  });

  test('a bad PIPE_CPUS or --cpus is a one-line error naming it', async () => {
    rig.write('pipeline.yaml', `stages:\n${stage('a', 1)}`);
    const bad = await rig.pipe(['repro'], { PIPE_CPUS: 'two' });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/PIPE_CPUS.*two/);
    const zero = await rig.pipe(['repro', '--cpus', '0']);
    expect(zero.code).not.toBe(0);
    expect(zero.stderr).toMatch(/--cpus needs a positive integer/);
    expect(rig.events()).toEqual([]);
  });
});
