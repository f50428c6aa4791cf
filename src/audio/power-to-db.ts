// Power to decibels with a floor and a dynamic-range limit, as librosa.power_to_db.
// Reference: librosa 0.11 `power_to_db`: 10·log10(max(amin, S)) − 10·log10(max(amin, ref)), then, when top_db
// is set, max(·, max over the whole input − top_db).

export interface PowerToDbOptions {
  /** Power mapped to 0 dB. Default 1. */
  readonly refPower?: number;
  /** Smallest power considered (avoids log 0). Default 1e-10. */
  readonly aminPower?: number;
  /** Clamp to at most this many dB below the loudest value of the whole input; null disables. Default 80. */
  readonly topDb?: number | null;
}

/** Converts power values to dB, returning a new array of the same length. */
export function powerToDb(power: Float64Array, options: PowerToDbOptions = {}): Float64Array {
  const refPower = options.refPower ?? 1;
  const aminPower = options.aminPower ?? 1e-10;
  const topDb = options.topDb === undefined ? 80 : options.topDb;
  if (!(aminPower > 0)) throw new RangeError(`powerToDb: aminPower must be > 0, got ${aminPower}`);
  if (!(refPower > 0)) throw new RangeError(`powerToDb: refPower must be > 0, got ${refPower}`);
  if (topDb !== null && !(topDb >= 0)) throw new RangeError(`powerToDb: topDb must be ≥ 0, got ${topDb}`);
  const offsetDb = 10 * Math.log10(Math.max(aminPower, refPower));
  const out = new Float64Array(power.length);
  let maxDb = -Infinity;
  for (let i = 0; i < power.length; i++) {
    const db = 10 * Math.log10(Math.max(aminPower, power[i]!)) - offsetDb;
    out[i] = db;
    if (db > maxDb) maxDb = db;
  }
  if (topDb !== null) {
    const floorDb = maxDb - topDb;
    for (let i = 0; i < out.length; i++) if (out[i]! < floorDb) out[i] = floorDb;
  }
  return out;
}
