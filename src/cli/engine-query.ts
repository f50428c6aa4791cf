// `pipe dag`, `pipe params diff`, `pipe metrics show|diff`, `pipe gc`: open the project, ask the engine,
// print a table (plain, Markdown or JSON).
import type { DiffRow, Project, Value } from '../engine/index.js';
import { printWarnings, raise } from './engine-repro.js';
import { renderTable } from './engine-table.js';

const out = (text: string): void => void process.stdout.write(text);

async function open(): Promise<{ engine: typeof import('../engine/index.js'); project: Project }> {
  const engine = await import('../engine/index.js');
  const project = await engine.openProject(process.cwd());
  if (!project.ok) return raise(project.error);
  printWarnings(project.value);
  return { engine, project: project.value };
}

/** Prints the stage graph: all of it, or `target` with its upstream (`full`: its whole pipeline), as DVC's dag. */
export async function runDag(format: 'ascii' | 'mermaid' | 'dot', target: string | undefined, full: boolean): Promise<void> {
  const { engine, project } = await open();
  const graph = engine.dagOf(project, target, full);
  if (!graph.ok) return raise(graph.error);
  out(engine.renderDag(graph.value, format));
}

interface TableFlags {
  readonly json?: boolean | undefined;
  readonly md?: boolean | undefined;
  readonly all?: boolean | undefined;
  /** Decimals metrics are rounded to in tables (DVC's --precision, default 5); JSON is never rounded. */
  readonly precision?: number | undefined;
}

/** Prints params that differ from the lock or a git revision. */
export async function runParamsDiff(rev: string | undefined, flags: TableFlags): Promise<void> {
  const { project } = await open();
  const query = await import('../engine/query/index.js');
  const rows = query.paramsDiff(project, rev, flags.all === true);
  if (!rows.ok) return raise(rows.error);
  printDiff(rows.value, flags, ['Path', 'Param', rev ?? 'Lock', 'Workspace'], false);
}

/** Prints the workspace metrics. */
export async function runMetricsShow(flags: TableFlags): Promise<void> {
  const { project } = await open();
  const query = await import('../engine/query/index.js');
  const shown = query.metricsShow(project);
  if (!shown.ok) return raise(shown.error);
  if (flags.json === true) return out(JSON.stringify(shown.value, null, 2) + '\n');
  const { formatMetric, DEFAULT_PRECISION } = await import('../engine/query/round.js');
  const precision = flags.precision ?? DEFAULT_PRECISION;
  const metric = (v: Value | undefined): string => (typeof v === 'number' ? formatMetric(v, precision) : text(v));
  const rows = Object.entries(shown.value).flatMap(([file, values]) => Object.entries(values).map(([k, v]) => [file, k, metric(v)]));
  if (rows.length === 0) return out('No metrics found\n');
  out(renderTable(['Path', 'Metric', 'Value'], rows, flags.md === true));
}

/** Prints metrics that differ from the lock's version or a git revision. */
export async function runMetricsDiff(rev: string | undefined, flags: TableFlags): Promise<void> {
  const { project } = await open();
  const query = await import('../engine/query/index.js');
  const rows = query.metricsDiff(project, rev, flags.all === true);
  if (!rows.ok) return raise(rows.error);
  const { formatMetric, DEFAULT_PRECISION } = await import('../engine/query/round.js');
  const precision = flags.precision ?? DEFAULT_PRECISION;
  printDiff(rows.value, flags, ['Path', 'Metric', rev ?? 'Lock', 'Workspace', 'Change'], true, (v) => formatMetric(v, precision));
}

function printDiff(rows: readonly DiffRow[], flags: TableFlags, header: string[], withChange: boolean, num?: (v: number) => string): void {
  if (flags.json === true) {
    const obj: Record<string, Record<string, { old: Value | null; new: Value | null; diff?: number }>> = {};
    for (const r of rows) {
      const cell: { old: Value | null; new: Value | null; diff?: number } = { old: r.old ?? null, new: r.new ?? null };
      if (r.change !== undefined) cell.diff = r.change;
      (obj[r.file] ??= {})[r.key] = cell;
    }
    return out(JSON.stringify(obj, null, 2) + '\n');
  }
  if (rows.length === 0) return out('No changes\n');
  const cell = (v: Value | undefined): string => (num !== undefined && typeof v === 'number' ? num(v) : text(v));
  const cells = rows.map((r) => {
    const base = [r.file, r.key, cell(r.old), cell(r.new)];
    const change = r.change === undefined ? '' : num !== undefined ? (r.change > 0 ? '+' : '') + num(r.change) : signed(r.change);
    return withChange ? [...base, change] : base;
  });
  out(renderTable(header, cells, flags.md === true));
}

/** Removes cache objects not referenced by the lock. */
export async function runGc(dry: boolean): Promise<void> {
  const { engine, project } = await open();
  const lock = engine.acquireProcessLock(project.pipeDir);
  if (!lock.ok) return raise(lock.error);
  let r: ReturnType<typeof engine.gc>;
  try {
    r = engine.gc(project.cache, project.lock, dry);
  } finally {
    lock.value();
  }
  const mb = (r.bytes / 1e6).toFixed(1);
  out(`${dry ? 'Would remove' : 'Removed'} ${r.objects} cache objects (${mb} MB) and ${r.runs} run-cache entries\n`);
}

function text(v: Value | undefined): string {
  if (v === undefined) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function signed(n: number): string {
  const rounded = Number(n.toPrecision(6));
  return rounded > 0 ? `+${rounded}` : String(rounded);
}
