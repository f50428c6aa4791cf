import { describe, expect, test } from 'vitest';
import { buildGraph } from '../graph.js';
import type { Stage } from '../stage.js';
import { selectStages } from './plan.js';

/** A stage named `n` reading `in` paths and writing `out` paths. */
function stage(name: string, deps: string[], outs: string[], group?: string): Stage {
  return {
    name, pipelineFile: 'pipeline.yaml', group, cmd: ['true'], wdir: '.', deps, params: [], paramValues: {}, frozen: false, alwaysChanged: false, desc: undefined,
    outs: outs.map((path) => ({ path, kind: 'out' as const, cache: true, persist: false })),
    pos: { file: 'pipeline.yaml', line: 1, col: 1 },
  };
}

// 1 → 2 → 4, 1 → 3 → 4 (diamond), 5 independent; edges through a directory (2 writes d/, 4 reads d/x)
const stages = [
  stage('s4', ['d/x', 'o3'], ['o4']),
  stage('s1', ['in'], ['o1']),
  stage('s2', ['o1'], ['d']),
  stage('s3', ['o1'], ['o3']),
  stage('s5', [], ['o5']),
];
const graph = (() => {
  const g = buildGraph(stages);
  if (!g.ok) throw new Error('graph');
  return g.value;
})();
const select = (targets: string[], downstream = false, single = false) => {
  const r = selectStages(graph, { targets, downstream, single });
  return r.ok ? r.value : r.error;
};

describe('plan', () => {
  test('whole pipeline: every stage after its upstream', () => {
    const order = select([]) as string[];
    expect(order).toHaveLength(5);
    for (const [up, down] of [['s1', 's2'], ['s1', 's3'], ['s2', 's4'], ['s3', 's4']]) expect(order.indexOf(up!)).toBeLessThan(order.indexOf(down!));
  });
  test('target with upstream, downstream, single', () => {
    expect(select(['s2'])).toEqual(['s1', 's2']);
    expect(select(['s2'], true)).toEqual(['s2', 's4']);
    expect(select(['s4'], false, true)).toEqual(['s4']);
  });
  test('the pipeline file as a target selects every stage', () => {
    expect(select(['pipeline.yaml'], false, true)).toHaveLength(5);
  });
  test('unknown target suggests a name', () => {
    expect(select(['s22'])).toMatchObject({ reason: 'unknown-target', target: 's22' });
  });
  test('cycles and overlapping outputs are reported with their stages', () => {
    expect(buildGraph([stage('a', ['b.txt'], ['a.txt']), stage('b', ['a.txt'], ['b.txt'])])).toMatchObject({ ok: false, error: { reason: 'cycle' } });
    expect(buildGraph([stage('a', [], ['d']), stage('b', [], ['d/e'])])).toMatchObject({ ok: false, error: { reason: 'overlapping-outputs', stages: ['a', 'b'] } });
  });
});
