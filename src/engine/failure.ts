// Every expected failure of the engine, discriminated by a kebab-case `reason`; only report/format-failure.ts
// turns them into text.

/** A position in a configuration file, 1-based. */
export interface SourcePos {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export type Failure =
  | { reason: 'no-pipeline'; cwd: string }
  | { reason: 'yaml-syntax'; pos: SourcePos; message: string }
  | { reason: 'schema'; pos: SourcePos; message: string }
  | { reason: 'undefined-var'; pos: SourcePos; name: string; stage: string }
  | { reason: 'bad-template'; pos: SourcePos; message: string; stage: string }
  | { reason: 'missing-params-file'; pos: SourcePos; file: string; stage: string }
  | { reason: 'missing-param'; pos: SourcePos; file: string; key: string; stage: string }
  | { reason: 'bad-path'; pos: SourcePos; path: string; stage: string }
  | { reason: 'duplicate-stage'; pos: SourcePos; stage: string }
  | { reason: 'missing-dep'; stage: string; path: string }
  | { reason: 'unknown-target'; target: string; suggestion: string | undefined }
  | { reason: 'cycle'; stages: readonly string[] }
  | { reason: 'overlapping-outputs'; path: string; stages: readonly string[]; otherPath: string }
  | { reason: 'locked'; pid: number }
  | { reason: 'bad-lock-file'; pos: SourcePos; message: string }
  | { reason: 'stage-failed'; stages: readonly string[] }
  | { reason: 'interrupted'; signal: string }
  | { reason: 'git'; message: string }
  | { reason: 'bad-config'; file: string; message: string }
  | { reason: 'io'; path: string; message: string }
  | { reason: 'no-space'; path: string }
  | { reason: 'reserved-output'; pos: SourcePos; path: string; stage: string; reserved: string };

/** Narrows the failure union to one reason. */
export type FailureOf<R extends Failure['reason']> = Extract<Failure, { reason: R }>;
