// Target resolution as DVC's parse_target/collect (dvc/utils/__init__.py, dvc/repo/stage.py): `name`,
// `name@key` and foreach/matrix group names in the pipeline file of the current directory;
// `path/to/pipeline.yaml:name` (path relative to the current directory); `path/to/pipeline.yaml` for all
// of its stages; with `glob`, `[path:]pattern` matched against the stage names of that file.
import path from 'node:path';
import { didYouMean } from '../config/did-you-mean.js';
import type { Failure } from '../failure.js';
import type { Graph } from '../graph.js';
import { fail, ok, type Result } from '../result.js';
import { stagePrefix } from '../store/project-lock.js';

/** Where targets are resolved from: the current directory and the project's pipeline files (root-relative). */
export interface TargetScope {
  readonly cwd: string;
  readonly defaultFile: string | undefined;
  readonly files: readonly string[];
}

export const ROOT_SCOPE: TargetScope = { cwd: '.', defaultFile: 'pipeline.yaml', files: ['pipeline.yaml'] };

const PIPELINE_FILE_RE = /(^|\/)(pipeline|dvc)\.yaml$/;

/** Resolves targets to qualified stage names (a group name selects all its items). */
export function resolveTargets(graph: Graph, targets: readonly string[], scope: TargetScope = ROOT_SCOPE, glob = false): Result<string[], Failure> {
  const names: string[] = [];
  for (const raw of targets) {
    const found = glob ? resolveGlob(graph, raw, scope) : resolveOne(graph, raw, scope);
    if (found.length === 0) return fail(unknown(graph, raw, scope));
    names.push(...found);
  }
  return ok([...new Set(names)]);
}

function resolveOne(graph: Graph, raw: string, scope: TargetScope): string[] {
  // DVC splits at the first '@' first, so that a generated name's key may hold ':'
  const at = raw.indexOf('@');
  const group = at < 0 ? raw : raw.slice(0, at);
  const key = at < 0 ? '' : raw.slice(at);
  const colon = group.lastIndexOf(':');
  const hasName = colon >= 0 && !/[\\/]/.test(group.slice(colon + 1));
  if (!hasName && PIPELINE_FILE_RE.test(raw)) {
    const file = fileOf(raw, scope);
    return graph.stages.filter((s) => s.pipelineFile === file).map((s) => s.name);
  }
  const pathPart = hasName ? group.slice(0, colon) : '';
  const file = pathPart === '' ? scope.defaultFile : fileOf(pathPart, scope); // `:name`: the default file
  const name = (hasName ? group.slice(colon + 1) : group) + key;
  if (file === undefined) return [];
  if (name === '') return graph.stages.filter((s) => s.pipelineFile === file).map((s) => s.name); // `path:`
  return inFile(graph, file, name);
}

function inFile(graph: Graph, file: string, name: string): string[] {
  const qualified = stagePrefix(file) + name;
  if (graph.byName.has(qualified)) return [qualified];
  return graph.stages.filter((s) => s.group === qualified).map((s) => s.name);
}

function resolveGlob(graph: Graph, raw: string, scope: TargetScope): string[] {
  const colon = raw.lastIndexOf(':');
  const file = colon < 0 ? scope.defaultFile : fileOf(raw.slice(0, colon), scope);
  if (file === undefined) return [];
  const re = globToRegExp(colon < 0 ? raw : raw.slice(colon + 1));
  const prefix = stagePrefix(file);
  return graph.stages.filter((s) => s.pipelineFile === file && re.test(s.name.slice(prefix.length))).map((s) => s.name);
}

/** Root-relative pipeline file named by `p` (relative to the current directory; `dvc.yaml` means pipeline.yaml). */
function fileOf(p: string, scope: TargetScope): string {
  const rel = path.posix.normalize(scope.cwd === '.' ? p : `${scope.cwd}/${p}`);
  return rel.replace(/(^|\/)dvc\.yaml$/, '$1pipeline.yaml');
}

/** fnmatch as Python's: `*`, `?`, `[seq]`, `[!seq]`; everything else literal. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[' && pattern.indexOf(']', i + 2) > 0) {
      const end = pattern.indexOf(']', i + 2);
      let body = pattern.slice(i + 1, end);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      re += `[${body.replaceAll('\\', '\\\\')}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

function unknown(graph: Graph, raw: string, scope: TargetScope): Failure {
  const prefix = scope.defaultFile === undefined ? undefined : stagePrefix(scope.defaultFile);
  const all = [...graph.byName.keys(), ...new Set(graph.stages.flatMap((s) => (s.group === undefined ? [] : [s.group])))];
  const local = all.filter((n) => prefix !== undefined && n.startsWith(prefix)).map((n) => n.slice(prefix?.length ?? 0));
  const suggestion = didYouMean(raw, all) ?? didYouMean(raw.slice(raw.lastIndexOf(':') + 1), local);
  return { reason: 'unknown-target', target: raw, suggestion };
}
