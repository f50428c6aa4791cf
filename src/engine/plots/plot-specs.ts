// Plot specs for a set of revisions: reads each definition's files as they are in the workspace or at a git
// revision (or from a caller-supplied reader, e.g. an experiment), merges the rows with a `rev` field and fills
// the definition's template.
import { existsSync, readFileSync } from 'node:fs';
import type { Failure } from '../failure.js';
import { absPath } from '../paths.js';
import type { Project } from '../project.js';
import { gitShow } from '../query/git.js';
import { cachedOutputAt } from './cached-at-rev.js';
import { fail, ok, type Result } from '../result.js';
import { parsePlotData, type Row } from './plot-data.js';
import type { PlotDef } from './plot-defs.js';
import { fillTemplate, isTemplateName, TEMPLATE_NAMES, type VegaLiteSpec } from './templates.js';

/** Reads root-relative `file` as it is in one revision; undefined when absent there. */
export type RevisionReader = (file: string) => Result<string | undefined, Failure>;

export interface Revision {
  readonly name: string;
  readonly read: RevisionReader;
}

export interface RenderedPlot {
  readonly id: string;
  readonly spec: VegaLiteSpec;
}

/** The workspace as a revision. */
export function workspaceRevision(project: Project): Revision {
  return {
    name: 'workspace',
    read: (file) => {
      const abs = absPath(project.root, file);
      return ok(existsSync(abs) ? readFileSync(abs, 'utf8') : undefined);
    },
  };
}

/** A git revision (commit, branch, tag) as a revision; cached outputs come from the cache by that revision's lock. */
export function gitRevision(project: Project, rev: string): Revision {
  return {
    name: rev,
    read: (file) => {
      const shown = gitShow(project.root, rev, file);
      if (!shown.ok || shown.value !== undefined) return shown;
      return ok(cachedOutputAt(project, rev, file));
    },
  };
}

/** One Vega-Lite spec per definition that has data in at least one revision. */
export function plotSpecs(defs: readonly PlotDef[], revisions: readonly Revision[]): Result<RenderedPlot[], Failure> {
  const plots: RenderedPlot[] = [];
  for (const def of defs) {
    if (!isTemplateName(def.template)) {
      return fail({ reason: 'bad-config', file: def.id, message: `unknown template '${def.template}' (one of ${TEMPLATE_NAMES.join(', ')})` });
    }
    const rows = mergedRows(def, revisions);
    if (!rows.ok) return rows;
    if (rows.value.rows.length === 0) continue;
    const { x, y } = rows.value;
    plots.push({
      id: def.id,
      spec: fillTemplate(def.template, {
        rows: rows.value.rows,
        x,
        y,
        series: 'series',
        title: def.title ?? def.id,
        xLabel: def.xLabel ?? x,
        yLabel: def.yLabel ?? y,
      }),
    });
  }
  return ok(plots);
}

interface Merged {
  readonly rows: Row[];
  readonly x: string;
  readonly y: string;
}

/** Rows of every (revision, source), each tagged with `rev` and `series`; x/y unified across sources. */
function mergedRows(def: PlotDef, revisions: readonly Revision[]): Result<Merged, Failure> {
  const xNames = new Set(def.sources.map((s) => s.x ?? 'step'));
  const x = xNames.size === 1 ? [...xNames][0]! : 'x';
  const rows: Row[] = [];
  let y = def.sources[0]?.y;
  const yNames = new Set(def.sources.map((s) => s.y));
  for (const rev of revisions) {
    for (const source of def.sources) {
      const text = rev.read(source.file);
      if (!text.ok) return text;
      if (text.value === undefined) continue;
      const parsed = parsePlotData(source.file, text.value);
      if (!parsed.ok) return fail({ reason: 'bad-config', file: source.file, message: parsed.error });
      const sy = source.y ?? y ?? lastColumn(parsed.value);
      if (sy === undefined) continue;
      y ??= sy;
      const label = def.sources.length > 1 ? `${source.file}::${sy}` : undefined;
      const series = [revisions.length > 1 || label === undefined ? rev.name : undefined, label].filter(Boolean).join(' :: ');
      parsed.value.forEach((r, i) => {
        const row: Row = { ...r, rev: rev.name, series };
        row[x] = source.x === undefined ? i : (r[source.x] ?? null);
        if (yNames.size > 1) row['value'] = r[sy] ?? null;
        rows.push(row);
      });
    }
  }
  return ok({ rows, x, y: yNames.size > 1 ? 'value' : (y ?? 'value') });
}

/** DVC's default y: the last column of the first row. */
function lastColumn(rows: readonly Row[]): string | undefined {
  const keys = Object.keys(rows[0] ?? {});
  return keys[keys.length - 1];
}
