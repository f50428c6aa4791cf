// `pipe exp show` formatting: the --filter grammar, sorting after filtering, the changed-deps column.
import { describe, expect, it } from 'vitest';
import { parseFilter } from './exp-filter.js';
import { formatExpShow, type ExpShowFlags, type ShowRow } from './exp-show.js';

const FLAGS: ExpShowFlags = { format: 'csv', all: false, sortBy: undefined, sortOrder: 'desc', filters: [] };

function row(name: string, trials: number, model: string, uar: number, changedDeps: string[] = []): ShowRow {
  return {
    name,
    created: '',
    base: '',
    params: { 'params.yaml': { 'tuning.n_trials': trials, model, seed: 1 } },
    metrics: { 'metrics.json': { 'test.uar': uar } },
    changedDeps,
  };
}

const ROWS = [row('workspace', 20, 'svm', 0.5), row('a', 20, 'svm', 0.55), row('b', 40, 'gbdt', 0.61, ['features.npy']), row('c', 80, 'gbdt', 0.7)];

function names(filters: string[], extra: Partial<ExpShowFlags> = {}): string[] {
  const out = formatExpShow(ROWS, { ...FLAGS, ...extra, filters, format: 'json' });
  return (JSON.parse(out) as ShowRow[]).map((r) => r.name);
}

describe('exp show --filter', () => {
  it('keeps rows where every filter holds; the workspace row always stays first', () => {
    expect(names(['metrics.test.uar>0.6'])).toEqual(['workspace', 'b', 'c']);
    expect(names(['metrics.test.uar>=0.61', 'params.tuning.n_trials=40'])).toEqual(['workspace', 'b']);
    expect(names(['params.yaml:model=gbdt'])).toEqual(['workspace', 'b', 'c']);
    expect(names(["model != 'gbdt'"])).toEqual(['workspace', 'a']);
    expect(names(['tuning.n_trials<40'])).toEqual(['workspace', 'a']);
    expect(names(['seed==1'])).toEqual(['workspace', 'a', 'b', 'c']); // a param equal everywhere is still filterable
    expect(names(['metrics.test.uar>0.9'])).toEqual(['workspace']);
  });

  it('sorts what the filter kept', () => {
    expect(names(['model=gbdt'], { sortBy: 'metrics.test.uar', sortOrder: 'asc' })).toEqual(['workspace', 'b', 'c']);
    expect(names(['model=gbdt'], { sortBy: 'test.uar', sortOrder: 'desc' })).toEqual(['workspace', 'c', 'b']);
  });

  it('refuses a malformed filter, an ordering op on text and an unknown column with one line', () => {
    expect(() => parseFilter('uar')).toThrow("--filter 'uar': expected COLUMN OP VALUE, e.g. 'metrics.test.uar>0.6' (OP: = != < <= > >=)");
    expect(() => parseFilter('uar>')).toThrow(/expected COLUMN OP VALUE/);
    expect(() => parseFilter('model<svm')).toThrow("--filter 'model<svm': '<' needs a number, got 'svm'");
    expect(() => names(['metrics.nope>1'])).toThrow("--filter 'metrics.nope>1': no such metric or param");
  });

  it('parses numbers, booleans and quoted text', () => {
    expect(parseFilter('metrics.test.uar >= 6e-1')).toMatchObject({ column: 'metrics.test.uar', op: '>=', value: 0.6 });
    expect(parseFilter('params.use_gpu=true')).toMatchObject({ op: '=', value: true });
    expect(parseFilter('params.model="svm"')).toMatchObject({ value: 'svm' });
  });
});

describe('exp show changed deps', () => {
  it('adds a Changed deps column only when some experiment has one', () => {
    const lines = formatExpShow(ROWS, FLAGS).trim().split('\n');
    expect(lines[0]).toBe('Experiment,Created,test.uar,tuning.n_trials,model,Changed deps');
    expect(lines[3]).toBe('b,,0.61,40,gbdt,features.npy');
    expect(lines[4]).toBe('c,,0.7,80,gbdt,-');
    const none = formatExpShow(ROWS.map((r) => ({ ...r, changedDeps: [] })), FLAGS);
    expect(none.split('\n')[0]).toBe('Experiment,Created,test.uar,tuning.n_trials,model');
  });
});
