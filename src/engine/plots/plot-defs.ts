// Plot definitions of pipeline.yaml in DVC's two forms: a stage's `plots:` output with x/y/template props, and
// top-level `plots:` entries (a path, `{path: props}`, or `{id: {x, y: {file: [cols]}, template, …}}`).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Failure } from '../failure.js';
import { absPath } from '../paths.js';
import type { Project } from '../project.js';
import { fail, ok, type Result } from '../result.js';

/** One y column of one file. */
export interface PlotSource {
  readonly file: string;
  readonly y: string | undefined;
  /** x column for this file (undefined: the row index, DVC's `step`). */
  readonly x: string | undefined;
}

/** A plot to draw: its sources and DVC's display props. */
export interface PlotDef {
  readonly id: string;
  readonly sources: readonly PlotSource[];
  readonly template: string;
  readonly title: string | undefined;
  readonly xLabel: string | undefined;
  readonly yLabel: string | undefined;
}

type Props = Record<string, unknown>;

/** Every plot declared in the project's pipeline.yaml, stage plots first, in file order. */
export function plotDefs(project: Project): Result<PlotDef[], Failure> {
  const file = project.pipeline.file;
  let raw: unknown;
  try {
    raw = parse(readFileSync(absPath(project.root, file), 'utf8'));
  } catch (error) {
    return fail({ reason: 'bad-config', file, message: String(error) });
  }
  const doc = isObj(raw) ? raw : {};
  const defs: PlotDef[] = [];
  const stageProps = rawStagePlotProps(doc['stages']);
  for (const stage of project.graph.stages) {
    for (const out of stage.outs) {
      if (out.kind !== 'plot') continue;
      const props = stageProps.find((p) => p.pattern.test(out.path))?.props ?? {};
      defs.push(fromProps(out.path, [out.path], props));
    }
  }
  const top = doc['plots'];
  if (top !== undefined && top !== null) {
    if (!Array.isArray(top)) return fail({ reason: 'bad-config', file, message: 'plots: expected a list' });
    for (const entry of top) {
      const def = topLevelDef(entry);
      if (!def.ok) return fail({ reason: 'bad-config', file, message: `plots: ${def.error}` });
      defs.push(def.value);
    }
  }
  return ok(defs);
}

/** A top-level entry: `path`, `{path: props}` or `{id: {y: {file: cols}, …}}`. */
function topLevelDef(entry: unknown): Result<PlotDef, string> {
  if (typeof entry === 'string') return ok(fromProps(entry, [entry], {}));
  if (!isObj(entry) || Object.keys(entry).length !== 1) return fail('expected a path or a one-key mapping {id: props}');
  const [id, value] = Object.entries(entry)[0]!;
  const props = value === null ? {} : value;
  if (!isObj(props)) return fail(`${id}: expected a mapping of plot props`);
  const y = props['y'];
  if (!isObj(y)) return ok(fromProps(id, [id], props));
  const xByFile = isObj(props['x']) ? props['x'] : {};
  const sources: PlotSource[] = [];
  for (const [f, cols] of Object.entries(y)) {
    const list = Array.isArray(cols) ? cols : [cols];
    const x = typeof props['x'] === 'string' ? props['x'] : xByFile[f];
    for (const col of list) {
      if (typeof col !== 'string') return fail(`${id}: y of ${f}: expected a column name or a list of names`);
      sources.push({ file: f, y: col, x: typeof x === 'string' ? x : undefined });
    }
  }
  if (sources.length === 0) return fail(`${id}: y names no file`);
  return ok(def(id, sources, props));
}

function fromProps(id: string, files: readonly string[], props: Props): PlotDef {
  const ys = Array.isArray(props['y']) ? props['y'].filter((c): c is string => typeof c === 'string') : [str(props['y'])];
  const x = str(props['x']);
  return def(id, files.flatMap((f) => ys.map((y) => ({ file: f, y, x }))), props);
}

function def(id: string, sources: PlotSource[], props: Props): PlotDef {
  return {
    id,
    sources,
    template: str(props['template']) ?? 'linear',
    title: str(props['title']),
    xLabel: str(props['x_label']),
    yLabel: str(props['y_label']),
  };
}

/** Stage plot entries with props, as a regex over resolved paths (`${…}` matches anything). */
function rawStagePlotProps(stages: unknown): { pattern: RegExp; props: Props }[] {
  const found: { pattern: RegExp; props: Props }[] = [];
  if (!isObj(stages)) return found;
  for (const raw of Object.values(stages)) {
    const stage = isObj(raw) && isObj(raw['do']) ? raw['do'] : raw;
    const plots = isObj(stage) ? stage['plots'] : undefined;
    if (!Array.isArray(plots)) continue;
    for (const entry of plots) {
      if (!isObj(entry)) continue;
      for (const [p, props] of Object.entries(entry)) if (isObj(props)) found.push({ pattern: templatePattern(p), props });
    }
  }
  return found;
}

function templatePattern(p: string): RegExp {
  const parts = p.split(/\$\{[^}]*\}/).map((s) => s.replace(/^\.\//, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`);
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
