// The resolved, typed form of a pipeline stage: what config loading produces and everything else consumes.
import type { SourcePos } from './failure.js';
import type { Resources } from './resources.js';

/** A JSON-like value read from YAML (params, vars). */
export type Value = string | number | boolean | null | readonly Value[] | { readonly [key: string]: Value };

export type OutKind = 'out' | 'metric' | 'plot';

/** One declared output; `path` is root-relative POSIX. */
export interface OutSpec {
  readonly path: string;
  readonly kind: OutKind;
  readonly cache: boolean;
  readonly persist: boolean;
  readonly desc?: string;
}

/** One tracked params scope: a key (dotted, may name a subtree) in a file, or the whole file (`key: null`). */
export interface ParamSpec {
  readonly file: string;
  readonly key: string | null;
}

/** A stage after templating and foreach/matrix expansion. */
export interface Stage {
  /** `name` in the root pipeline.yaml, `dir/pipeline.yaml:name` in another pipeline file (DVC's addressing). */
  readonly name: string;
  /** Root-relative path of the pipeline file defining the stage. */
  readonly pipelineFile: string;
  /** For generated stages (`name@key`), the foreach/matrix definition name. */
  readonly group: string | undefined;
  /** Interpolated command lines, run one after another through the shell. */
  readonly cmd: readonly string[];
  /** Root-relative working directory (default: the pipeline file's directory). */
  readonly wdir: string;
  /** Root-relative, or absolute for data outside the project (see paths.ts toDepPath). */
  readonly deps: readonly string[];
  readonly params: readonly ParamSpec[];
  /** Current values of the tracked params: file → top-level-or-dotted key → value. */
  readonly paramValues: Readonly<Record<string, Readonly<Record<string, Value>>>>;
  readonly outs: readonly OutSpec[];
  readonly frozen: boolean;
  readonly alwaysChanged: boolean;
  readonly desc: string | undefined;
  readonly pos: SourcePos;
  /** What the stage asks of the machine (not part of the fingerprint); absent when not given. */
  readonly resources?: Resources;
  /** `local`: run on the submitting host whatever the executor. */
  readonly executor?: 'local';
}

/** A loaded pipeline: stages in file order plus the files its meaning was read from. */
export interface Pipeline {
  readonly root: string;
  readonly file: string;
  readonly stages: readonly Stage[];
  /** Root-relative params files declared at top level or used by stages (for `params diff`). */
  readonly paramsFiles: readonly string[];
  /** Root-relative metrics files (stage metrics plus top-level `metrics`). */
  readonly metricsFiles: readonly string[];
  /** Every file read while resolving (for the resolved-config cache key). */
  readonly inputs: readonly string[];
  /** `file:line:col: …` for keys accepted for DVC compatibility but given no meaning (printed on every load). */
  readonly warnings?: readonly string[];
  /** Values templates read from params/vars files: file → dotted key → value (DVC's tracked vars). */
  readonly trackedVars?: Readonly<Record<string, Readonly<Record<string, Value>>>>;
}
