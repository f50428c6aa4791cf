// Distribution drift between a reference and current data (used by validate and by the server's monitor).
export * from './wasserstein.js';
export * from './drift-report.js';
