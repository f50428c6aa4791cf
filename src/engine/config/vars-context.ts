// The templating context as DVC builds it (dvc/parsing/context.py): params.yaml beside the pipeline file, then
// each `vars` entry (a file, `file:k1,k2`, or a mapping) deep-merged in; a key defined twice is an error
// ("cannot redefine …"), never a silent override. Stage-level vars load relative to the stage's wdir into a copy.
// During foreach/matrix generation `item`/`key` are reserved. Used values from files are tracked (params diff).
import path from 'node:path';
import type { Value } from '../stage.js';
import { isInterpolated } from './template.js';
import type { ParamsFiles } from './params-files.js';

/** A context failure in DVC's words; `where` is what DVC's message names (`'vars'`, `stage 'x'`, …). */
export interface ContextError {
  readonly message: string;
  /** 'vars' errors are reported against the vars section; 'stage' ones against the stage. */
  readonly scope: 'vars' | 'stage';
}

type Tree = Record<string, Value>;

/** Mutable context: data, the source of every merged node, loaded files and reserved keys. */
export class VarsContext {
  private constructor(
    readonly data: Tree,
    private readonly sources: Map<string, string>,
    private readonly imports: Map<string, readonly string[] | null>,
    private readonly reserved: ReadonlySet<string>,
  ) {}

  static empty(): VarsContext {
    return new VarsContext({}, new Map(), new Map(), new Set());
  }

  /** A deep copy (stage-level vars must not leak into other stages). */
  clone(): VarsContext {
    return new VarsContext(structuredClone(this.data), new Map(this.sources), new Map(this.imports), this.reserved);
  }

  /** A copy with `extra` set at the top level (overriding), its keys reserved when `reserve`. */
  withTemporarily(extra: Readonly<Record<string, Value>>, reserve: boolean): VarsContext {
    const sources = new Map(this.sources);
    for (const k of Object.keys(extra)) sources.set(k, '');
    const reserved = reserve ? new Set([...this.reserved, ...Object.keys(extra)]) : this.reserved;
    return new VarsContext({ ...this.data, ...extra }, sources, new Map(this.imports), reserved);
  }

  /** The file a top-level-or-nested value came from (undefined for mappings in the pipeline file, item/key). */
  fileOf(dotted: string): string | undefined {
    const parts = dotted.split('.');
    for (let n = parts.length; n > 0; n--) {
      const src = this.sources.get(parts.slice(0, n).join('.'));
      if (src !== undefined) return src.startsWith('\0') ? src.slice(1) : undefined;
    }
    return undefined;
  }

  /**
   * Loads the `vars` list (and, first, `defaultFile` when it exists), files relative to root-relative `wdir`.
   * `stageName` prefixes the names of mapping entries in messages (`build.vars[0]`).
   */
  loadVars(vars: readonly unknown[], wdir: string, files: ParamsFiles, stageName: string, defaultFile?: string): ContextError | undefined {
    if (vars.some((v) => containsInterpolation(v))) return { scope: 'vars', message: 'interpolating is not allowed' };
    if (defaultFile !== undefined) {
      const rel = join(wdir, defaultFile);
      const data = files.read(rel);
      if (data.ok && data.value !== undefined) {
        const e = this.mergeFrom(files, defaultFile, wdir);
        if (e !== undefined) return e;
      }
    }
    for (const [i, item] of vars.entries()) {
      const e =
        typeof item === 'string'
          ? this.mergeFrom(files, item, wdir)
          : this.merge((item ?? {}) as Tree, `${stageName}${stageName === '' ? '' : '.'}vars[${i}]`, undefined);
      if (e !== undefined) return e;
    }
    return undefined;
  }

  private mergeFrom(files: ParamsFiles, item: string, wdir: string): ContextError | undefined {
    const colon = item.indexOf(':');
    const file = join(wdir, colon < 0 ? item : item.slice(0, colon));
    const keys = colon < 0 ? null : item.slice(colon + 1).split(',').map((k) => k.trim()).filter((k) => k !== '');
    const selected = keys === null || keys.length === 0 ? null : keys;
    const imported = this.imports.get(file);
    if (this.imports.has(file)) {
      if (selected === null && imported === null) return undefined; // the whole file again: allowed
      if (selected === null && imported !== null) return { scope: 'vars', message: `cannot load '${item}' as it's partially loaded already` };
      if (selected !== null && imported === null) return { scope: 'vars', message: `cannot partially load '${item}' as it's already loaded.` };
      if (selected !== null && imported?.some((k) => selected.includes(k))) return { scope: 'vars', message: `cannot load '${item}' as it's partially loaded already` };
    }
    const read = files.read(file);
    if (!read.ok || read.value === undefined) return { scope: 'stage', message: `'${file}' does not exist` };
    let data: Tree = { ...read.value };
    if (selected !== null) {
      const picked: Tree = {};
      for (const k of selected) {
        if (!Object.hasOwn(data, k)) return { scope: 'stage', message: `could not find '${k}' in '${file}'` };
        picked[k] = data[k] ?? null;
      }
      data = picked;
    }
    const e = this.merge(data, `\0${file}`, item);
    if (e !== undefined) return e;
    this.imports.set(file, selected === null ? null : [...(imported ?? []), ...selected]);
    return undefined;
  }

  /** Deep-merges `update` from `source` ('\0file' for files); a clash is DVC's MergeError. */
  private merge(update: Tree, source: string, item: string | undefined): ContextError | undefined {
    const clashing = Object.keys(update).filter((k) => this.reserved.has(k));
    if (clashing.length > 0) {
      const noun = clashing.length > 1 ? 'keys' : 'key';
      return { scope: 'stage', message: `attempted to modify reserved ${noun} ${humanJoin(clashing)}${item === undefined ? '' : ` in '${item}'`}` };
    }
    return this.mergeInto(this.data, update, source, []);
  }

  private mergeInto(into: Tree, update: Tree, source: string, at: string[]): ContextError | undefined {
    for (const [k, v] of Object.entries(update)) {
      const p = [...at, k];
      const existing = into[k];
      if (isTree(existing) && isTree(v)) {
        const copy: Tree = { ...existing };
        into[k] = copy;
        const e = this.mergeInto(copy, v, source, p);
        if (e !== undefined) return e;
        continue;
      }
      if (Object.hasOwn(into, k)) {
        const dotted = p.join('.');
        const before = this.sourceOf(dotted);
        return { scope: 'vars', message: `cannot redefine '${dotted}' from '${display(source)}' as it already exists in '${display(before)}'` };
      }
      into[k] = v;
      this.sources.set(p.join('.'), source);
    }
    return undefined;
  }

  private sourceOf(dotted: string): string {
    const parts = dotted.split('.');
    for (let n = parts.length; n > 0; n--) {
      const src = this.sources.get(parts.slice(0, n).join('.'));
      if (src !== undefined) return src;
    }
    return '';
  }
}

function display(source: string): string {
  return source.startsWith('\0') ? source.slice(1) : source;
}

function isTree(v: Value | undefined): v is Tree {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
}

function containsInterpolation(v: unknown): boolean {
  if (typeof v === 'string') return isInterpolated(v);
  if (Array.isArray(v)) return v.some(containsInterpolation);
  if (v !== null && typeof v === 'object') return Object.entries(v).some(([k, x]) => isInterpolated(k) || containsInterpolation(x));
  return false;
}

function join(dir: string, file: string): string {
  return dir === '.' ? path.posix.normalize(file) : path.posix.normalize(`${dir}/${file}`);
}

/** DVC's humanize.join: `a`, `a and b`, `a, b and c`. */
function humanJoin(words: readonly string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : (words[0] ?? '');
}
