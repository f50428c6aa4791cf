// `dag`: the stage graph with foreach/matrix items collapsed into one node per group (DVC #10614), as text,
// Mermaid or Graphviz DOT.
import type { Failure } from '../failure.js';
import type { Graph } from '../graph.js';
import type { Project } from '../project.js';
import { ok, type Result } from '../result.js';
import { selectStages, topoOrder } from '../run/plan.js';
import { scopeOf } from '../run/scope.js';

export type DagFormat = 'ascii' | 'mermaid' | 'dot';

interface Node {
  readonly id: string;
  readonly label: string;
  readonly upstream: string[];
}

/** Renders the graph in `format`. */
export function renderDag(graph: Graph, format: DagFormat): string {
  const nodes = collapse(graph);
  if (format === 'mermaid') {
    const lines = ['flowchart TD'];
    nodes.forEach((n, i) => lines.push(`  n${i}["${n.label.replaceAll('"', '#quot;')}"]`));
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    for (const [i, n] of nodes.entries()) for (const u of n.upstream) lines.push(`  n${index.get(u) ?? 0} --> n${i}`);
    return lines.join('\n') + '\n';
  }
  if (format === 'dot') {
    const lines = ['digraph pipeline {', '  rankdir=TB;', '  node [shape=box];'];
    for (const n of nodes) lines.push(`  ${JSON.stringify(n.id)} [label=${JSON.stringify(n.label)}];`);
    for (const n of nodes) for (const u of n.upstream) lines.push(`  ${JSON.stringify(u)} -> ${JSON.stringify(n.id)};`);
    lines.push('}');
    return lines.join('\n') + '\n';
  }
  return nodes.map((n) => (n.upstream.length === 0 ? n.label : `${n.label}  ← ${n.upstream.map((u) => labelOf(nodes, u)).join(', ')}`)).join('\n') + '\n';
}

function labelOf(nodes: readonly Node[], id: string): string {
  return nodes.find((n) => n.id === id)?.label ?? id;
}

/** One node per plain stage and per foreach/matrix group, in topological order. */
function collapse(graph: Graph): Node[] {
  const idOf = (name: string): string => graph.byName.get(name)?.group ?? name;
  const members = new Map<string, string[]>();
  const order: string[] = [];
  for (const name of topoOrder(graph, new Set(graph.byName.keys()))) {
    const id = idOf(name);
    if (!members.has(id)) {
      members.set(id, []);
      order.push(id);
    }
    members.get(id)?.push(name);
  }
  return order.map((id) => {
    const names = members.get(id) ?? [];
    const ups = new Set<string>();
    for (const n of names) for (const u of graph.upstream.get(n) ?? []) if (idOf(u) !== id) ups.add(idOf(u));
    return { id, label: groupLabel(id, names, graph), upstream: [...ups] };
  });
}

function groupLabel(id: string, names: readonly string[], graph: Graph): string {
  if (graph.byName.get(names[0] ?? '')?.group === undefined) return id;
  const keys = names.map((n) => n.slice(id.length + 1));
  return keys.length <= 4 ? `${id}@{${keys.join(', ')}}` : `${id}@{${keys.slice(0, 3).join(', ')}, …} (${keys.length} items)`;
}

/** The graph `dag` shows: every stage, or `target` with its upstream (`full`: its whole connected pipeline). */
export function dagOf(project: Project, target: string | undefined, full: boolean): Result<Graph, Failure> {
  if (target === undefined) return ok(project.graph);
  const selected = selectStages(project.graph, { targets: [target], scope: scopeOf(project), downstream: false, single: false, wholePipeline: full });
  if (!selected.ok) return selected;
  const keep = new Set(selected.value);
  const stages = project.graph.stages.filter((s) => keep.has(s.name));
  const only = (m: ReadonlyMap<string, readonly string[]>): Map<string, string[]> =>
    new Map(stages.map((s) => [s.name, (m.get(s.name) ?? []).filter((n) => keep.has(n))]));
  return ok({ stages, byName: new Map(stages.map((s) => [s.name, s])), upstream: only(project.graph.upstream), downstream: only(project.graph.downstream) });
}
