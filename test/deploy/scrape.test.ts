// A real scrape: Debian's prometheus on 127.0.0.1 with the project's scrape config and alert rules (adapted to
// the test's ports, token file and a 1 s interval) scrapes a real `pipe serve` serving the tiny test bundle.
// Predictions go in over HTTP; the series, labels and values are read back through Prometheus' query API, the
// drift gauge must rise when drifted audio is served, and every PromQL expression of the Grafana dashboard must
// evaluate without error and with data.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { encodeWav } from '../../src/audio/wav-encode.js';
import { classFrequencyHz, toneClip, writeTinyBundle } from '../support/tiny-bundle.js';
import { Rng } from '../../src/ml/index.js';
import { findCommand, TestPrometheus, type Sample } from './prometheus-harness.js';

const ROOT = join(import.meta.dirname, '../..');
const PROMETHEUS_YML = join(ROOT, 'deploy/prometheus/prometheus.yml');
const ALERTS_YML = join(ROOT, 'deploy/prometheus/alerts.yml');
const DASHBOARD = join(ROOT, 'deploy/grafana/dashboards/pipe-serve.json');
const PREDICTOR = 'predictor-token-0123456789';
const VIEWER = 'viewer-token-for-prometheus-0123';

const prometheusBin = findCommand('prometheus');
if (prometheusBin === undefined) console.warn('test/deploy/scrape.test.ts: SKIPPED: prometheus not found (Debian package `prometheus`: .ci/setup.d/20-prometheus.sh)');

interface ScrapeConfig {
  global: Record<string, string>;
  rule_files: string[];
  scrape_configs: { job_name: string; metrics_path?: string; authorization?: { type: string; credentials_file: string }; static_configs: { targets: string[]; labels?: Record<string, string> }[] }[];
}

/** The project's prometheus.yml with the pipe-serve job pointed at `target`, the token and rules in `dir`, 1 s intervals. */
function testConfig(target: string, dir: string): ScrapeConfig {
  const config = parse(readFileSync(PROMETHEUS_YML, 'utf8')) as ScrapeConfig;
  const job = config.scrape_configs.find((j) => j.job_name === 'pipe-serve');
  if (job?.authorization === undefined || job.static_configs.length !== 1) throw new Error(`${PROMETHEUS_YML}: no pipe-serve job with a token and one static target`);
  writeFileSync(join(dir, 'viewer-token'), VIEWER);
  job.authorization.credentials_file = join(dir, 'viewer-token');
  job.static_configs[0]!.targets = [target];
  config.global = { ...config.global, scrape_interval: '1s', evaluation_interval: '1s' };
  config.rule_files = [ALERTS_YML];
  config.scrape_configs = [job]; // the self-scrape job points at the compose network's Prometheus
  return config;
}

/** `count` WAVs of `durationS` each: tones like the training data, or white noise (drifted). */
function wavs(kind: 'tones' | 'noise', count: number, durationS: number, seed: number): Uint8Array[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const samples = kind === 'tones' ? toneClip(classFrequencyHz(i % 5, rng), durationS, rng).samples : Float32Array.from({ length: Math.round(durationS * 16000) }, () => 0.3 * rng.normal());
    return encodeWav(samples, { sampleRateHz: 16000 });
  });
}

let tmp: string;
let serve: ChildProcess | undefined;
let serveUrl: URL;
let prometheus: TestPrometheus | undefined;

async function predict(files: Uint8Array[], names = files.map((_, i) => `clip${i}.wav`)): Promise<number> {
  const form = new FormData();
  files.forEach((bytes, i) => form.append('files', new Blob([bytes as Uint8Array<ArrayBuffer>]), names[i]!));
  const res = await fetch(new URL('/predict', serveUrl), { method: 'POST', body: form, headers: { authorization: `Bearer ${PREDICTOR}` } });
  await res.arrayBuffer();
  return res.status;
}

const one = (samples: Sample[]): number => {
  if (samples.length !== 1) throw new Error(`expected one sample, got ${JSON.stringify(samples)}`);
  return samples[0]!.value;
};

describe.skipIf(prometheusBin === undefined)('Prometheus scraping pipe serve', () => {
  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/src/serve/predict-worker.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT });
    tmp = mkdtempSync(join(tmpdir(), 'pipe-scrape-'));
    await writeTinyBundle(join(tmp, 'model'));
    writeFileSync(join(tmp, 'serve.yaml'), stringify({ tokens: [{ token: PREDICTOR, role: 'predictor' }, { token: VIEWER, role: 'viewer', name: 'prometheus' }], public: ['health'] }));
    const child = spawn(process.execPath, [join(ROOT, 'bin/pipe.js'), 'serve', '--model', join(tmp, 'model'), '--port', '0', '--workers', '1', '--log', 'off', '--config', join(tmp, 'serve.yaml')], { stdio: ['ignore', 'ignore', 'pipe'] });
    serve = child;
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('model loaded')) resolve();
      });
      child.on('exit', () => reject(new Error(`pipe serve exited: ${stderr}`)));
    });
    serveUrl = new URL(/listening on (\S+)/.exec(stderr)![1]!);
    writeFileSync(join(tmp, 'prometheus.yml'), stringify(testConfig(serveUrl.host, tmp)));
    prometheus = await TestPrometheus.start(prometheusBin!, join(tmp, 'prometheus.yml'), tmp);
  });
  afterAll(async () => {
    await prometheus?.stop();
    serve?.kill('SIGTERM');
    if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
  });

  it('scrapes the target with the viewer token and loads the alert rules', async () => {
    const up = await prometheus!.waitFor('up{job="pipe-serve"}', (s) => s.length === 1 && s[0]!.value === 1);
    expect(up[0]!.metric).toMatchObject({ job: 'pipe-serve', instance: serveUrl.host, service: 'pipe-serve' });
    const rules = await prometheus!.api<{ groups: { name: string; rules: { name: string; health: string }[] }[] }>('rules');
    const loaded = rules.groups.flatMap((g) => g.rules);
    expect(loaded.map((r) => r.name).sort()).toEqual(['PipeServeBadInputRate', 'PipeServeDataDrift', 'PipeServeDown', 'PipeServeHighErrorRate', 'PipeServeHighLatencyP99']);
    await prometheus!.waitFor('count(ALERTS)', () => true); // the API answers for ALERTS too
    const health = await prometheus!.api<{ activeTargets: { health: string; lastError: string }[] }>('targets');
    expect(health.activeTargets[0]).toMatchObject({ health: 'up', lastError: '' });
  });

  it('receives request, error, prediction, model and drift series with their labels and values', async () => {
    const p = prometheus!;
    // 8 requests of 30 training-like clips of 0.4 s (one feature vector each): 240 vectors, past the 30 the score needs.
    for (let r = 0; r < 8; r++) expect(await predict(wavs('tones', 30, 0.4, 100 + r))).toBe(200);
    expect(await predict([new TextEncoder().encode('not a wav at all')], ['notes.txt'])).toBe(415);
    const health = (await (await fetch(new URL('/health', serveUrl))).json()) as { model: { name: string; feature_set: string; version: string } };

    await p.waitFor('sum(vocalbaby_request_total{endpoint="/predict"})', (s) => s[0]?.value === 9);
    const requests = await p.query('vocalbaby_request_total{endpoint="/predict"}');
    expect(requests.map((s) => [s.metric.method, s.metric.status, s.value]).sort()).toEqual([['POST', '200', 8], ['POST', '415', 1]]);
    expect(requests[0]!.metric).toMatchObject({ job: 'pipe-serve', instance: serveUrl.host });
    expect(one(await p.query('vocalbaby_request_latency_seconds_count{endpoint="/predict", method="POST"}'))).toBe(9);
    expect(one(await p.query('vocalbaby_request_latency_seconds_bucket{endpoint="/predict", le="+Inf"}'))).toBe(9);
    expect(one(await p.query('vocalbaby_request_latency_seconds_sum{endpoint="/predict"}'))).toBeGreaterThan(0);
    expect(one(await p.query('vocalbaby_prediction_errors_total{error_type="not-wav"}'))).toBe(1);
    expect(one(await p.query('sum(vocalbaby_predictions_total)'))).toBe(240);
    expect(one(await p.query('vocalbaby_active_predictions'))).toBe(0);
    const info = await p.query('vocalbaby_model_info');
    expect(info).toHaveLength(1);
    expect(info[0]!.metric).toMatchObject({ feature_set: 'mfcc', model: health.model.name, version: health.model.version });
    expect(info[0]!.value).toBe(1);
    expect(one(await p.query('vocalbaby_drift_window_vectors'))).toBe(240);
    expect(one(await p.query('vocalbaby_process_resident_memory_bytes'))).toBeGreaterThan(10 * 2 ** 20);
  });

  it('shows the drift score rise when drifted audio is served, and the drift alert go pending', async () => {
    const p = prometheus!;
    const before = one(await p.waitFor('vocalbaby_drift_score{feature_set="mfcc"}', (s) => s.length === 1));
    expect(before).toBeLessThanOrEqual(0.3); // 240 training-like vectors: 1 of 6 features (0.17) with these seeds
    expect(await p.query('ALERTS{alertname="PipeServeDataDrift"}')).toEqual([]);
    // 120 vectors of white noise: a third of the window is now unlike anything in training.
    for (let r = 0; r < 4; r++) expect(await predict(wavs('noise', 6, 2, 200 + r))).toBe(200);
    await p.waitFor('vocalbaby_drift_window_vectors', (s) => s[0]?.value === 360);
    const after = one(await p.waitFor('vocalbaby_drift_score{feature_set="mfcc"}', (s) => s[0]!.value !== before));
    expect(after).toBeGreaterThan(0.3);
    expect(after).toBeGreaterThan(before);
    const alerts = await p.waitFor('ALERTS{alertname="PipeServeDataDrift"}', (s) => s.length === 1);
    expect(alerts[0]!.metric).toMatchObject({ alertstate: 'pending', feature_set: 'mfcc', severity: 'warning', instance: serveUrl.host }); // `for: 1h`
  });

  it('evaluates every panel expression of the Grafana dashboard without error, each with data', async () => {
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: { title: string; targets?: { expr: string }[] }[] };
    const exprs = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((t) => ({ panel: panel.title, expr: t.expr })));
    expect(exprs.length).toBeGreaterThanOrEqual(dashboard.panels.length);
    // Grafana's $__rate_interval is at least four scrape intervals (1 s here); 15 s also covers the requests above.
    for (const { panel, expr } of exprs) {
      const samples = await prometheus!.query(expr.replaceAll('$__rate_interval', '15s'));
      expect(samples.length, `${panel}: ${expr}`).toBeGreaterThan(0);
    }
  });
});

