// Label encoder (sklearn.preprocessing.LabelEncoder): classes sorted as Python's sorted(), index = position.

/** The fitted state, as stored in a saved model. */
export interface LabelEncoderJson {
  readonly kind: 'label-encoder';
  readonly version: 1;
  readonly classes: string[];
}

/** Python str ordering: by Unicode code point (JS `<` compares UTF-16 code units, which differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done === true) return y.done === true ? 0 : -1;
    if (y.done === true) return 1;
    const d = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
}

/** Maps string labels to 0..k−1 in sorted order and back. */
export class LabelEncoder {
  private readonly index: Map<string, number>;

  private constructor(readonly classes: readonly string[]) {
    this.index = new Map(classes.map((c, i) => [c, i]));
  }

  /** Learns the sorted unique labels. */
  static fit(labels: readonly string[]): LabelEncoder {
    if (labels.length === 0) throw new RangeError('LabelEncoder.fit: no labels');
    for (const l of labels) if (typeof l !== 'string') throw new TypeError('LabelEncoder.fit: labels must be strings');
    return new LabelEncoder([...new Set(labels)].sort(compareCodePoints));
  }

  /** Builds an encoder from a known class list (must be sorted and unique, as `fit` produces). */
  static fromClasses(classes: readonly string[]): LabelEncoder {
    for (let i = 1; i < classes.length; i++) {
      if (compareCodePoints(classes[i - 1] ?? '', classes[i] ?? '') >= 0) {
        throw new RangeError('LabelEncoder.fromClasses: classes must be sorted and unique');
      }
    }
    if (classes.length === 0) throw new RangeError('LabelEncoder.fromClasses: no classes');
    return new LabelEncoder([...classes]);
  }

  /** Class indices of `labels`; an unseen label throws RangeError (as sklearn's ValueError). */
  transform(labels: readonly string[]): Int32Array {
    const out = new Int32Array(labels.length);
    labels.forEach((l, i) => {
      const v = this.index.get(l);
      if (v === undefined) throw new RangeError(`LabelEncoder.transform: unseen label ${JSON.stringify(l)}`);
      out[i] = v;
    });
    return out;
  }

  /** Labels of class indices. */
  inverseTransform(indices: ArrayLike<number>): string[] {
    return Array.from(indices, (v) => {
      const c = this.classes[v];
      if (c === undefined || !Number.isInteger(v)) throw new RangeError(`LabelEncoder.inverseTransform: bad index ${v}`);
      return c;
    });
  }

  /** Plain JSON form for saving with a model. */
  toJSON(): LabelEncoderJson {
    return { kind: 'label-encoder', version: 1, classes: [...this.classes] };
  }

  /** Restores an encoder from `toJSON()` output, validating its shape. */
  static fromJSON(json: unknown): LabelEncoder {
    const o = json as Partial<LabelEncoderJson> | null;
    if (typeof o !== 'object' || o === null || o.kind !== 'label-encoder' || o.version !== 1) {
      throw new TypeError('LabelEncoder.fromJSON: not a label-encoder v1 object');
    }
    if (!Array.isArray(o.classes) || !o.classes.every((c) => typeof c === 'string')) {
      throw new TypeError('LabelEncoder.fromJSON: classes must be strings');
    }
    return LabelEncoder.fromClasses(o.classes);
  }
}
