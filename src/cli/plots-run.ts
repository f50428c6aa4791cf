// Runs `pipe plots show|diff`: builds the specs for the revisions (workspace, git revisions, experiment names —
// gitShow falls back to refs/exps/<name>), writes index.html (atomically) and, unless
// --no-images, one SVG and PNG per plot through the report renderer.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Project } from '../engine/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { raise } from './engine-repro.js';
import { UserError } from './user-error.js';

export interface PlotsFlags {
  readonly out: string;
  readonly images: boolean;
  readonly json: boolean;
  readonly targets: readonly string[];
}

/** Writes the plots of `revs` as flags say. */
export async function runPlots(revs: readonly string[], flags: PlotsFlags): Promise<void> {
  const engine = await import('../engine/index.js');
  const plotsApi = await import('../engine/plots/index.js');
  const opened = await engine.openProject(process.cwd());
  if (!opened.ok) return raise(opened.error);
  const project = opened.value;
  const defs = plotsApi.plotDefs(project);
  if (!defs.ok) return raise(defs.error);
  const wanted = selectPlots(defs.value, flags.targets);
  if (wanted.length === 0) throw new UserError(flags.targets.length === 0 ? 'pipeline.yaml declares no plots' : `no plot matches ${flags.targets.join(', ')}`);
  const revisions = revs.map((name) =>
    name === 'workspace' ? plotsApi.workspaceRevision(project) : plotsApi.gitRevision(project, name),
  );
  const specs = plotsApi.plotSpecs(wanted, revisions);
  if (!specs.ok) return raise(specs.error);
  if (flags.json) return void process.stdout.write(JSON.stringify(specs.value, null, 2) + '\n');
  if (specs.value.length === 0) throw new UserError(`no plot data found in ${revs.join(', ')}`);
  const outDir = path.resolve(flags.out);
  mkdirSync(outDir, { recursive: true });
  const { plotsHtml } = await import('./plots-html.js');
  writeFileAtomic(path.join(outDir, 'index.html'), plotsHtml(specs.value, `pipe plots — ${revs.join(' vs ')}`));
  if (flags.images) {
    const { writeChart } = await import('../report/render-vega-lite.js');
    for (const plot of specs.value) await writeChart(plot.spec, path.join(outDir, slug(plot.id)));
  }
  process.stdout.write(`${specs.value.length} plots → ${path.relative(process.cwd(), path.join(outDir, 'index.html')) || 'index.html'}\n`);
}

/** Plots named by id among `targets`, else those reading a file among them; all without targets. */
function selectPlots<D extends { id: string; sources: readonly { file: string }[] }>(defs: readonly D[], targets: readonly string[]): readonly D[] {
  if (targets.length === 0) return defs;
  return targets.flatMap((t) => {
    const byId = defs.filter((d) => d.id === t);
    return byId.length > 0 ? byId : defs.filter((d) => d.sources.some((s) => s.file === t));
  });
}

/** A file name for a plot id (paths flattened, odd characters replaced). */
export function slug(id: string): string {
  return id.replace(/\.[a-z]+$/i, '').replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'plot';
}
