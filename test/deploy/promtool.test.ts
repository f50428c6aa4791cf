// The alerting rules (deploy/prometheus/alerts.yml): `promtool check rules`, and `promtool test rules` on the unit
// tests in alerts.test.yml, with Debian's promtool (.ci/setup.d/20-prometheus.sh installs it).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findCommand } from './prometheus-harness.js';

const DIR = join(import.meta.dirname, '../../deploy/prometheus');
const RULES = join(DIR, 'alerts.yml');
const RULE_TESTS = join(DIR, 'alerts.test.yml');
const promtool = findCommand('promtool');
if (promtool === undefined) console.warn('test/deploy/promtool.test.ts: SKIPPED: promtool not found (Debian package `prometheus`: .ci/setup.d/20-prometheus.sh)');

const tmp = mkdtempSync(join(tmpdir(), 'pipe-promtool-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(promtool!, args, { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

interface RuleFile {
  groups: { rules: { alert?: string; expr: string; for?: string }[] }[];
}
interface RuleTests {
  tests: { name: string; alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }[];
}

describe.skipIf(promtool === undefined)('alerting rules (promtool)', () => {
  const rules = parse(readFileSync(RULES, 'utf8')) as RuleFile;
  const alerts = rules.groups.flatMap((g) => g.rules).map((r) => r.alert);

  it('are valid rules: promtool check rules', () => {
    const { status, out } = run('check', 'rules', RULES);
    expect(out).toContain(`SUCCESS: ${alerts.length} rules found`);
    expect(status).toBe(0);
  });

  it('cover error rate, p99 latency, drift and target down, each with a unit test that fires it and one that does not', () => {
    expect(alerts).toEqual(expect.arrayContaining(['PipeServeDown', 'PipeServeHighErrorRate', 'PipeServeHighLatencyP99', 'PipeServeDataDrift']));
    const cases = (parse(readFileSync(RULE_TESTS, 'utf8')) as RuleTests).tests.flatMap((t) => t.alert_rule_test);
    for (const alert of alerts) {
      expect(cases.some((c) => c.alertname === alert && c.exp_alerts.length > 0), `${alert} fires in a test`).toBe(true);
      expect(cases.some((c) => c.alertname === alert && c.exp_alerts.length === 0), `${alert} stays quiet in a test`).toBe(true);
    }
  });

  it('pass their unit tests: promtool test rules', () => {
    const { status, out } = run('test', 'rules', RULE_TESTS);
    expect(out).toContain('SUCCESS');
    expect(status).toBe(0);
  });

  it('unit tests that catch a changed threshold (drift 0.3 → 0.5 no longer fires at a score of 0.45)', () => {
    writeFileSync(join(tmp, 'alerts.yml'), readFileSync(RULES, 'utf8').replace('vocalbaby_drift_score > 0.3', 'vocalbaby_drift_score > 0.5'));
    copyFileSync(RULE_TESTS, join(tmp, 'alerts.test.yml'));
    const { status, out } = run('test', 'rules', join(tmp, 'alerts.test.yml'));
    expect(status).not.toBe(0);
    expect(out).toContain('PipeServeDataDrift');
  });
});
