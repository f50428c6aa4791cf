// `pipe remote add|modify|list|remove|default`: edit the `remote.<name>` and `core.remote` keys of the project
// config, as DVC's `dvc remote` does with `.dvc/config`.
import { findRoot } from '../engine/project.js';
import { readProjectConfig, setConfigValue } from '../engine/config/project-config.js';
import { defaultRemoteName, readRemotes, REMOTE_KEYS, remoteOptionsSchema } from '../engine/remote/remote-config.js';
import type { Failure } from '../engine/failure.js';
import type { Result } from '../engine/result.js';
import { UserError } from './user-error.js';

const out = (text: string): void => void process.stdout.write(text);

function projectRoot(): string {
  const root = findRoot(process.cwd());
  if (root === undefined) throw new UserError(`no pipeline.yaml in ${process.cwd()} or any parent directory`);
  return root;
}

function unwrap<T>(r: Result<T, Failure>): T {
  if (r.ok) return r.value;
  const f = r.error;
  throw new UserError(f.reason === 'bad-config' ? `${f.file}: ${f.message}` : `config: ${f.reason}`);
}

function remotesOf(root: string): Record<string, unknown> {
  return unwrap(readRemotes(unwrap(readProjectConfig(root))));
}

/** `pipe remote add [-d] [-f] [--local] NAME URL`. */
export function remoteAdd(name: string, url: string, opts: { default?: boolean; force?: boolean; local?: boolean }): void {
  const root = projectRoot();
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new UserError(`remote name '${name}': use letters, digits, '_', '.', '-'`);
  if (remotesOf(root)[name] !== undefined && opts.force !== true) throw new UserError(`remote '${name}' already exists (use -f to overwrite)`);
  const local = { local: opts.local === true };
  unwrap(setConfigValue(root, ['remote', name], { url }, local));
  if (opts.default === true) unwrap(setConfigValue(root, ['core', 'remote'], name, local));
}

/** `pipe remote modify [--local] [-u] NAME KEY [VALUE]`: the value is checked against the key's type. */
export function remoteModify(name: string, key: string, value: string | undefined, opts: { unset?: boolean; local?: boolean }): void {
  const root = projectRoot();
  if (remotesOf(root)[name] === undefined) throw new UserError(`no remote named '${name}' (pipe remote add ${name} URL)`);
  if (!REMOTE_KEYS.includes(key)) throw new UserError(`remote option '${key}' is unknown (known: ${REMOTE_KEYS.join(', ')})`);
  if (opts.unset === true) {
    if (key === 'url') throw new UserError(`remote '${name}': url cannot be unset (pipe remote remove ${name})`);
    unwrap(setConfigValue(root, ['remote', name, key], undefined, { local: opts.local === true }));
    return;
  }
  if (value === undefined) throw new UserError(`remote modify ${name} ${key}: a value is needed (or --unset)`);
  const field = remoteOptionsSchema.shape[key as keyof typeof remoteOptionsSchema.shape];
  const parsed = field.safeParse(value);
  if (!parsed.success) throw new UserError(`remote '${name}' ${key} '${value}': ${parsed.error.issues[0]?.message ?? 'invalid value'}`);
  unwrap(setConfigValue(root, ['remote', name, key], parsed.data, { local: opts.local === true }));
}

/** `pipe remote list`: one `name<TAB>url` line per remote, the default marked. */
export function remoteList(): void {
  const root = projectRoot();
  const config = unwrap(readProjectConfig(root));
  const remotes = unwrap(readRemotes(config));
  const def = unwrap(defaultRemoteName(config));
  for (const [name, options] of Object.entries(remotes)) out(`${name}\t${options.url}${name === def ? '\t(default)' : ''}\n`);
}

/** `pipe remote remove NAME`: from both files, and as the default. */
export function remoteRemove(name: string): void {
  const root = projectRoot();
  const config = unwrap(readProjectConfig(root));
  if (unwrap(readRemotes(config))[name] === undefined) throw new UserError(`no remote named '${name}'`);
  for (const local of [false, true]) {
    unwrap(setConfigValue(root, ['remote', name], undefined, { local }));
    const own = unwrap(readProjectConfig(root));
    if (unwrap(defaultRemoteName(own)) === name) unwrap(setConfigValue(root, ['core', 'remote'], undefined, { local }));
  }
}

/** `pipe remote default [NAME] [-u] [--local]`. */
export function remoteDefault(name: string | undefined, opts: { unset?: boolean; local?: boolean }): void {
  const root = projectRoot();
  const config = unwrap(readProjectConfig(root));
  const local = { local: opts.local === true };
  if (opts.unset === true) {
    unwrap(setConfigValue(root, ['core', 'remote'], undefined, local));
    return;
  }
  if (name === undefined) {
    const def = unwrap(defaultRemoteName(config));
    if (def === undefined) throw new UserError('no default remote (pipe remote default NAME)');
    out(`${def}\n`);
    return;
  }
  if (unwrap(readRemotes(config))[name] === undefined) throw new UserError(`no remote named '${name}'`);
  unwrap(setConfigValue(root, ['core', 'remote'], name, local));
}
