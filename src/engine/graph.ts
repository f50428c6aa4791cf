// The stage graph: an edge A → B when one of B's deps equals, contains or lies inside one of A's outputs.
// Overlapping outputs and cycles are failures naming the stages involved.
import type { Failure } from './failure.js';
import { pathsOverlap } from './paths.js';
import { fail, ok, type Result } from './result.js';
import type { Stage } from './stage.js';

export interface Graph {
  /** Stages in pipeline-file order. */
  readonly stages: readonly Stage[];
  readonly byName: ReadonlyMap<string, Stage>;
  /** Stage → the stages producing its deps. */
  readonly upstream: ReadonlyMap<string, readonly string[]>;
  /** Stage → the stages consuming its outputs. */
  readonly downstream: ReadonlyMap<string, readonly string[]>;
}

/** Builds the graph, rejecting overlapping outputs and cycles. */
export function buildGraph(stages: readonly Stage[]): Result<Graph, Failure> {
  const overlap = findOverlap(stages);
  if (overlap !== undefined) return fail(overlap);
  const upstream = new Map<string, string[]>(stages.map((s) => [s.name, []]));
  const downstream = new Map<string, string[]>(stages.map((s) => [s.name, []]));
  for (const consumer of stages) {
    for (const producer of stages) {
      const feeds = consumer.deps.some((d) => producer.outs.some((o) => pathsOverlap(d, o.path)));
      if (!feeds) continue;
      if (producer === consumer) return fail({ reason: 'cycle', stages: [consumer.name, consumer.name] });
      upstream.get(consumer.name)?.push(producer.name);
      downstream.get(producer.name)?.push(consumer.name);
    }
  }
  const graph: Graph = { stages, byName: new Map(stages.map((s) => [s.name, s])), upstream, downstream };
  const cycle = findCycle(graph);
  return cycle === undefined ? ok(graph) : fail({ reason: 'cycle', stages: cycle });
}

/**
 * DVC's active graph (dvc/repo/reproduce.py get_active_graph): every frozen stage disconnected from the stages
 * producing its deps, so that reproducing below a frozen stage neither runs nor waits for its upstream.
 */
export function activeGraph(graph: Graph): Graph {
  if (!graph.stages.some((s) => s.frozen)) return graph;
  const upstream = new Map<string, readonly string[]>();
  const downstream = new Map<string, string[]>(graph.stages.map((s) => [s.name, []]));
  for (const s of graph.stages) {
    const ups = s.frozen ? [] : (graph.upstream.get(s.name) ?? []);
    upstream.set(s.name, ups);
    for (const u of ups) downstream.get(u)?.push(s.name);
  }
  return { ...graph, upstream, downstream };
}

function findOverlap(stages: readonly Stage[]): Failure | undefined {
  const outs = stages.flatMap((s) => s.outs.map((o) => ({ stage: s.name, path: o.path })));
  for (let i = 0; i < outs.length; i++) {
    for (let j = i + 1; j < outs.length; j++) {
      const a = outs[i];
      const b = outs[j];
      if (a === undefined || b === undefined || !pathsOverlap(a.path, b.path)) continue;
      return { reason: 'overlapping-outputs', path: a.path, otherPath: b.path, stages: [a.stage, b.stage] };
    }
  }
  return undefined;
}

/** A cycle as a stage path that returns to its first stage, or undefined. */
function findCycle(graph: Graph): string[] | undefined {
  const state = new Map<string, 'active' | 'done'>();
  const trail: string[] = [];
  const visit = (name: string): string[] | undefined => {
    const mark = state.get(name);
    if (mark === 'done') return undefined;
    if (mark === 'active') return [...trail.slice(trail.indexOf(name)), name];
    state.set(name, 'active');
    trail.push(name);
    for (const up of graph.upstream.get(name) ?? []) {
      const found = visit(up);
      if (found !== undefined) return found;
    }
    trail.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const s of graph.stages) {
    const found = visit(s.name);
    if (found !== undefined) return found.reverse();
  }
  return undefined;
}
