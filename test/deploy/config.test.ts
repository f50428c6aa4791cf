// The deployment files agree with each other and with the server: compose services, mounts, secrets and ports;
// the scrape target and token; the Grafana datasource and dashboard; every series the dashboard and the alerts
// name is one `pipe serve` exports; the Dockerfile's stages, user, health check and entry point.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createServeMetrics } from '../../src/serve/serve-metrics.js';

const ROOT = join(import.meta.dirname, '../..');
const DEPLOY = join(ROOT, 'deploy');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

interface Service {
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  image?: string;
  command?: string[];
  volumes?: (string | { type: string; source: string; target: string; read_only?: boolean })[];
  secrets?: string[];
  ports?: string[];
  stop_grace_period?: string;
}
interface Compose {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
  secrets: Record<string, { file: string }>;
}
interface Dashboard {
  uid: string;
  panels: { title: string; datasource: { uid: string }; targets: { expr: string; datasource: { uid: string } }[] }[];
}

const compose = parse(read('deploy/compose.yaml')) as Compose;
const prometheusYml = parse(read('deploy/prometheus/prometheus.yml')) as {
  rule_files: string[];
  scrape_configs: { job_name: string; metrics_path: string; authorization?: { credentials_file: string }; static_configs: { targets: string[] }[] }[];
};
const dashboard = JSON.parse(read('deploy/grafana/dashboards/pipe-serve.json')) as Dashboard;
const datasources = parse(read('deploy/grafana/provisioning/datasources/prometheus.yml')) as { datasources: { uid: string; url: string; type: string }[] };

/** `source:target[:ro]` volume strings as objects. */
function mounts(service: Service): { source: string; target: string; readOnly: boolean }[] {
  return (service.volumes ?? []).map((v) => {
    if (typeof v !== 'string') return { source: v.source, target: v.target, readOnly: v.read_only === true };
    const [source, target, mode] = v.split(':');
    return { source: source!, target: target!, readOnly: mode === 'ro' };
  });
}

/** The series names a PromQL expression reads (vocalbaby_*), with histogram suffixes removed. */
function seriesOf(expr: string): string[] {
  return [...expr.matchAll(/\bvocalbaby_\w+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, ''));
}

describe('deploy/compose.yaml', () => {
  it('runs the server from the Dockerfile with the model read-only, beside Prometheus and Grafana with named volumes', () => {
    const { serve, prometheus, grafana } = compose.services;
    expect(serve?.build).toMatchObject({ context: '..', dockerfile: 'Dockerfile' });
    expect(existsSync(join(DEPLOY, serve!.build!.context, serve!.build!.dockerfile))).toBe(true);
    expect(mounts(serve!)).toContainEqual(expect.objectContaining({ target: '/model', readOnly: true }));
    expect(serve?.command?.slice(0, 3)).toEqual(['serve', '--model', '/model']);
    expect(Number.parseInt(serve!.stop_grace_period!, 10)).toBeGreaterThan(31); // the drain: prediction timeout 30 s + 1 s
    for (const [name, service] of Object.entries(compose.services)) {
      for (const m of mounts(service)) {
        if (m.source.startsWith('./')) expect(existsSync(join(DEPLOY, m.source)), `${name}: ${m.source}`).toBe(true);
        else if (!m.source.startsWith('$') && !m.source.startsWith('.')) expect(Object.keys(compose.volumes), `${name}: volume ${m.source}`).toContain(m.source);
        if (m.source.startsWith('./') || m.source.startsWith('$')) expect(m.readOnly, `${name}: ${m.source} read-only`).toBe(true);
      }
      for (const secret of service.secrets ?? []) expect(Object.keys(compose.secrets)).toContain(secret);
    }
    expect(mounts(prometheus!).map((m) => m.source)).toContain('prometheus-data');
    expect(mounts(grafana!).map((m) => m.source)).toContain('grafana-data');
  });

  it('points Prometheus at the serve service with the token secret and mounts the rule file it loads', () => {
    const job = prometheusYml.scrape_configs.find((j) => j.job_name === 'pipe-serve')!;
    const port = compose.services.serve!.command![compose.services.serve!.command!.indexOf('--port') + 1];
    expect(job.static_configs[0]!.targets).toEqual([`serve:${port}`]);
    expect(job.metrics_path).toBe('/metrics');
    expect(job.authorization?.credentials_file).toBe('/run/secrets/prometheus_token');
    expect(compose.services.prometheus!.secrets).toContain('prometheus_token');
    const promMounts = mounts(compose.services.prometheus!);
    for (const file of prometheusYml.rule_files) expect(promMounts.find((m) => m.target === file)?.source).toBe('./prometheus/alerts.yml');
    expect(compose.services.serve!.command).toEqual(expect.arrayContaining(['--config', '/run/secrets/serve_config']));
  });

  it('provisions Grafana with the datasource the dashboard refers to', () => {
    const [ds] = datasources.datasources;
    expect(ds).toMatchObject({ type: 'prometheus', url: 'http://prometheus:9090' });
    for (const panel of dashboard.panels) {
      expect(panel.datasource.uid, panel.title).toBe(ds!.uid);
      for (const t of panel.targets) expect(t.datasource.uid).toBe(ds!.uid);
    }
    const targets = mounts(compose.services.grafana!).map((m) => m.target);
    expect(targets).toEqual(expect.arrayContaining(['/etc/grafana/provisioning', '/var/lib/grafana/dashboards']));
  });
});

describe('dashboard and alerts', () => {
  const exported = new Set(createServeMetrics(() => undefined).registry.getMetricsAsArray().map((m) => m.name));
  const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => ({ where: `dashboard panel '${p.title}'`, expr: t.expr })));
  const rules = (parse(read('deploy/prometheus/alerts.yml')) as { groups: { rules: { alert: string; expr: string }[] }[] }).groups.flatMap((g) => g.rules);

  it('name only series that pipe serve exports', () => {
    expect(exported.has('vocalbaby_drift_score')).toBe(true);
    for (const { where, expr } of [...exprs, ...rules.map((r) => ({ where: `alert ${r.alert}`, expr: r.expr }))]) {
      for (const series of seriesOf(expr)) expect(exported.has(series), `${where}: ${series}`).toBe(true);
    }
  });

  it('has the panels the issue asks for', () => {
    const all = exprs.map((e) => e.expr).join('\n');
    expect(all).toContain('sum by (endpoint, status) (rate(vocalbaby_request_total');
    for (const q of ['0.5', '0.95', '0.99']) expect(all).toContain(`histogram_quantile(${q}, sum by (le) (rate(vocalbaby_request_latency_seconds_bucket`);
    expect(all).toContain('sum by (error_type) (rate(vocalbaby_prediction_errors_total');
    expect(all).toContain('vocalbaby_active_predictions');
    expect(all).toContain('max by (feature_set) (vocalbaby_drift_score)');
    expect(all).toContain('vocalbaby_model_info');
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const lines = dockerfile.split('\n').filter((l) => !l.startsWith('#'));
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runStage = stages.at(-1)!;

  it('builds in one stage and runs in a slim one as a non-root user, with a health check and graceful stop', () => {
    expect(stages).toHaveLength(2);
    expect(dockerfile).toMatch(/^ARG NODE_RUN_IMAGE=\S*node:20[\w.-]*-slim$/m);
    expect(stages[0]).toMatch(/npm ci/);
    expect(stages[0]).toMatch(/npm prune --omit=dev/);
    expect(runStage).not.toMatch(/^RUN /m); // nothing installed or downloaded in the run stage
    const user = /^USER (\S+)$/m.exec(runStage)?.[1];
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(runStage).toMatch(/^HEALTHCHECK .*\n?.*\/health/m);
    expect(runStage).toMatch(/^STOPSIGNAL SIGTERM$/m);
    expect(runStage).toContain('ENTRYPOINT ["node", "/app/bin/pipe.js"]');
    expect(lines.join('\n')).toMatch(/CMD \["serve", "--model", "\/model"/);
  });

  it('copies only what it needs (the .dockerignore excludes everything else)', () => {
    const ignore = read('.dockerignore').split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(ignore[0]).toBe('*');
    const allowed = ignore.filter((l) => l.startsWith('!')).map((l) => l.slice(1).replace(/\/$/, ''));
    for (const m of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const source of m[1]!.split(/\s+/)) expect(allowed, `COPY ${source}`).toContain(source);
    }
    expect(allowed).not.toEqual(expect.arrayContaining(['node_modules', 'dist', 'results']));
  });
});
