// The layering the README describes, checked over the import graph of src/ and stages/ (every file, tests too):
// the engine imports nothing outside src/engine/; a library (any other folder of src/ but the CLI, so new ones are
// covered as they are added) never imports the engine, the CLI, stages/ or test/; code outside tests never imports
// test/; and there are no import cycles.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importEdges, sourceFiles, type ImportEdge } from '../support/import-graph.js';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const files = sourceFiles(REPO_ROOT, ['src', 'stages']);
const edges = importEdges(REPO_ROOT, files);

type Layer = 'engine' | 'cli' | 'library' | 'stages' | 'test' | 'other';

/** The layer of a repository path: src/engine, src/cli, any other src/<folder> (a library), stages/, test/. */
function layerOf(path: string): Layer {
  if (path.startsWith('src/engine/')) return 'engine';
  if (path.startsWith('src/cli/')) return 'cli';
  if (/^src\/[^/]+\//.test(path)) return 'library';
  if (path.startsWith('stages/')) return 'stages';
  if (path.startsWith('test/')) return 'test';
  return 'other';
}

const isTest = (path: string): boolean => path.endsWith('.test.ts');
const show = (bad: readonly ImportEdge[]): string[] => bad.map((e) => `${e.from}:${e.line} imports ${e.to}`);

describe('layering', () => {
  it('reads a graph of the whole source tree', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(edges.some((e) => e.from === 'src/cli/main.ts')).toBe(true);
  });

  it('keeps src/engine/ free of imports from outside it', () => {
    const bad = edges.filter((e) => layerOf(e.from) === 'engine' && layerOf(e.to) !== 'engine' && !(isTest(e.from) && layerOf(e.to) === 'test'));
    expect(show(bad)).toEqual([]);
  });

  it('keeps libraries (src/* but engine and cli) off the engine, the CLI, stages/ and test/ (their tests may use test/support/)', () => {
    const bad = edges.filter((e) => {
      if (layerOf(e.from) !== 'library') return false;
      const to = layerOf(e.to);
      if (to === 'test') return !isTest(e.from) || !e.to.startsWith('test/support/');
      return to === 'engine' || to === 'cli' || to === 'stages';
    });
    expect(show(bad)).toEqual([]);
  });

  it('keeps test support out of non-test code', () => {
    const bad = edges.filter((e) => !isTest(e.from) && layerOf(e.to) === 'test');
    expect(show(bad)).toEqual([]);
  });

  it('has no import cycles', () => {
    expect(findCycles(edges).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('finds a cycle and classifies new libraries (self-check of the rules)', () => {
    const cycle = findCycles([{ from: 'a.ts', to: 'b.ts', line: 1 }, { from: 'b.ts', to: 'a.ts', line: 1 }]);
    expect(cycle).toEqual([['a.ts', 'b.ts', 'a.ts']]);
    expect(['src/nn/conv.ts', 'src/annotate/server.ts', 'src/util/csv.ts'].map(layerOf)).toEqual(['library', 'library', 'library']);
    expect(['src/engine/graph.ts', 'src/cli/main.ts', 'stages/tune.ts'].map(layerOf)).toEqual(['engine', 'cli', 'stages']);
  });
});
