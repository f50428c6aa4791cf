// One clip of the study's split tables (data/splits/<split>.csv): the metadata columns plus the audio's `path`.

/** The metadata columns every corpus provides (one row per clip). */
export const METADATA_COLUMNS = ['child_ID', 'age_mo_round', 'child_gender', 'clip_ID', 'Answer', 'corpus'] as const;
/** A split table's columns: the metadata plus `path` (the clip's audio, relative to the project root). */
export const SPLIT_COLUMNS = [...METADATA_COLUMNS, 'path'] as const;

export interface ClipRecord {
  readonly child_ID: string;
  readonly age_mo_round: string;
  readonly child_gender: string;
  readonly clip_ID: string;
  readonly Answer: string;
  readonly corpus: string;
  readonly path: string;
}
