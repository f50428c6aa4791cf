// Runs `pipe repro …` and `pipe status …` without loading commander when their command line is plain: known
// long or single short flags (`-j 4`, `--jobs 4`, `--jobs=4`), values that parse, and targets. Anything else —
// help, an unknown or bundled flag (`-fk`), `--`, a bad value — is left to commander (quick parse → undefined),
// which then prints its usual help or error. quick-dispatch.test.ts holds both parsers to the same result.
import { flagNames, REPRO, STATUS, type CommandSpec, type ParsedOptions } from './engine-specs.js';

const QUICK: readonly CommandSpec[] = [REPRO, STATUS];

export interface QuickParse {
  readonly spec: CommandSpec;
  readonly targets: string[];
  readonly opts: ParsedOptions;
  /** Attributes given on the command line. */
  readonly given: ReadonlySet<string>;
}

/** The command `argv` (node, script, command, …) runs, parsed as commander would; undefined when not plain. */
export function quickParse(argv: readonly string[], specs: readonly CommandSpec[] = QUICK): QuickParse | undefined {
  const spec = specs.find((s) => s.name === argv[2]);
  if (spec === undefined) return undefined;
  const options = spec.options.map((o) => ({ ...flagNames(o.flags), value: o.value }));
  const opts: Record<string, unknown> = {};
  for (const o of options) {
    // commander's defaults: the declared one, and true for a negatable flag ('--no-run-cache' → runCache: true)
    if (o.value?.default !== undefined) opts[o.attr] = o.value.default.value;
    else if (o.negated) opts[o.attr] = true;
  }
  const given = new Set<string>();
  const targets: string[] = [];
  for (let i = 3; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('-') || arg === '-') {
      targets.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    const option = options.find((o) => o.long === flag || o.short === flag);
    if (option === undefined) return undefined; // '--', help, an unknown or bundled flag
    if (option.value === undefined) {
      if (eq >= 0) return undefined;
      opts[option.attr] = !option.negated;
    } else {
      const text = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (text === undefined || (eq < 0 && text.startsWith('-'))) return undefined;
      const value = option.value.parse(text);
      if (value === undefined) return undefined;
      opts[option.attr] = value;
    }
    given.add(option.attr);
  }
  return { spec, targets, opts, given };
}

/** Runs the command when `argv` is a plain repro/status line; false when commander must take it. */
export async function dispatchQuick(argv: readonly string[]): Promise<boolean> {
  const parsed = quickParse(argv);
  if (parsed === undefined) return false;
  await parsed.spec.run(parsed.targets, parsed.opts, (attr) => parsed.given.has(attr));
  return true;
}
