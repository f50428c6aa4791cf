// The study's five classes, their overall shares and the columns of its metadata.

/** Labels in the `Answer` column, in the study's label-encoder (alphabetical) order. */
export const LABELS = ['Canonical', 'Crying', 'Junk', 'Laughing', 'Non-canonical'] as const;
export type Label = (typeof LABELS)[number];

/**
 * Overall class shares of the study's ingested corpus (10,770 clips: train + valid + test counts of
 * research-pipeline.md): Canonical 1397, Crying 597, Junk 4179, Laughing 149, Non-canonical 4448.
 */
export const STUDY_CLASS_COUNTS: Readonly<Record<Label, number>> = {
  Canonical: 1397,
  Crying: 597,
  Junk: 4179,
  Laughing: 149,
  'Non-canonical': 4448,
};

/** Metadata columns, in order, as the study's CSV has them. */
export const METADATA_COLUMNS = ['child_ID', 'age_mo_round', 'child_gender', 'clip_ID', 'Answer', 'corpus'] as const;
