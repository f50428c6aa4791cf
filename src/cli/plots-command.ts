// `pipe plots show|diff`: the plots of pipeline.yaml as one self-contained HTML page plus SVG/PNG files.
import type { Command } from 'commander';

import type { PlotsFlags } from './plots-run.js';

/** Adds `pipe plots show` and `pipe plots diff` to `program`. */
export function registerPlotsCommands(program: Command): void {
  const plots = program.command('plots').description('Draw the plots declared in pipeline.yaml (DVC templates, Vega-Lite)');
  const common = (cmd: Command): Command =>
    cmd
      .option('-o, --out <dir>', 'folder for index.html and the SVG/PNG files', 'pipe_plots')
      .option('--no-images', 'write only index.html, no SVG/PNG')
      .option('--json', 'print the Vega-Lite specs as JSON instead of writing files');
  common(plots.command('show').description('Plots of the workspace').argument('[targets...]', 'plot ids or files (default: all)')).action(
    async (targets: string[], opts: Record<string, unknown>) => {
      const { runPlots } = await import('./plots-run.js');
      await runPlots(['workspace'], flags(opts, targets));
    },
  );
  common(
    plots
      .command('diff')
      .description('Plots of several revisions overlaid (default: workspace and HEAD)')
      .argument('[revs...]', "git revisions, experiment names, or 'workspace'")
      .option('--targets <names...>', 'plot ids or files (default: all)'),
  ).action(async (revs: string[], opts: Record<string, unknown>) => {
    const { runPlots } = await import('./plots-run.js');
    const targets = Array.isArray(opts['targets']) ? opts['targets'].map(String) : [];
    await runPlots(revs.length === 0 ? ['workspace', 'HEAD'] : revs, flags(opts, targets));
  });
}

function flags(opts: Record<string, unknown>, targets: readonly string[]): PlotsFlags {
  return { out: String(opts['out'] ?? 'pipe_plots'), images: opts['images'] !== false, json: opts['json'] === true, targets };
}
