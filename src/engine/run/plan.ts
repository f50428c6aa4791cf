// Planning is pure: which stages a repro considers, in an order where every stage follows its upstream.
import type { Failure } from '../failure.js';
import type { Graph } from '../graph.js';
import { activeGraph } from '../graph.js';
import { ok, type Result } from '../result.js';
import { resolveTargets, type TargetScope } from './targets.js';

export interface SelectOptions {
  /** Stage names, foreach group names, `dir/pipeline.yaml[:name]` (see targets.ts); empty = every stage. */
  readonly targets: readonly string[];
  /** Where the targets are resolved from (default: the root pipeline). */
  readonly scope?: TargetScope;
  /** Targets are `[path:]pattern` globs over stage names (`--glob`). */
  readonly glob?: boolean;
  /** Targets plus everything downstream of them (instead of upstream). */
  readonly downstream: boolean;
  /** Only the targets themselves (`-s`). */
  readonly single: boolean;
  /** Every stage of the pipelines (connected components) the targets belong to (`--pipeline`). */
  readonly wholePipeline?: boolean;
}

/**
 * The selected stages in a stable topological order (file order among independent stages), over DVC's active
 * graph: a frozen stage is cut from its upstream, so targeting a stage below it does not reach beyond it.
 */
export function selectStages(full: Graph, options: SelectOptions): Result<string[], Failure> {
  const targets = resolveTargets(full, options.targets, options.scope, options.glob === true);
  if (!targets.ok) return targets;
  const graph = activeGraph(full);
  let selected: Set<string>;
  if (targets.value.length === 0) selected = new Set(graph.byName.keys());
  else if (options.single) selected = new Set(targets.value);
  else if (options.wholePipeline === true) selected = closure(targets.value, undirected(graph));
  else selected = closure(targets.value, options.downstream ? graph.downstream : graph.upstream);
  return ok(topoOrder(graph, selected));
}

/** `start` plus every node reachable through `edges`. */
export function closure(start: readonly string[], edges: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [...start];
  while (stack.length > 0) {
    const n = stack.pop();
    if (n === undefined || seen.has(n)) continue;
    seen.add(n);
    stack.push(...(edges.get(n) ?? []));
  }
  return seen;
}

function undirected(graph: Graph): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const name of graph.byName.keys()) edges.set(name, [...(graph.upstream.get(name) ?? []), ...(graph.downstream.get(name) ?? [])]);
  return edges;
}

/** Post-order over upstream edges restricted to `selected`, visiting roots in file order. */
export function topoOrder(graph: Graph, selected: ReadonlySet<string>): string[] {
  const order: string[] = [];
  const done = new Set<string>();
  const visit = (name: string): void => {
    if (done.has(name)) return;
    done.add(name);
    for (const up of graph.upstream.get(name) ?? []) if (selected.has(up)) visit(up);
    order.push(name);
  };
  for (const s of graph.stages) if (selected.has(s.name)) visit(s.name);
  return order;
}
