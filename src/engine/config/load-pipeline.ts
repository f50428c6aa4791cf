// Loads a pipeline file into typed stages as DVC's DataResolver does: parse with positions → check the top level
// → build the context (params.yaml beside the file, then `vars`) → per definition: check `${…}` syntax, expand
// foreach/matrix, resolve wdir, load stage vars (relative to wdir), interpolate every key → validate the
// resolved stage → normalise paths and read tracked params. Errors carry DVC's wording after `file:line:col:`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Failure } from '../failure.js';
import { fail, ok, type Result } from '../result.js';
import type { Pipeline, Stage, Value } from '../stage.js';
import { foreachInstances, matrixInstances, type Instance } from './expand.js';
import { ignoredKeyWarnings } from './ignored-keys.js';
import { normaliseStage } from './normalise-stage.js';
import { ParamsFiles } from './params-files.js';
import { readFlagStyle } from './parsing-config.js';
import { pyStr } from './py-str.js';
import { foreachSchema, knownKeys, matrixSchema, pipelineSchema, stageSchema, type RawPipeline } from './schema.js';
import { validateAt } from './schema-issues.js';
import { checkSyntax, interpolate, normaliseExpr, type FlagStyle, type TemplateError } from './template.js';
import { VarsContext } from './vars-context.js';
import { positionOf, parseYamlSource, type YamlPath, type YamlSource } from './yaml-source.js';

export const DEFAULT_PARAMS = 'params.yaml';

// Before interpolation only the shape of a definition is checked (a typed key may hold `${…}`: `frozen: ${x}`);
// the resolved stage is validated against stageSchema afterwards.
const foreachShape = z.strictObject({ foreach: foreachSchema.shape.foreach, do: z.record(z.string(), z.unknown(), { error: 'expected a stage mapping' }) });
const matrixShape = z.looseObject({ matrix: matrixSchema.shape.matrix });

/** Where a pipeline file's stages live and how its definitions are resolved. */
interface Scope {
  readonly root: string;
  /** Root-relative path of the pipeline file. */
  readonly file: string;
  /** Root-relative directory of the pipeline file ('.' at the root): the default wdir, base of `vars` files. */
  readonly dir: string;
  /** '' for the root pipeline.yaml, else `dir/pipeline.yaml:` (DVC's `path/dvc.yaml:stage` addressing). */
  readonly prefix: string;
  readonly src: YamlSource;
  readonly params: ParamsFiles;
  readonly flags: FlagStyle;
  readonly warnings: string[];
  /** Values read from vars/params files by templates: file → dotted key → value (for `params diff`). */
  readonly tracked: Record<string, Record<string, Value>>;
}

/** Loads and resolves the pipeline file at root-relative `file`. */
export function loadPipeline(root: string, file: string): Result<Pipeline, Failure> {
  const text = readFileSync(path.join(root, file), 'utf8');
  const parsed = parseYamlSource(file, text);
  if (!parsed.ok) return parsed;
  const src = parsed.value;
  const top = validateAt(pipelineSchema, src.value ?? {}, src, [], knownKeys.top);
  if (!top.ok) return top;
  const flags = readFlagStyle(root);
  if (!flags.ok) return flags;
  const dir = path.posix.dirname(file);
  const scope: Scope = {
    root, file, dir, prefix: file === 'pipeline.yaml' ? '' : `${file}:`, src, params: new ParamsFiles(root), flags: flags.value, warnings: ignoredKeyWarnings(src), tracked: {},
  };
  const ctx = VarsContext.empty();
  const varsError = ctx.loadVars(top.value.vars ?? [], dir, scope.params, '', DEFAULT_PARAMS);
  if (varsError !== undefined) return fail(templateFailure(scope, ['vars'], '', `failed to parse 'vars' in '${file}': ${varsError.message}`));
  const stages: Stage[] = [];
  const seen = new Set<string>();
  for (const [name, def] of Object.entries(top.value.stages)) {
    const generated = resolveDefinition(scope, name, def, ctx);
    if (!generated.ok) return generated;
    for (const stage of generated.value) {
      if (seen.has(stage.name)) return fail({ reason: 'duplicate-stage', pos: stage.pos, stage: stage.name });
      seen.add(stage.name);
      stages.push(stage);
    }
  }
  return ok(assemble(scope, top.value, stages));
}

/** `name` in root-relative directory `dir`, root-relative. */
function inDir(dir: string, name: string): string {
  return dir === '.' ? path.posix.normalize(name) : path.posix.normalize(`${dir}/${name}`);
}

function assemble(scope: Scope, raw: RawPipeline, stages: Stage[]): Pipeline {
  const paramsFiles = new Set<string>([inDir(scope.dir, DEFAULT_PARAMS), ...(raw.params ?? []).map((p) => inDir(scope.dir, p))]);
  for (const s of stages) for (const p of s.params) paramsFiles.add(p.file);
  const metricsFiles = new Set<string>((raw.metrics ?? []).map((m) => inDir(scope.dir, m)));
  for (const s of stages) for (const o of s.outs) if (o.kind === 'metric') metricsFiles.add(o.path);
  const inputs = new Set<string>([scope.file, inDir(scope.dir, DEFAULT_PARAMS), '.pipe/config.yaml', '.pipe/config.local.yaml', ...scope.params.files()]);
  const pipeline: Pipeline = {
    root: scope.root,
    file: scope.file,
    stages,
    paramsFiles: [...paramsFiles].sort(),
    metricsFiles: [...metricsFiles].sort(),
    inputs: [...inputs].sort(),
  };
  const withWarnings = scope.warnings.length === 0 ? pipeline : { ...pipeline, warnings: scope.warnings };
  return Object.keys(scope.tracked).length === 0 ? withWarnings : { ...withWarnings, trackedVars: scope.tracked };
}

function resolveDefinition(scope: Scope, name: string, def: Record<string, unknown>, ctx: VarsContext): Result<Stage[], Failure> {
  const at: YamlPath = ['stages', name];
  if ('foreach' in def || 'do' in def) {
    const v = validateAt(foreachShape, def, scope.src, at, knownKeys.foreach);
    if (!v.ok) return v;
    const syntax = checkDefinitionSyntax(scope, name, v.value.do, [...at, 'do']);
    if (syntax !== undefined) return fail(syntax);
    const instances = foreachInstances(v.value.foreach, ctx.data);
    if (!instances.ok) return fail(dataFailure(scope, name, 'foreach', instances.error, [...at, 'foreach']));
    warnOverwritten(scope, name, ctx, 'key' in (instances.value[0]?.extra ?? {}) ? ['item', 'key'] : ['item']);
    return generate(scope, name, v.value.do, [...at, 'do'], instances.value, ctx);
  }
  if ('matrix' in def) {
    const v = validateAt(matrixShape, def, scope.src, at, knownKeys.matrix);
    if (!v.ok) return v;
    const { matrix, ...body } = v.value;
    const syntax = checkDefinitionSyntax(scope, name, body, at);
    if (syntax !== undefined) return fail(syntax);
    const instances = matrixInstances(matrix, ctx.data);
    if (!instances.ok) return fail(dataFailure(scope, name, 'matrix', instances.error, [...at, 'matrix']));
    warnOverwritten(scope, name, ctx, ['key', 'item']);
    return generate(scope, name, body, at, instances.value, ctx);
  }
  const syntax = checkDefinitionSyntax(scope, name, def, at);
  if (syntax !== undefined) return fail(syntax);
  return generate(scope, name, def, at, [undefined], ctx);
}

/** DVC's check_syntax_errors: every `${…}` of the definition parses, reported under its top-level key. */
function checkDefinitionSyntax(scope: Scope, name: string, body: Record<string, unknown>, at: YamlPath): Failure | undefined {
  for (const [key, value] of Object.entries(body)) {
    const bad = firstSyntaxError(value);
    if (bad !== undefined) return templateFailure(scope, [...at, key], name, `failed to parse 'stages.${name}.${key}' in '${scope.file}': ${bad}`);
  }
  return undefined;
}

function firstSyntaxError(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const e = checkSyntax(v);
    return e === undefined ? undefined : messageOf(e);
  }
  const children: unknown[] = Array.isArray(v) ? v : v !== null && typeof v === 'object' ? Object.entries(v).flat() : [];
  for (const x of children) {
    const e = firstSyntaxError(x);
    if (e !== undefined) return e;
  }
  return undefined;
}

/** DVC warns when global vars define `item`/`key`, which generated stages then see overwritten. */
function warnOverwritten(scope: Scope, name: string, ctx: VarsContext, keys: readonly string[]): void {
  const clashing = keys.filter((k) => Object.hasOwn(ctx.data, k));
  if (clashing.length === 0) return;
  const pos = positionOf(scope.src, ['stages', name], true);
  scope.warnings.push(`${pos.file}:${pos.line}:${pos.col}: ${clashing.join(' and ')} ${clashing.length === 1 ? 'is' : 'are'} already specified, will be overwritten for stages generated from '${name}'`);
}

function generate(
  scope: Scope,
  name: string,
  body: Record<string, unknown>,
  at: YamlPath,
  instances: readonly (Instance | undefined)[],
  ctx: VarsContext,
): Result<Stage[], Failure> {
  const stages: Stage[] = [];
  for (const instance of instances) {
    const dvcName = instance === undefined ? name : `${name}@${instance.key}`;
    const local = instance === undefined ? ctx : ctx.withTemporarily(instance.extra, true);
    const resolved = resolveEntry(scope, dvcName, body, at, local, instance?.itemPath);
    if (!resolved.ok) return resolved;
    const typed = validateAt(stageSchema, resolved.value, scope.src, at, knownKeys.stage);
    if (!typed.ok) return typed;
    const group = instance === undefined ? undefined : scope.prefix + name;
    const stage = normaliseStage(scope.root, { name: scope.prefix + dvcName, group, pipelineFile: scope.file, dir: scope.dir }, typed.value, scope.params, scope.src, at);
    if (!stage.ok) return stage;
    stages.push(stage.value);
  }
  return ok(stages);
}

/** DVC's EntryDefinition.resolve_stage: wdir first, then the stage's vars (relative to it), then every key. */
function resolveEntry(
  scope: Scope,
  dvcName: string,
  body: Record<string, unknown>,
  at: YamlPath,
  ctx: VarsContext,
  itemPath: string | undefined,
): Result<Record<string, unknown>, Failure> {
  let wdir = scope.dir;
  const rawWdir = body['wdir'];
  if (typeof rawWdir === 'string') {
    const w = interpolate(rawWdir, ctx.data, 'wdir', scope.flags);
    if (!w.ok) return fail(templateFailure(scope, [...at, 'wdir'], dvcName, `failed to parse 'stages.${dvcName}.wdir' in '${scope.file}': ${messageOf(w.error)}`));
    wdir = inDir(scope.dir, typeof w.value === 'string' ? w.value : pyStr(w.value));
  }
  const vars = Array.isArray(body['vars']) ? (body['vars'] as unknown[]) : [];
  let local = ctx;
  if (vars.length > 0) {
    local = ctx.clone();
    const e = local.loadVars(vars, wdir, scope.params, dvcName);
    if (e !== undefined) {
      const where = e.scope === 'vars' ? `'stages.${dvcName}.vars'` : `stage '${dvcName}'`;
      return fail(templateFailure(scope, [...at, 'vars'], dvcName, `failed to parse ${where} in '${scope.file}': ${e.message}`));
    }
  }
  const track = (expr: string, value: Value): void => {
    let dotted = normaliseExpr(expr);
    // `${item.epoch}` of `foreach: ${vars}` is `vars.model1.epoch` of the file it came from (DVC's node path)
    if (itemPath !== undefined && (dotted === 'item' || dotted.startsWith('item.'))) dotted = itemPath + dotted.slice(4);
    const file = local.fileOf(dotted);
    if (file !== undefined) (scope.tracked[file] ??= {})[dotted] = value;
  };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'vars') continue;
    const r = interpolateDeep(value, local, key, scope, [...at, key], track);
    if (!r.ok) return fail(templateFailure(scope, r.error.at, dvcName, `failed to parse 'stages.${dvcName}.${key}' in '${scope.file}': ${messageOf(r.error.error)}`));
    out[key] = r.value;
  }
  return ok(out);
}

type DeepError = { at: YamlPath; error: TemplateError };

/** Interpolates every string and mapping key under `value`, which sits under stage key `key`. */
function interpolateDeep(
  value: unknown,
  ctx: VarsContext,
  key: string,
  scope: Scope,
  at: YamlPath,
  track: (expr: string, value: Value) => void,
): { ok: true; value: unknown } | { ok: false; error: DeepError } {
  if (typeof value === 'string') {
    const r = interpolate(value, ctx.data, key, scope.flags, track);
    return r.ok ? r : { ok: false, error: { at, error: r.error } };
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const [i, v] of value.entries()) {
      const r = interpolateDeep(v, ctx, key, scope, [...at, i], track);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const name = interpolate(k, ctx.data, key, scope.flags, track);
      if (!name.ok) return { ok: false, error: { at: [...at, k], error: name.error } };
      const r = interpolateDeep(v, ctx, key, scope, [...at, k], track);
      if (!r.ok) return r;
      out[typeof name.value === 'string' ? name.value : pyStr(name.value)] = r.value;
    }
    return { ok: true, value: out };
  }
  return { ok: true, value };
}

function messageOf(e: TemplateError): string {
  return e.kind === 'undefined' ? `Could not find '${e.name}'` : e.message;
}

function dataFailure(scope: Scope, name: string, kw: 'foreach' | 'matrix', e: TemplateError, at: YamlPath): Failure {
  const verb = e.kind === 'bad' && e.message.startsWith('expected ') ? 'resolve' : 'parse';
  return templateFailure(scope, at, name, `failed to ${verb} 'stages.${name}.${kw}' in '${scope.file}': ${messageOf(e)}`);
}

function templateFailure(scope: Scope, at: YamlPath, stage: string, message: string): Failure {
  return { reason: 'bad-template', pos: positionOf(scope.src, at), message, stage };
}
