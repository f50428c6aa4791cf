// Histogram building and the sibling subtraction of the hist grower as WebAssembly generated from TypeScript:
// a row's gradient and hessian travel as one float64x2 and are added to each feature's bin slot in row order, so
// every slot receives the same additions in the same order as a scalar loop (bit-identical sums).
import { Body, T } from '../../util/wasm-emit.js';

/** Features whose bins are added per pass over the node's rows (each row's pair is loaded once for all of them). */
const GROUP = 4;

/**
 * build(hist, gh, rows, m, bins, nRows, feats, nf, slotOff): adds the pairs gh[i] (float64 gradient, hessian) of
 * the node's rows rows[0..m) (int32 row numbers) into the histogram at `hist` for the features feats[0..nf).
 * `bins` holds the column-major uint16 bins (bins[f·nRows + r]); slotOff the int32 first slot of each feature.
 */
export function buildBody(): Body {
  const b = new Body([T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32]);
  const [hist, gh, rows, m, bins, nRows, feats, nf, slotOff] = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;
  const k = b.local(T.i32);
  const i = b.local(T.i32);
  const pr = b.local(T.i32);
  const pg = b.local(T.i32);
  const r2 = b.local(T.i32);
  const at = b.local(T.i32);
  const f = b.local(T.i32);
  const v = b.local(T.v128);
  const offs = Array.from({ length: GROUP }, () => b.local(T.i32));
  const cols = Array.from({ length: GROUP }, () => b.local(T.i32));

  /** Points offs[j] at feature k+j's first slot and cols[j] at its bin column. */
  const setup = (j: number): void => {
    b.get(feats).get(k).i32(j).add().i32(2).shl().add().i32Load().set(f);
    b.get(hist).get(slotOff).get(f).i32(2).shl().add().i32Load().i32(4).shl().add().set(offs[j]!);
    b.get(bins).get(f).get(nRows).mul().i32(1).shl().add().set(cols[j]!);
  };
  /** The pass over the rows for `width` features. */
  const pass = (width: number): void => {
    b.i32(0).set(i);
    b.get(rows).set(pr);
    b.get(gh).set(pg);
    b.block().loop();
    b.get(i).get(m).geS().brIf(1);
    b.get(pr).i32Load().i32(1).shl().set(r2);
    b.get(pg).v128Load().set(v);
    for (let j = 0; j < width; j++) {
      b.get(offs[j]!).get(cols[j]!).get(r2).add().i32Load16U().i32(4).shl().add().tee(at);
      b.get(at).v128Load().get(v).f64x2Add().v128Store();
    }
    b.get(i).i32(1).add().set(i);
    b.get(pr).i32(4).add().set(pr);
    b.get(pg).i32(16).add().set(pg);
    b.br(0).end().end();
  };
  b.block().loop();
  b.get(k).i32(GROUP - 1).add().get(nf).geS().brIf(1);
  for (let j = 0; j < GROUP; j++) setup(j);
  pass(GROUP);
  b.get(k).i32(GROUP).add().set(k);
  b.br(0).end().end();
  b.block().loop();
  b.get(k).get(nf).geS().brIf(1);
  setup(0);
  pass(1);
  b.get(k).i32(1).add().set(k);
  b.br(0).end().end();
  return b;
}

/**
 * subtract(parent, small, ranges, n): parent −= small over the n float64 ranges [ranges[2q], ranges[2q+1]) (int32
 * offsets from each histogram's start, even: whole slots), a slot's two lanes at a time.
 */
export function subtractBody(): Body {
  const b = new Body([T.i32, T.i32, T.i32, T.i32]);
  const [parent, small, ranges, n] = [0, 1, 2, 3] as const;
  const q = b.local(T.i32);
  const pp = b.local(T.i32);
  const ps = b.local(T.i32);
  const end = b.local(T.i32);
  b.block().loop();
  b.get(q).get(n).geS().brIf(1);
  b.get(ranges).get(q).i32(3).shl().add().i32Load().i32(3).shl().set(pp);
  b.get(ranges).get(q).i32(3).shl().add().i32Load(4).i32(3).shl().get(parent).add().set(end);
  b.get(small).get(pp).add().set(ps);
  b.get(parent).get(pp).add().set(pp);
  b.block().loop();
  b.get(pp).get(end).geU().brIf(1);
  b.get(pp).get(pp).v128Load().get(ps).v128Load().f64x2Sub().v128Store();
  b.get(pp).i32(16).add().set(pp);
  b.get(ps).i32(16).add().set(ps);
  b.br(0).end().end();
  b.get(q).i32(1).add().set(q);
  b.br(0).end().end();
  return b;
}
