// `pipe plots`: plot definitions of pipeline.yaml and their Vega-Lite specs over revisions.
export { plotDefs, type PlotDef, type PlotSource } from './plot-defs.js';
export { parsePlotData, type Row } from './plot-data.js';
export { gitRevision, plotSpecs, workspaceRevision, type RenderedPlot, type Revision, type RevisionReader } from './plot-specs.js';
export { fillTemplate, TEMPLATE_NAMES, type TemplateName, type VegaLiteSpec } from './templates.js';
