// The quality gate (specs/burst-study.md): rules like `macro_f1 >= 0.7`, `ece <= 0.1` or per-class minimums
// `recall.h >= 0.5` checked against an evaluation report; every failed rule is named and the gate fails (the
// original always exited 0, so a failing model passed CI).
import { BurstError } from './burst-error.js';

export interface GateRule {
  readonly text: string;
  /** `macro_f1`, `ece`, … or `<metric>.<class>` (f1.h, recall.b, precision.mb, support.h, pr_auc.b). */
  readonly metric: string;
  readonly op: '>=' | '>' | '<=' | '<' | '==';
  readonly threshold: number;
}

export interface GateOutcome {
  readonly rule: GateRule;
  readonly value: number;
  readonly passed: boolean;
}

const RULE = /^\s*([A-Za-z_][\w]*(?:\.[\w-]+)?)\s*(>=|<=|==|>|<)\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*$/;

/** Parses `metric op number`; throws BurstError quoting the rule when it is not one. */
export function parseGateRule(text: string): GateRule {
  const m = RULE.exec(text);
  if (m === null) throw new BurstError('bad-params', `gate rule '${text}': expected 'metric >= number' (ops >=, >, <=, <, ==), e.g. 'macro_f1 >= 0.7' or 'recall.h >= 0.5'`);
  return { text: text.trim(), metric: m[1]!, op: m[2] as GateRule['op'], threshold: Number(m[3]) };
}

/** The value of a metric in a report: a top-level number, or `<metric>.<class>` in `per_class`. */
export function reportMetric(report: Record<string, unknown>, metric: string): number | undefined {
  const top = report[metric];
  if (typeof top === 'number') return top;
  const [name, cls] = metric.split('.') as [string, string | undefined];
  if (cls === undefined) return undefined;
  const perClass = report['per_class'];
  if (typeof perClass !== 'object' || perClass === null) return undefined;
  const entry = (perClass as Record<string, unknown>)[cls];
  if (typeof entry !== 'object' || entry === null) return undefined;
  const value = (entry as Record<string, unknown>)[name];
  return typeof value === 'number' ? value : undefined;
}

const compare = (value: number, op: GateRule['op'], threshold: number): boolean =>
  op === '>=' ? value >= threshold : op === '>' ? value > threshold : op === '<=' ? value <= threshold : op === '<' ? value < threshold : value === threshold;

/** Checks every rule; a metric the report lacks is an error naming it and the report's metrics. */
export function checkGate(report: Record<string, unknown>, rules: readonly GateRule[], reportPath: string): GateOutcome[] {
  if (rules.length === 0) throw new BurstError('bad-params', 'gate: no rules given');
  return rules.map((rule) => {
    const value = reportMetric(report, rule.metric);
    if (value === undefined) {
      const known = Object.entries(report).filter(([, v]) => typeof v === 'number').map(([k]) => k);
      throw new BurstError('bad-params', `gate rule '${rule.text}': ${reportPath} has no metric '${rule.metric}' (known: ${known.join(', ')}, and <precision|recall|f1|support|pr_auc>.<class>)`);
    }
    return { rule, value, passed: compare(value, rule.op, rule.threshold) };
  });
}
