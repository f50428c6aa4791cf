// Renders a failure as the one line the CLI prints (config failures as `file:line:col: message`).
import type { Failure, SourcePos } from '../failure.js';

function at(pos: SourcePos): string {
  return `${pos.file}:${pos.line}:${pos.col}`;
}

/** The message for `f`, without the `pipe:` prefix. */
export function formatFailure(f: Failure): string {
  switch (f.reason) {
    case 'no-pipeline':
      return `no pipeline.yaml in ${f.cwd} or any parent directory`;
    case 'yaml-syntax':
      return `${at(f.pos)}: YAML syntax error: ${f.message}`;
    case 'schema':
      return `${at(f.pos)}: ${f.message}`;
    case 'undefined-var':
      return `${at(f.pos)}: stage '${f.stage}': undefined variable '\${${f.name}}'`;
    case 'bad-template':
      return `${at(f.pos)}: ${f.message}`;
    case 'missing-params-file':
      return `${at(f.pos)}: ${f.stage === '' ? '' : `stage '${f.stage}': `}params file '${f.file}' does not exist`;
    case 'missing-param':
      return `${at(f.pos)}: stage '${f.stage}': param '${f.key}' not found in ${f.file}`;
    case 'bad-path':
      return `${at(f.pos)}: stage '${f.stage}': path '${f.path}' is outside the project`;
    case 'duplicate-stage':
      return `${at(f.pos)}: stage '${f.stage}' is defined twice`;
    case 'missing-dep':
      return `stage '${f.stage}': dependency '${f.path}' does not exist and no stage outputs it`;
    case 'unknown-target':
      return `unknown stage '${f.target}'${f.suggestion === undefined ? '' : ` (did you mean '${f.suggestion}'?)`}`;
    case 'cycle':
      return `cycle in the pipeline: ${f.stages.join(' → ')}`;
    case 'overlapping-outputs':
      return f.path === f.otherPath
        ? `output '${f.path}' is declared by both stage '${f.stages[0]}' and stage '${f.stages[1]}'`
        : `outputs overlap: '${f.path}' (stage '${f.stages[0]}') and '${f.otherPath}' (stage '${f.stages[1]}')`;
    case 'locked':
      return `project is locked by pid ${f.pid} (another pipe repro is running)`;
    case 'bad-lock-file':
      return `${at(f.pos)}: invalid lock file: ${f.message}`;
    case 'stage-failed':
      return `${f.stages.length === 1 ? 'stage' : 'stages'} ${f.stages.map((s) => `'${s}'`).join(', ')} failed`;
    case 'interrupted':
      return `interrupted by ${f.signal}; completed stages are recorded in pipeline.lock`;
    case 'git':
      return `git: ${f.message}`;
    case 'bad-config':
      return `${f.file}: ${f.message}`;
    case 'io':
      return `${f.path}: ${f.message}`;
    case 'no-space':
      return `no space left on device while writing ${f.path}`;
    case 'reserved-output':
      return `${at(f.pos)}: stage '${f.stage}': output '${f.path}' would overwrite ${f.reserved}, which pipe or git needs`;
  }
}

/** Exit code for a failure: 130 for an interrupt, 1 otherwise. */
export function exitCodeOf(f: Failure): number {
  return f.reason === 'interrupted' ? 130 : 1;
}
