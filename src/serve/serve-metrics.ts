// Prometheus metrics of the server, named as in the study (vocalbaby_*), on a registry of its own.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { LoadedModel } from './loaded-model.js';

export interface ServeMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'method' | 'endpoint' | 'status'>;
  readonly latency: Histogram<'method' | 'endpoint'>;
  readonly predictionErrors: Counter<'error_type'>;
  readonly activePredictions: Gauge;
  readonly predictedLabels: Counter<'label'>;
  /** Model loads started by /admin/reload (concurrent reloads share one). */
  readonly modelReloads: Counter;
}

/** Creates the metrics; model info and the drift gauges read the model being served when scraped. */
export function createServeMetrics(current: () => LoadedModel | undefined): ServeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'vocalbaby_' });
  const requests = new Counter({
    name: 'vocalbaby_request_total',
    help: 'HTTP requests by method, endpoint and status code',
    labelNames: ['method', 'endpoint', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'vocalbaby_request_latency_seconds',
    help: 'HTTP request latency in seconds',
    labelNames: ['method', 'endpoint'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const predictionErrors = new Counter({
    name: 'vocalbaby_prediction_errors_total',
    help: 'Files or requests that gave no prediction, by error type',
    labelNames: ['error_type'] as const,
    registers: [registry],
  });
  const activePredictions = new Gauge({ name: 'vocalbaby_active_predictions', help: 'Prediction requests in progress', registers: [registry] });
  const predictedLabels = new Counter({
    name: 'vocalbaby_predictions_total',
    help: 'Files predicted, by predicted label',
    labelNames: ['label'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'vocalbaby_model_info',
    help: 'The loaded model (value 1)',
    labelNames: ['feature_set', 'version', 'model'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const m = current();
      if (m !== undefined) this.set({ feature_set: m.bundle.featureSet, version: m.version, model: m.name }, 1);
    },
  });
  new Gauge({
    name: 'vocalbaby_drift_score',
    help: 'Share of features whose served distribution drifted from training (Wasserstein > 0.1 on standardised values)',
    labelNames: ['feature_set'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const m = current();
      const score = m?.drift.score();
      if (m !== undefined && score !== undefined) this.set({ feature_set: m.bundle.featureSet }, score);
    },
  });
  new Gauge({
    name: 'vocalbaby_drift_window_vectors',
    help: 'Served feature vectors in the drift window',
    registers: [registry],
    collect() {
      this.set(current()?.drift.size ?? 0);
    },
  });
  const modelReloads = new Counter({ name: 'vocalbaby_model_reloads_total', help: 'Model loads started by /admin/reload (concurrent calls share one)', registers: [registry] });
  return { registry, requests, latency, predictionErrors, activePredictions, predictedLabels, modelReloads };
}
