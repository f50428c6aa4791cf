// Gate rules against a report: parsing, per-class metrics, and failures named one by one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseGateRule } from './gate.js';
import { runGate } from './gate-run.js';

const dir = mkdtempSync(join(tmpdir(), 'burst-gate-'));
const report = join(dir, 'evaluation_report.json');
writeFileSync(report, JSON.stringify({ accuracy: 0.8, macro_f1: 0.72, ece: 0.12, per_class: { b: { recall: 0.9, f1: 0.8 }, h: { recall: 0.4, f1: 0.5 } } }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gate', () => {
  it('parses rules and rejects malformed ones with the rule quoted', () => {
    expect(parseGateRule(' macro_f1>=0.7 ')).toMatchObject({ metric: 'macro_f1', op: '>=', threshold: 0.7 });
    expect(parseGateRule('recall.h >= .5')).toMatchObject({ metric: 'recall.h', threshold: 0.5 });
    expect(() => parseGateRule('macro_f1 => 0.7')).toThrow(/gate rule 'macro_f1 => 0.7': expected/);
  });

  it('passes when every rule holds and names each failed rule otherwise', () => {
    expect(runGate(report, ['macro_f1 >= 0.7', 'ece <= 0.15', 'recall.b >= 0.5']).passed).toBe(true);
    const failed = runGate(report, ['macro_f1 >= 0.9', 'ece <= 0.15', 'recall.h >= 0.5']);
    expect(failed.passed).toBe(false);
    expect(failed.summary).toBe('FAILED 2 of 3 rules: macro_f1 >= 0.9 (macro_f1 = 0.7200); recall.h >= 0.5 (recall.h = 0.4000)');
  });

  it('names a metric the report lacks and a missing report', () => {
    expect(() => runGate(report, ['auc >= 0.5'])).toThrow(/has no metric 'auc'/);
    expect(() => runGate(join(dir, 'none.json'), ['macro_f1 >= 0.5'])).toThrow(/none.json: evaluation report not found/);
  });
});
