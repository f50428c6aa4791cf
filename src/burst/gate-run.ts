// Running the gate on a report file: shared by `pipe gate` and the study's gate stage.
import { existsSync, readFileSync } from 'node:fs';
import { BurstError } from './burst-error.js';
import { checkGate, parseGateRule } from './gate.js';

export interface GateRun {
  readonly passed: boolean;
  /** One line per rule: `PASS macro_f1 >= 0.6 (0.734)`. */
  readonly lines: string[];
  /** `passed: 2 rules` or `FAILED 1 of 2 rules: macro_f1 >= 0.9 (0.734)`. */
  readonly summary: string;
  readonly json: Record<string, unknown>;
}

/** Reads `reportPath` and checks `rules` against it; throws BurstError on a missing/bad report or a bad rule. */
export function runGate(reportPath: string, ruleTexts: readonly string[]): GateRun {
  const rules = ruleTexts.map(parseGateRule);
  if (!existsSync(reportPath)) throw new BurstError('bad-params', `${reportPath}: evaluation report not found`);
  let report: unknown;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch (error) {
    throw new BurstError('bad-params', `${reportPath}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof report !== 'object' || report === null || Array.isArray(report)) throw new BurstError('bad-params', `${reportPath}: expected a JSON object`);
  const outcomes = checkGate(report as Record<string, unknown>, rules, reportPath);
  const fmt = (x: number): string => (Math.abs(x) >= 1000 ? String(x) : x.toFixed(4));
  const lines = outcomes.map((o) => `${o.passed ? 'PASS' : 'FAIL'} ${o.rule.text} (${o.rule.metric} = ${fmt(o.value)})`);
  const failed = outcomes.filter((o) => !o.passed);
  const summary = failed.length === 0
    ? `passed: ${outcomes.length} rule${outcomes.length === 1 ? '' : 's'}`
    : `FAILED ${failed.length} of ${outcomes.length} rule${outcomes.length === 1 ? '' : 's'}: ${failed.map((o) => `${o.rule.text} (${o.rule.metric} = ${fmt(o.value)})`).join('; ')}`;
  return { passed: failed.length === 0, lines, summary, json: { report: reportPath, passed: failed.length === 0, rules: outcomes.map((o) => ({ rule: o.rule.text, value: o.value, passed: o.passed })) } };
}
