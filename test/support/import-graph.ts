// The project's import graph, read from the sources: every relative `import`/`export … from`/`import()` of each
// TypeScript file under the given roots, resolved to repository paths (`./x.js` → `x.ts`, `./dir` → `dir/index.ts`).
// Package imports (`node:fs`, `zod`) are not edges.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** One import: the importing file, the imported file (repository-relative, `/`-separated), and the line. */
export interface ImportEdge {
  readonly from: string;
  readonly to: string;
  readonly line: number;
}

const IMPORT_PATTERN = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]+)\1/gm;

/** Every .ts file under `roots` (repository-relative folders), skipping node_modules and dist. */
export function sourceFiles(repoRoot: string, roots: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name === 'node_modules' || name === 'dist' || name === 'fixtures') continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(toRepoPath(repoRoot, path));
    }
  };
  for (const root of roots) if (existsSync(join(repoRoot, root))) walk(join(repoRoot, root));
  return out;
}

/** The relative imports of `files`, resolved to the files they name (unresolvable ones keep their spelling). */
export function importEdges(repoRoot: string, files: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of files) {
    const text = readFileSync(join(repoRoot, from), 'utf8');
    for (const match of text.matchAll(IMPORT_PATTERN)) {
      const line = text.slice(0, match.index).split('\n').length;
      edges.push({ from, to: resolveImport(repoRoot, from, match[2]!), line });
    }
  }
  return edges;
}

/** Import cycles (each as the files around it, first file repeated at the end), found by a depth-first search. */
export function findCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const to of next.get(file) ?? []) {
      if (state.get(to) === 'open') cycles.push([...stack.slice(stack.indexOf(to)), to]);
      else if (state.get(to) === undefined) visit(to);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...next.keys()].sort()) if (state.get(file) === undefined) visit(file);
  return cycles;
}

function resolveImport(repoRoot: string, from: string, specifier: string): string {
  const base = join(repoRoot, dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  return toRepoPath(repoRoot, found ?? base);
}

function toRepoPath(repoRoot: string, path: string): string {
  return relative(repoRoot, path).split(sep).join('/');
}
