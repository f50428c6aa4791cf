// Feature tables of the study (data/features/<set>/<split>.parquet): clip_ID, child_ID, label, then one DOUBLE
// column per feature, null where a clip has no features (too short, …) — imputed later by the median.
import { readFileSync } from 'node:fs';
import type { Matrix } from '../../src/ml/matrix.js';
import { StageError } from './stage-error.js';

export const META_COLUMNS = ['clip_ID', 'child_ID', 'label'] as const;

export interface FeatureTable {
  readonly clipIds: string[];
  readonly childIds: string[];
  readonly labels: string[];
  readonly columns: string[];
  /** rows × columns, NaN where missing. */
  readonly x: Matrix;
}

/** Encodes a feature table as Parquet bytes (deterministic for equal inputs). */
export async function featureTableToParquet(table: FeatureTable): Promise<Uint8Array> {
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  const { x } = table;
  const columnData = [
    { name: 'clip_ID', data: table.clipIds, type: 'STRING' as const },
    { name: 'child_ID', data: table.childIds, type: 'STRING' as const },
    { name: 'label', data: table.labels, type: 'STRING' as const },
    ...table.columns.map((name, c) => ({
      name,
      data: Array.from({ length: x.rows }, (_, r) => {
        const v = x.data[r * x.cols + c]!;
        return Number.isNaN(v) ? null : v;
      }),
      type: 'DOUBLE' as const,
    })),
  ];
  return new Uint8Array(parquetWriteBuffer({ columnData, createdBy: 'pipe featurize' }));
}

/** Reads a feature table written by featurize; errors name the file. */
export async function readFeatureTable(path: string): Promise<FeatureTable> {
  const { parquetMetadata, parquetReadObjects } = await import('hyparquet');
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new StageError(`${path}: cannot read file (run featurize first)`);
  }
  const file = new Uint8Array(bytes).buffer;
  const metadata = parquetMetadata(file);
  const names = metadata.schema.slice(1).map((s) => s.name);
  if (META_COLUMNS.some((c, i) => names[i] !== c)) throw new StageError(`${path}: expected leading columns ${META_COLUMNS.join(', ')}`);
  const columns = names.slice(META_COLUMNS.length);
  const records = (await parquetReadObjects({ file })) as Record<string, unknown>[];
  const data = new Float64Array(records.length * columns.length);
  records.forEach((record, r) => {
    columns.forEach((name, c) => {
      const v = record[name];
      data[r * columns.length + c] = typeof v === 'number' ? v : Number.NaN;
    });
  });
  return {
    clipIds: records.map((r) => String(r['clip_ID'])),
    childIds: records.map((r) => String(r['child_ID'])),
    labels: records.map((r) => String(r['label'])),
    columns,
    x: { data, rows: records.length, cols: columns.length },
  };
}

export const FEATURES_DIR = 'data/features';
export const SKIPPED_FILE = 'SKIPPED.json';

/** Path of a feature set's table for a split. */
export function featureTablePath(set: string, split: string, dir = `${FEATURES_DIR}/${set}`): string {
  return `${dir}/${split}.parquet`;
}
