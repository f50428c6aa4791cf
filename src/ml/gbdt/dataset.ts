// Tabular data from CSV text: numeric feature columns (empty cell = missing) and an optional label column.
import { MlInputError } from '../ml-input-error.js';
import { parseCsv, parseNumericCell } from '../../util/csv.js';
import { matrix, type Matrix } from '../matrix.js';

/** Features, feature names and (when a label column was named) integer-encoded labels. */
export interface CsvDataset {
  readonly x: Matrix;
  readonly featureNames: string[];
  /** Encoded labels 0..K−1, or null without a label column. */
  readonly labels: Int32Array | null;
  /** Original label text of each code (sorted like scikit-learn's LabelEncoder; numeric labels numerically). */
  readonly classes: string[];
}

/** Options of `datasetFromCsv`. */
export interface DatasetFromCsvOptions {
  /** Name of the label column; omitted = no labels (prediction data). */
  labelColumn?: string;
  /** Label texts fixing the encoding (e.g. the training set's classes); default: derived from the data. */
  classes?: readonly string[];
  /** Columns to leave out (ids, file names). Default none. */
  dropColumns?: readonly string[];
  /** Exact feature columns, in this order (e.g. a model's feature names); default all others. */
  featureColumns?: readonly string[];
}

/** Parses CSV text into a dataset; throws RangeError naming the row and column of a bad cell. */
export function datasetFromCsv(text: string, options: DatasetFromCsvOptions = {}): CsvDataset {
  const table = parseCsv(text);
  const drop = new Set(options.dropColumns ?? []);
  const labelAt = options.labelColumn === undefined ? -1 : table.header.indexOf(options.labelColumn);
  if (options.labelColumn !== undefined && labelAt < 0) throw new MlInputError('bad-dataset', `dataset: no column named '${options.labelColumn}'`);
  const featureCols: number[] = [];
  if (options.featureColumns) {
    for (const name of options.featureColumns) {
      const at = table.header.indexOf(name);
      if (at < 0) throw new MlInputError('bad-dataset', `dataset: no column named '${name}'`);
      featureCols.push(at);
    }
  } else {
    table.header.forEach((name, i) => {
      if (i !== labelAt && !drop.has(name)) featureCols.push(i);
    });
  }
  const rows = table.rows.length;
  const cols = featureCols.length;
  const data = new Float64Array(rows * cols);
  table.rows.forEach((row, r) => {
    featureCols.forEach((c, j) => {
      data[r * cols + j] = parseNumericCell(row[c]!, `dataset row ${r + 1}, column '${table.header[c]}'`);
    });
  });
  let labels: Int32Array | null = null;
  let classes: string[] = options.classes ? [...options.classes] : [];
  if (labelAt >= 0) {
    const texts = table.rows.map((row) => row[labelAt]!.trim());
    if (!options.classes) {
      const unique = [...new Set(texts)];
      const numeric = unique.every((t) => t !== '' && Number.isFinite(Number(t)));
      classes = numeric ? unique.sort((a, b) => Number(a) - Number(b)) : unique.sort();
    }
    const code = new Map(classes.map((c, i) => [c, i]));
    // Integer labels 0..K−1 keep their own values so that class k is column k whatever the data holds.
    const identity = classes.every((c) => /^\d+$/.test(c)) && texts.every((t) => /^\d+$/.test(t));
    labels = Int32Array.from(texts, (t, r) => {
      const k = identity ? Number(t) : code.get(t);
      if (k === undefined || t === '') throw new MlInputError('bad-dataset', `dataset row ${r + 1}: label '${t}' is not one of the known classes`);
      return k;
    });
    if (identity) {
      const max = Math.max(...labels, Number(classes[classes.length - 1] ?? 0));
      classes = Array.from({ length: max + 1 }, (_, i) => String(i));
    }
  }
  return { x: matrix(data, rows, cols), featureNames: featureCols.map((c) => table.header[c]!), labels, classes };
}
