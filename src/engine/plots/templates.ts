// DVC's plot templates (linear, simple, scatter, smooth, confusion, confusion_normalized, bar_horizontal,
// bar_horizontal_sorted) as Vega-Lite specs, written after dvc-render's vega_templates.py: the same marks,
// encodings and `rev` faceting/colouring, without its hover selections.
import type { Row } from './plot-data.js';

export type VegaLiteSpec = Record<string, unknown>;

/** Names of the templates `template:` may choose. */
export const TEMPLATE_NAMES = ['linear', 'simple', 'scatter', 'smooth', 'confusion', 'confusion_normalized', 'bar_horizontal', 'bar_horizontal_sorted'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** What a template is filled with: rows plus the fields to encode. */
export interface TemplateInput {
  readonly rows: readonly Row[];
  readonly x: string;
  readonly y: string;
  /** Field naming the line/bar series (revision and, for several sources, file::column). */
  readonly series: string;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const WIDTH = 300;
const HEIGHT = 300;

/** True when `name` is one of DVC's built-in templates. */
export function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(name);
}

/** Fills template `name` with `input`. */
export function fillTemplate(name: TemplateName, input: TemplateInput): VegaLiteSpec {
  const base = { $schema: SCHEMA, data: { values: input.rows }, title: { text: input.title, anchor: 'middle' } };
  const color = { field: input.series, type: 'nominal', legend: { title: null, orient: 'bottom', labelLimit: 400 } };
  const x = { field: input.x, type: 'quantitative', title: input.xLabel };
  const y = { field: input.y, type: 'quantitative', title: input.yLabel, scale: { zero: false } };
  switch (name) {
    case 'linear':
      return { ...base, width: WIDTH, height: HEIGHT, mark: { type: 'line', point: true, tooltip: true }, encoding: { x, y, color } };
    case 'simple':
      return { ...base, width: WIDTH, height: HEIGHT, mark: { type: 'line', tooltip: true }, encoding: { x, y, color } };
    case 'scatter':
      return { ...base, width: WIDTH, height: HEIGHT, mark: { type: 'point', filled: true, tooltip: true }, encoding: { x, y, color } };
    case 'smooth':
      return {
        ...base,
        width: WIDTH,
        height: HEIGHT,
        layer: [
          { mark: { type: 'point', opacity: 0.3, tooltip: true }, encoding: { x, y, color } },
          {
            transform: [{ loess: input.y, on: input.x, groupby: [input.series], bandwidth: 0.3 }],
            mark: { type: 'line' },
            encoding: { x, y, color },
          },
        ],
      };
    case 'confusion':
    case 'confusion_normalized':
      return confusion(base, input, name === 'confusion_normalized');
    case 'bar_horizontal':
    case 'bar_horizontal_sorted':
      return {
        ...base,
        width: WIDTH,
        height: HEIGHT,
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { ...x, scale: { zero: false } },
          y: { field: input.y, type: 'nominal', title: input.yLabel, ...(name === 'bar_horizontal_sorted' ? { sort: '-x' } : {}) },
          yOffset: { field: input.series, sort: [] },
          color,
        },
      };
  }
}

/** Counts of (y = actual, x = predicted) rows per series (revision, file), one facet column per series. */
function confusion(base: VegaLiteSpec, input: TemplateInput, normalized: boolean): VegaLiteSpec {
  const transform: unknown[] = [
    { aggregate: [{ op: 'count', as: 'xy_count' }], groupby: [input.series, input.y, input.x] },
    { impute: 'xy_count', groupby: [input.series, input.y], key: input.x, value: 0 },
    { impute: 'xy_count', groupby: [input.series, input.x], key: input.y, value: 0 },
  ];
  if (normalized) {
    transform.push({ joinaggregate: [{ op: 'sum', field: 'xy_count', as: 'sum_y' }], groupby: [input.series, input.y] });
    transform.push({ calculate: 'datum.sum_y > 0 ? datum.xy_count / datum.sum_y : 0', as: 'percent_of_y' });
  }
  const value = normalized ? 'percent_of_y' : 'xy_count';
  transform.push({ joinaggregate: [{ op: 'max', field: value, as: 'max_value' }], groupby: [input.series] });
  transform.push({ calculate: `datum.max_value > 0 ? datum.${value} / datum.max_value : 0`, as: 'percent_of_max' });
  return {
    ...base,
    facet: { column: { field: input.series, type: 'nominal', sort: [], title: null } },
    spec: {
      width: WIDTH,
      height: HEIGHT,
      transform,
      encoding: {
        x: { field: input.x, type: 'nominal', sort: 'ascending', title: input.xLabel },
        y: { field: input.y, type: 'nominal', sort: 'ascending', title: input.yLabel },
      },
      layer: [
        {
          mark: { type: 'rect', tooltip: true },
          encoding: { color: { field: value, type: 'quantitative', title: '', scale: { domainMin: 0, nice: true } } },
        },
        {
          mark: 'text',
          encoding: {
            text: { field: value, type: 'quantitative', format: normalized ? '.2f' : 'd' },
            color: { condition: { test: 'datum.percent_of_max > 0.5', value: 'white' }, value: 'black' },
          },
        },
      ],
    },
  };
}
