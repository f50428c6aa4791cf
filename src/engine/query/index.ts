// Query API that parses params/metrics files (loads the YAML library): separate from index.ts so that
// repro/status start fast.
export { paramsDiff } from './params-diff.js';
export { metricsShow, metricsDiff } from './metrics.js';
export type { DiffRow } from './diff-rows.js';
