// Loads pipeline.yaml into typed stages: parse with positions → validate → build the template context →
// expand foreach/matrix → interpolate → normalise paths and read tracked params.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Failure } from '../failure.js';
import { fail, ok, type Result } from '../result.js';
import type { Pipeline, Stage, Value } from '../stage.js';
import { foreachInstances, matrixInstances, type Instance } from './expand.js';
import { ParamsFiles, toValue } from './params-files.js';
import { foreachSchema, knownKeys, matrixSchema, pipelineSchema, stageSchema, type RawPipeline } from './schema.js';
import { validateAt } from './schema-issues.js';
import { interpolate, type Context } from './template.js';
import { ignoredKeyWarnings } from './ignored-keys.js';
import { normaliseStage } from './normalise-stage.js';
import { positionOf, parseYamlSource, type YamlPath, type YamlSource } from './yaml-source.js';

export const DEFAULT_PARAMS = 'params.yaml';

/** Where a pipeline file's stages live: its directory and the prefix of their names. */
interface FileScope {
  /** Root-relative path of the pipeline file. */
  readonly file: string;
  /** Root-relative directory of the pipeline file ('.' at the root): the default wdir, base of `vars` files. */
  readonly dir: string;
  /** '' for the root pipeline.yaml, else `dir/pipeline.yaml:` (DVC's `path/dvc.yaml:stage` addressing). */
  readonly prefix: string;
}

/** Loads and resolves the pipeline file at root-relative `file`. */
export function loadPipeline(root: string, file: string): Result<Pipeline, Failure> {
  const text = readFileSync(path.join(root, file), 'utf8');
  const parsed = parseYamlSource(file, text);
  if (!parsed.ok) return parsed;
  const src = parsed.value;
  const top = validateAt(pipelineSchema, src.value ?? {}, src, [], knownKeys.top);
  if (!top.ok) return top;
  const dir = path.posix.dirname(file);
  const scope: FileScope = { file, dir, prefix: file === 'pipeline.yaml' ? '' : `${file}:` };
  const params = new ParamsFiles(root);
  const defaults = params.read(inDir(dir, DEFAULT_PARAMS));
  if (!defaults.ok) return defaults;
  const ctx = buildContext(top.value.vars ?? [], { ...(defaults.value ?? {}) }, params, src, ['vars'], dir);
  if (!ctx.ok) return ctx;
  const stages: Stage[] = [];
  const seen = new Set<string>();
  for (const [name, def] of Object.entries(top.value.stages)) {
    const generated = resolveDefinition(root, scope, name, def, ctx.value, params, src);
    if (!generated.ok) return generated;
    for (const stage of generated.value) {
      if (seen.has(stage.name)) return fail({ reason: 'duplicate-stage', pos: stage.pos, stage: stage.name });
      seen.add(stage.name);
      stages.push(stage);
    }
  }
  const pipeline = assemble(root, scope, top.value, stages, params);
  const warnings = ignoredKeyWarnings(src);
  return ok(warnings.length === 0 ? pipeline : { ...pipeline, warnings });
}

/** `name` in root-relative directory `dir`, root-relative. */
function inDir(dir: string, name: string): string {
  return dir === '.' ? name : path.posix.normalize(`${dir}/${name}`);
}

function assemble(root: string, scope: FileScope, raw: RawPipeline, stages: Stage[], params: ParamsFiles): Pipeline {
  const paramsFiles = new Set<string>([inDir(scope.dir, DEFAULT_PARAMS), ...(raw.params ?? []).map((p) => inDir(scope.dir, p))]);
  for (const s of stages) for (const p of s.params) paramsFiles.add(p.file);
  const metricsFiles = new Set<string>((raw.metrics ?? []).map((m) => inDir(scope.dir, m)));
  for (const s of stages) for (const o of s.outs) if (o.kind === 'metric') metricsFiles.add(o.path);
  const inputs = new Set<string>([scope.file, inDir(scope.dir, DEFAULT_PARAMS), ...params.files()]);
  return { root, file: scope.file, stages, paramsFiles: [...paramsFiles].sort(), metricsFiles: [...metricsFiles].sort(), inputs: [...inputs].sort() };
}

/** `base` (params.yaml, or the enclosing context) overlaid with `vars` entries (files, `file:k1,k2`, mappings). */
function buildContext(
  vars: readonly (string | Record<string, unknown>)[],
  base: Context,
  params: ParamsFiles,
  src: YamlSource,
  at: YamlPath,
  dir: string,
): Result<Context, Failure> {
  const ctx: Record<string, Value> = { ...base };
  for (const [i, entry] of vars.entries()) {
    if (typeof entry !== 'string') {
      for (const [k, v] of Object.entries(entry)) ctx[k] = toValue(v);
      continue;
    }
    const [name = '', keyList] = entry.split(':');
    const fileName = inDir(dir, name);
    const data = params.read(fileName);
    if (!data.ok) return data;
    if (data.value === undefined) {
      return fail({ reason: 'missing-params-file', pos: positionOf(src, [...at, i]), file: fileName, stage: '' });
    }
    const keys = keyList === undefined ? Object.keys(data.value) : keyList.split(',').map((k) => k.trim());
    for (const key of keys) if (Object.hasOwn(data.value, key)) ctx[key] = data.value[key] ?? null;
  }
  return ok(ctx);
}

function resolveDefinition(
  root: string,
  scope: FileScope,
  name: string,
  def: Record<string, unknown>,
  ctx: Context,
  params: ParamsFiles,
  src: YamlSource,
): Result<Stage[], Failure> {
  const at: YamlPath = ['stages', name];
  if ('foreach' in def || 'do' in def) {
    const v = validateAt(foreachSchema, def, src, at, knownKeys.foreach);
    if (!v.ok) return v;
    const instances = foreachInstances(v.value.foreach, ctx);
    if (!instances.ok) return fail(templateFailure(instances.error, src, [...at, 'foreach'], name));
    return generate(root, scope, name, v.value.do, [...at, 'do'], instances.value, ctx, params, src);
  }
  if ('matrix' in def) {
    const v = validateAt(matrixSchema, def, src, at, knownKeys.matrix);
    if (!v.ok) return v;
    const { matrix, ...body } = v.value;
    const instances = matrixInstances(matrix, ctx);
    if (!instances.ok) return fail(templateFailure(instances.error, src, [...at, 'matrix'], name));
    return generate(root, scope, name, body, at, instances.value, ctx, params, src);
  }
  const v = validateAt(stageSchema, def, src, at, knownKeys.stage);
  if (!v.ok) return v;
  return generate(root, scope, name, v.value, at, [undefined], ctx, params, src);
}

function generate(
  root: string,
  scope: FileScope,
  name: string,
  body: Record<string, unknown>,
  at: YamlPath,
  instances: readonly (Instance | undefined)[],
  ctx: Context,
  params: ParamsFiles,
  src: YamlSource,
): Result<Stage[], Failure> {
  const stages: Stage[] = [];
  for (const instance of instances) {
    const stageName = scope.prefix + (instance === undefined ? name : `${name}@${instance.key}`);
    const stageVars = Array.isArray(body['vars']) ? (body['vars'] as (string | Record<string, unknown>)[]) : [];
    const local = buildContext(stageVars, { ...ctx, ...(instance?.extra ?? {}) }, params, src, [...at, 'vars'], scope.dir);
    if (!local.ok) return local;
    const filled = interpolateDeep(body, local.value, src, at, stageName);
    if (!filled.ok) return filled;
    const typed = validateAt(stageSchema, filled.value, src, at, knownKeys.stage);
    if (!typed.ok) return typed;
    const group = instance === undefined ? undefined : scope.prefix + name;
    const stage = normaliseStage(root, { name: stageName, group, pipelineFile: scope.file, dir: scope.dir }, typed.value, params, src, at);
    if (!stage.ok) return stage;
    stages.push(stage.value);
  }
  return ok(stages);
}

/** Interpolates every string (and mapping key) under `value`; `cmd` strings get flag expansion. */
function interpolateDeep(value: unknown, ctx: Context, src: YamlSource, at: YamlPath, stage: string): Result<unknown, Failure> {
  const inCmd = at.includes('cmd');
  if (typeof value === 'string') {
    const r = interpolate(value, ctx, inCmd);
    return r.ok ? r : fail(templateFailure(r.error, src, at, stage));
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const [i, v] of value.entries()) {
      const r = interpolateDeep(v, ctx, src, [...at, i], stage);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return ok(out);
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'meta' || k === 'vars') {
        out[k] = v;
        continue;
      }
      const key = interpolate(k, ctx, false);
      if (!key.ok) return fail(templateFailure(key.error, src, [...at, k], stage));
      const r = interpolateDeep(v, ctx, src, [...at, k], stage);
      if (!r.ok) return r;
      out[String(key.value)] = r.value;
    }
    return ok(out);
  }
  return ok(value);
}

function templateFailure(e: { kind: 'undefined'; name: string } | { kind: 'bad'; message: string }, src: YamlSource, at: YamlPath, stage: string): Failure {
  const pos = positionOf(src, at);
  return e.kind === 'undefined'
    ? { reason: 'undefined-var', pos, name: e.name, stage }
    : { reason: 'bad-template', pos, message: e.message, stage };
}
