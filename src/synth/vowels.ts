// Vowel formant targets for an infant reference vocal tract and for adult talkers, with vocal-tract-length
// scaling.
//
// Infant values are rough central values from acoustic studies of infant vocalizations (Kent & Murray,
// "Acoustic features of infant vocalic utterances at 3, 6, and 9 months", JASA 72, 1982; Buhr 1980), where F1
// lies near 1 kHz and F2 near 2.5-3.5 kHz. Formants scale inversely with vocal-tract length (uniform-tube
// approximation, Fant 1960), so a child with a longer tract gets proportionally lower formants. Adult values
// follow Peterson & Barney (1952) averaged over men and women.

/** Vocal-tract length (cm) of the infant reference the table is given for. */
export const REFERENCE_VTL_CM = 7.5;

/** Four formant frequencies (Hz) of one vowel. */
export type FormantSet = readonly [number, number, number, number];

/** Infant vowel targets at REFERENCE_VTL_CM, keyed by a rough IPA symbol. */
export const INFANT_VOWELS: Readonly<Record<string, FormantSet>> = {
  a: [1150, 2000, 4300, 5900],
  ae: [1050, 2600, 4400, 6000],
  e: [800, 2900, 4500, 6100],
  i: [550, 3300, 4700, 6200],
  o: [850, 1500, 4000, 5700],
  u: [600, 1450, 4000, 5600],
  schwa: [1000, 2600, 4300, 5900],
};

/** Adult vowel targets (for distant adult speech in the background). */
export const ADULT_VOWELS: Readonly<Record<string, FormantSet>> = {
  a: [790, 1250, 2650, 3700],
  e: [530, 1950, 2650, 3700],
  i: [330, 2500, 3150, 3900],
  o: [530, 920, 2450, 3500],
  u: [360, 1050, 2350, 3400],
  schwa: [550, 1450, 2550, 3600],
};

/** Typical infant formant bandwidths (Hz); infant formants are broad (lossy, small tracts). */
export const INFANT_BANDWIDTHS: FormantSet = [180, 250, 350, 450];

/** Typical adult formant bandwidths (Hz). */
export const ADULT_BANDWIDTHS: FormantSet = [80, 110, 170, 250];

/** The vowel names of a table. */
export function vowelNames(table: Readonly<Record<string, FormantSet>>): string[] {
  return Object.keys(table);
}

/** Looks a vowel up and scales its formants for a vocal tract of `vtlCm` (relative to `referenceVtlCm`). */
export function scaledVowel(
  table: Readonly<Record<string, FormantSet>>,
  name: string,
  vtlCm: number,
  referenceVtlCm = REFERENCE_VTL_CM,
): FormantSet {
  const base = table[name];
  if (base === undefined) throw new RangeError(`scaledVowel: unknown vowel "${name}"`);
  if (!(vtlCm > 0)) throw new RangeError(`scaledVowel: vtlCm must be > 0, got ${vtlCm}`);
  const s = referenceVtlCm / vtlCm;
  return [base[0] * s, base[1] * s, base[2] * s, base[3] * s];
}

/** Linear mix of two formant sets: (1 - w) * a + w * b. */
export function mixFormants(a: FormantSet, b: FormantSet, w: number): FormantSet {
  return [a[0] + w * (b[0] - a[0]), a[1] + w * (b[1] - a[1]), a[2] + w * (b[2] - a[2]), a[3] + w * (b[3] - a[3])];
}
