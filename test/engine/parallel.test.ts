// -j: independent stages overlap (each waits for the other's start marker, which only works when both run
// at once), and no stage ever starts before its upstream ended.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Rig } from './rig.js';

let rig: Rig;
beforeEach(() => (rig = new Rig()));
afterEach(() => rig.cleanup());

/** A stage that marks its start, then waits (up to ~20 s) for `other` to have started too. */
function rendezvous(name: string, other: string): string {
  return `touch started-${name}; i=0; while [ ! -e started-${other} ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done; [ -e started-${other} ] && ${rig.fake(name, `out/${name}.txt`)}`;
}

describe('parallel', () => {
  test('-j 2 runs two independent stages at the same time', async () => {
    rig.write('pipeline.yaml', `stages:
  left:
    cmd: ${rendezvous('left', 'right')}
    outs: [out/left.txt]
  right:
    cmd: ${rendezvous('right', 'left')}
    outs: [out/right.txt]
`);
    const r = await rig.pipe(['repro', '-j', '2']);
    expect(r.code).toBe(0);
    expect([rig.count('left'), rig.count('right')]).toEqual([1, 1]);
    expect(r.stdout).toMatch(/\[left\]|\[right\]|finished/);
  });

  test('a diamond never starts a stage before its upstream ended', async () => {
    rig.write('in.txt', 'x');
    const stage = (name: string, ins: string[]) => `  ${name}:
    cmd: ${rig.fake(name, `out/${name}.txt`, ...ins)}
    deps: [${ins.join(', ')}]
    outs: [out/${name}.txt]
`;
    rig.write('pipeline.yaml', `stages:
${stage('top', ['in.txt'])}${stage('l1', ['out/top.txt'])}${stage('r1', ['out/top.txt'])}${stage('l2', ['out/l1.txt'])}${stage('join', ['out/l2.txt', 'out/r1.txt'])}`);
    const r = await rig.pipe(['repro', '-j', '4']);
    expect(r.code).toBe(0);
    const ev = rig.events();
    const at = (e: string) => ev.indexOf(e);
    const edges = [['top', 'l1'], ['top', 'r1'], ['l1', 'l2'], ['l2', 'join'], ['r1', 'join']] as const;
    for (const [up, down] of edges) expect(at(`end ${up}`)).toBeLessThan(at(`start ${down}`));
    expect(ev.filter((e) => e.startsWith('start'))).toHaveLength(5);
  });

  test('stage output is streamed with a stage-name prefix', async () => {
    rig.write('pipeline.yaml', 'stages:\n  talk:\n    cmd: echo hello; echo oops >&2\n');
    const r = await rig.pipe(['repro']);
    expect(r.stdout).toContain('[talk] hello');
    expect(r.stderr).toContain('[talk] oops');
  });
});
