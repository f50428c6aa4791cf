// Planning is pure: which stages a repro considers, in an order where every stage follows its upstream.
import { didYouMean } from '../config/did-you-mean.js';
import type { Failure } from '../failure.js';
import type { Graph } from '../graph.js';
import { fail, ok, type Result } from '../result.js';

export interface SelectOptions {
  /** Stage names, foreach group names or `pipeline.yaml:name`; empty = the whole pipeline. */
  readonly targets: readonly string[];
  /** Targets plus everything downstream of them (instead of upstream). */
  readonly downstream: boolean;
  /** Only the targets themselves (`-s`). */
  readonly single: boolean;
  /** Every stage of the pipelines (connected components) the targets belong to (`--pipeline`). */
  readonly wholePipeline?: boolean;
}

/** Resolves targets to stage names (a group name selects all its items). */
export function resolveTargets(graph: Graph, targets: readonly string[]): Result<string[], Failure> {
  const names: string[] = [];
  for (const raw of targets) {
    if (/(^|\/)(pipeline|dvc)\.yaml$/.test(raw)) {
      names.push(...graph.byName.keys()); // the pipeline file itself: every stage, as in DVC
      continue;
    }
    const target = raw.includes(':') ? raw.slice(raw.lastIndexOf(':') + 1) : raw;
    const matches = graph.byName.has(target) ? [target] : graph.stages.filter((s) => s.group === target).map((s) => s.name);
    if (matches.length === 0) {
      const candidates = [...graph.byName.keys(), ...new Set(graph.stages.flatMap((s) => (s.group === undefined ? [] : [s.group])))];
      return fail({ reason: 'unknown-target', target: raw, suggestion: didYouMean(target, candidates) });
    }
    names.push(...matches);
  }
  return ok(names);
}

/** The selected stages in a stable topological order (file order among independent stages). */
export function selectStages(graph: Graph, options: SelectOptions): Result<string[], Failure> {
  const targets = resolveTargets(graph, options.targets);
  if (!targets.ok) return targets;
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
