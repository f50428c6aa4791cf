// The split scan of `bestHistSplit` (hist-split.ts) as WebAssembly generated from TypeScript (no toolchain), two
// features at a time in float64x2 lanes. Every lane sums its own feature's bins in bin order, as the TypeScript
// scan does, and applies the same bar test; a candidate that clears it is evaluated by `consider` with the same
// float64 operations (WebAssembly rounds each operation as IEEE 754 does and never fuses a multiply-add). Because
// the two lanes visit candidates out of the sequential order, a tie in loss goes to the candidate the sequential
// scan meets first (an order key: feature position, direction, bin), so the split returned is exactly the
// TypeScript scan's.
import { Body, T, encodeModule } from '../../util/wasm-emit.js';
import { buildBody, subtractBody } from './hist-build-wasm.js';

/** Byte layout of the scan's result record at `out` (key: order of the candidate in the sequential scan, −1 none). */
export const SCAN_OUT = { loss: 0, leftG: 8, leftH: 16, feature: 24, leftMaxBin: 28, defaultLeft: 32, key: 36, bytes: 40 } as const;

/** Largest feature count and bin count the order key holds (callers fall back to the TypeScript scan beyond). */
export const SCAN_MAX_FEATURES = 1 << 14;
export const SCAN_MAX_BINS = 1 << 16;

const CONSIDER = 1;
const KEY_FEATURE_SHIFT = 17;
const KEY_BACKWARD = 1 << 16;

/** Pushes the soft threshold of the f64 local `g` by `alpha` (or g itself when `alphaZero`), as thresholdL1. */
function thresholdScalar(b: Body, g: number, alpha: number, alphaZero: number): void {
  b.get(g);
  b.get(g).get(alpha).f64Sub();
  b.get(g).get(alpha).f64Add();
  b.f64Const(0);
  b.get(g).f64Const(0).get(alpha).f64Sub().f64Lt();
  b.select();
  b.get(g).get(alpha).f64Gt();
  b.select();
  b.get(alphaZero);
  b.select();
}

/**
 * consider(out, key, feature, leftMaxBin, defaultLeft, gl, gr, hl, hr, rootGain, lambda, alpha, barFactor, bar) → bar.
 * One candidate with left sums (gl, hl) and right sums (gr, hr): the bar test, then the exact loss; records it at
 * `out` when it beats the best (or ties it and comes first in the sequential order). Returns the bar to use next.
 */
function considerBody(): Body {
  const b = new Body([T.i32, T.i32, T.i32, T.i32, T.i32, T.f64, T.f64, T.f64, T.f64, T.f64, T.f64, T.f64, T.f64, T.f64], [T.f64]);
  const [out, key, feature, lmb, dir, gl, gr, hl, hr, rootGain, lambda, alpha, barFactor, bar] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13] as const;
  const alphaZero = b.local(T.i32);
  const [tl, tr, sl, sr, dl, dr, loss, best] = Array.from({ length: 8 }, () => b.local(T.f64)) as [number, number, number, number, number, number, number, number];
  const bestKey = b.local(T.i32);
  b.get(alpha).f64Const(0).f64Eq().set(alphaZero);
  thresholdScalar(b, gl, alpha, alphaZero);
  b.set(tl);
  thresholdScalar(b, gr, alpha, alphaZero);
  b.set(tr);
  b.get(tl).get(tl).f64Mul().set(sl);
  b.get(tr).get(tr).f64Mul().set(sr);
  b.get(hl).get(lambda).f64Add().set(dl);
  b.get(hr).get(lambda).f64Add().set(dr);
  // sl·dr + sr·dl < bar·(dl·dr): cannot beat the best
  b.get(sl).get(dr).f64Mul().get(sr).get(dl).f64Mul().f64Add();
  b.get(bar).get(dl).get(dr).f64Mul().f64Mul();
  b.f64Lt().if().get(bar).return().end();
  b.get(sl).get(dl).f64Div().get(sr).get(dr).f64Div().f64Add().get(rootGain).f64Sub().set(loss);
  b.get(out).f64Load(SCAN_OUT.loss).set(best);
  b.get(out).i32Load(SCAN_OUT.key).set(bestKey);
  // loss > best || (loss == best && bestKey ≥ 0 && key < bestKey)
  b.get(loss).get(best).f64Gt();
  b.get(loss).get(best).f64Eq().get(bestKey).i32(0).geS().and().get(key).get(bestKey).ltS().and();
  b.or().eqz().if().get(bar).return().end();
  b.get(out).get(loss).f64Store(SCAN_OUT.loss);
  b.get(out).get(gl).f64Store(SCAN_OUT.leftG);
  b.get(out).get(hl).f64Store(SCAN_OUT.leftH);
  b.get(out).get(feature).i32Store(SCAN_OUT.feature);
  b.get(out).get(lmb).i32Store(SCAN_OUT.leftMaxBin);
  b.get(out).get(dir).i32Store(SCAN_OUT.defaultLeft);
  b.get(out).get(key).i32Store(SCAN_OUT.key);
  b.get(loss).get(rootGain).f64Add().get(barFactor).f64Mul();
  return b;
}

/**
 * scan(hist, feats, nf, cutPtr, slotOff, G, H, rootGain, mcw, lambda, alpha, barFactor, out) → found.
 * Pointers are byte addresses: hist (interleaved float64 gradient, hessian per slot), feats, cutPtr and slotOff
 * (int32). Writes the best split to `out` (SCAN_OUT layout) and returns 1, or returns 0 when no candidate gains.
 */
function scanBody(): Body {
  const b = new Body([T.i32, T.i32, T.i32, T.i32, T.i32, T.f64, T.f64, T.f64, T.f64, T.f64, T.f64, T.f64, T.i32], [T.i32]);
  const [hist, feats, nf, cutPtr, slotOff, G, H, rootGain, mcw, lambda, alpha, barFactor, out] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
  const i32 = (): number => b.local(T.i32);
  const f64 = (): number => b.local(T.f64);
  const v128 = (): number => b.local(T.v128);
  const k = i32(), kk = i32(), f = i32(), nb = i32(), base = i32(), bin = i32(), p = i32(), last = i32(), mask = i32();
  const fB = i32(), baseB = i32(), nbB = i32(), lastB = i32(), pB = i32(), stop = i32(), t = i32();
  const bar = f64(), sG = f64(), sH = f64(), rH = f64(), bh = f64();
  const vsG = v128(), vsH = v128(), vG = v128(), vH = v128(), vLam = v128(), vAlpha = v128(), vNegAlpha = v128();
  const vZero = v128(), vDead = v128(), g2 = v128(), h2 = v128(), rH2 = v128(), tl2 = v128(), tr2 = v128(), dl2 = v128(), dr2 = v128();
  const va = v128(), vb = v128(), vLimit = v128(), vBar = v128();

  /** bar = consider(out, key, feature, lmb, dir, gl, gr, hl, hr, …, bar): the pushes for gl..hr come from `sums`. */
  const consider = (keyOf: () => void, feature: () => void, lmb: () => void, dir: number, sums: () => void): void => {
    b.get(out);
    keyOf();
    feature();
    lmb();
    b.i32(dir);
    sums();
    b.get(rootGain).get(lambda).get(alpha).get(barFactor).get(bar).call(CONSIDER).set(bar);
  };
  /** Key of a forward candidate of feature position `kLocal` at bin `binLocal`. */
  const forwardKey = (kLocal: number, binLocal: number) => (): void => {
    b.get(kLocal).i32(KEY_FEATURE_SHIFT).shl().get(binLocal).or();
  };

  /**
   * The scalar scans' step, inside `block` (next bin: 0, loop: 1, end of scan: 2): adds the bin at `p` (its hessian
   * already in `bh`) to the running sums sG, sH; skips to the next bin while that side is under min_child_weight,
   * and ends the scan once the other side (rH = H − sH) is.
   */
  const addBin = (): void => {
    b.get(sG).get(p).f64Load(0).f64Add().set(sG);
    b.get(sH).get(bh).f64Add().set(sH);
    b.get(sH).get(mcw).f64Lt().get(sH).f64Const(0).f64Le().or().brIf(0);
    b.get(H).get(sH).f64Sub().set(rH);
    b.get(rH).get(mcw).f64Lt().get(rH).f64Const(0).f64Le().or().brIf(2);
  };

  /**
   * Scalar forward scan of one feature from `bin` (sums so far in sG, sH) to `last`, the sequential rules exactly:
   * an empty bin after the first repeats the previous candidate, a left side under min_child_weight waits, a right
   * side under it ends the scan.
   */
  const forwardScalar = (kLocal: number, fLocal: number, baseLocal: number, lastLocal: number): void => {
    b.get(baseLocal).get(bin).i32(4).shl().add().set(p);
    b.block().loop();
    b.get(bin).get(lastLocal).geS().brIf(1);
    b.block();
    b.get(p).f64Load(8).tee(bh).f64Const(0).f64Eq().get(bin).i32(0).gtS().and().brIf(0);
    addBin();
    consider(forwardKey(kLocal, bin), () => b.get(fLocal), () => b.get(bin), 0, () => {
      b.get(sG).get(G).get(sG).f64Sub().get(sH).get(rH);
    });
    b.end();
    b.get(bin).i32(1).add().set(bin);
    b.get(p).i32(16).add().set(p);
    b.br(0).end().end();
  };

  /** Scalar backward scan of one feature (missing values go left), when its missing slot holds any hessian. */
  const backward = (kLocal: number, fLocal: number, baseLocal: number, nbLocal: number): void => {
    b.get(baseLocal).get(nbLocal).i32(4).shl().add().f64Load(8).f64Const(0).f64Le().eqz().if();
    b.f64Const(0).set(sG);
    b.f64Const(0).set(sH);
    b.get(nbLocal).i32(1).sub().set(bin);
    b.get(baseLocal).get(bin).i32(4).shl().add().set(p);
    b.block().loop();
    b.get(bin).i32(1).ltS().brIf(1);
    b.block();
    b.get(p).f64Load(8).tee(bh).f64Const(0).f64Eq().brIf(0);
    addBin(); // rH: the left side's hessian
    consider(
      () => b.get(kLocal).i32(KEY_FEATURE_SHIFT).shl().i32(KEY_BACKWARD).or().i32(KEY_BACKWARD - 1).get(bin).sub().or(),
      () => b.get(fLocal),
      () => b.get(bin).i32(1).sub(),
      1,
      () => b.get(G).get(sG).f64Sub().get(sG).get(rH).get(sH),
    );
    b.end();
    b.get(bin).i32(1).sub().set(bin);
    b.get(p).i32(16).sub().set(p);
    b.br(0).end().end();
    b.end();
  };

  /** Loads feature position `kLocal`'s feature, bin count, histogram base and forward end into the given locals. */
  const loadFeature = (kLocal: number, fL: number, nbL: number, baseL: number, lastL: number): void => {
    b.get(feats).get(kLocal).i32(2).shl().add().i32Load().set(fL);
    b.get(cutPtr).get(fL).i32(2).shl().add().tee(t).i32Load(4).get(t).i32Load().sub().set(nbL);
    b.get(hist).get(slotOff).get(fL).i32(2).shl().add().i32Load().i32(4).shl().add().set(baseL);
    // forward end: every bin when the missing slot holds hessian (the last split then sends only missing right)
    b.get(nbL).get(nbL).i32(1).sub().get(baseL).get(nbL).i32(4).shl().add().f64Load(8).f64Const(0).f64Gt().select().set(lastL);
  };

  b.get(out).f64Const(0).f64Store(SCAN_OUT.loss);
  b.get(out).i32(-1).i32Store(SCAN_OUT.key);
  b.get(rootGain).get(barFactor).f64Mul().tee(bar).f64x2Splat().set(vBar); // clearBar(0, rootGain)
  b.get(G).f64x2Splat().set(vG);
  b.get(H).f64x2Splat().set(vH);
  b.get(mcw).f64Const(Number.MIN_VALUE).f64Max().f64x2Splat().set(vLimit);
  b.get(lambda).f64x2Splat().set(vLam);
  b.get(alpha).f64x2Splat().set(vAlpha);
  b.f64Const(0).get(alpha).f64Sub().f64x2Splat().set(vNegAlpha);
  b.v128Zero().set(vZero);

  // Pairs of features in lanes.
  b.block().loop();
  b.get(k).i32(1).add().get(nf).geS().brIf(1);
  b.get(k).i32(1).add().set(kk);
  loadFeature(k, f, nb, base, last);
  loadFeature(kk, fB, nbB, baseB, lastB);
  b.v128Zero().set(vsG);
  b.v128Zero().set(vsH);
  b.v128Zero().set(vDead);
  b.get(last).get(lastB).get(last).get(lastB).ltS().select().set(stop);
  b.i32(0).set(bin);
  b.get(base).set(p);
  b.get(baseB).set(pB);
  // Lane-wise: gradient and hessian pairs of bin `bin` of both features.
  const step = (first: boolean): void => {
    b.get(p).v128Load().set(va);
    b.get(pB).v128Load().set(vb);
    b.get(va).get(vb).shuffle([0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]).set(g2);
    b.get(va).get(vb).shuffle([8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31]).set(h2);
    // an empty bin after the first adds nothing (the sequential scan skips it)
    b.get(vsG).get(g2);
    if (!first) b.get(h2).get(vZero).f64x2Ne().v128And();
    b.f64x2Add().set(vsG);
    b.get(vsH).get(h2).f64x2Add().tee(vsH).get(vLam).f64x2Add().set(dl2);
    b.get(vH).get(vsH).f64x2Sub().tee(rH2).get(vLam).f64x2Add().set(dr2);
    // `h < mcw || h <= 0` is `h < max(mcw, MIN_VALUE)`; a lane whose right side fell under it is done (the
    // sequential scan breaks), one whose left side is under it waits
    b.get(vDead).get(rH2).get(vLimit).f64x2Lt().v128Or().tee(vDead).get(vsH).get(vLimit).f64x2Lt().v128Or();
    // soft thresholds as x − pmin(pmax(x, −α), α): exactly thresholdL1's x − α, x + α or 0 (NaN lanes are not
    // skipped, so `consider` decides them)
    b.get(vsG).get(vsG).get(vNegAlpha).f64x2Pmax().get(vAlpha).f64x2Pmin().f64x2Sub().tee(tl2).get(tl2).f64x2Mul().get(dr2).f64x2Mul();
    b.get(vG).get(vsG).f64x2Sub().tee(tr2).get(tr2).get(vNegAlpha).f64x2Pmax().get(vAlpha).f64x2Pmin().f64x2Sub().tee(tr2).get(tr2).f64x2Mul().get(dl2).f64x2Mul();
    b.f64x2Add();
    b.get(vBar).get(dl2).get(dr2).f64x2Mul().f64x2Mul();
    b.f64x2Lt().v128Or().i64x2Bitmask().tee(mask).i32(3).ne().if();
    for (const lane of [0, 1] as const) {
      b.get(mask).i32(1 << lane).and().eqz().if();
      b.get(vsG).f64x2ExtractLane(lane).set(sG);
      b.get(vsH).f64x2ExtractLane(lane).set(sH);
      consider(forwardKey(lane === 0 ? k : kk, bin), () => b.get(lane === 0 ? f : fB), () => b.get(bin), 0, () => {
        b.get(sG).get(G).get(sG).f64Sub().get(sH).get(H).get(sH).f64Sub();
      });
      b.get(bar).f64x2Splat().set(vBar);
      b.end();
    }
    b.end();
  };
  b.get(stop).i32(0).gtS().if();
  step(true);
  b.get(bin).i32(1).add().set(bin);
  b.get(p).i32(16).add().set(p);
  b.get(pB).i32(16).add().set(pB);
  b.block().loop();
  b.get(bin).get(stop).geS().brIf(1);
  b.get(vDead).i64x2Bitmask().i32(3).eq().brIf(1);
  step(false);
  b.get(bin).i32(1).add().set(bin);
  b.get(p).i32(16).add().set(p);
  b.get(pB).i32(16).add().set(pB);
  b.br(0).end().end();
  b.end();
  // The longer feature's remaining bins, one lane at a time (a lane already done has nothing left).
  for (const lane of [0, 1] as const) {
    const [kL, fL, baseL, lastL] = lane === 0 ? [k, f, base, last] : [kk, fB, baseB, lastB];
    b.get(bin).get(lastL).ltS().get(vDead).i64x2Bitmask().i32(1 << lane).and().eqz().and().if();
    b.get(vsG).f64x2ExtractLane(lane).set(sG);
    b.get(vsH).f64x2ExtractLane(lane).set(sH);
    const saved = b.local(T.i32);
    b.get(bin).set(saved);
    forwardScalar(kL, fL, baseL, lastL);
    b.get(saved).set(bin);
    b.end();
  }
  backward(k, f, base, nb);
  backward(kk, fB, baseB, nbB);
  b.get(k).i32(2).add().set(k);
  b.br(0).end().end();
  // An odd feature out: scalar.
  b.get(k).get(nf).ltS().if();
  loadFeature(k, f, nb, base, last);
  b.f64Const(0).set(sG);
  b.f64Const(0).set(sH);
  b.i32(0).set(bin);
  forwardScalar(k, f, base, last);
  backward(k, f, base, nb);
  b.end();
  b.get(out).i32Load(SCAN_OUT.key).i32(0).geS();
  return b;
}

/** The hist grower's module (scan, build, subtract; hist-build-wasm.ts), importing a memory of at most `maxPages` pages. */
export function histModuleBytes(maxPages: number): Uint8Array {
  return encodeModule(
    [{ name: 'scan', body: scanBody() }, { body: considerBody() }, { name: 'build', body: buildBody() }, { name: 'subtract', body: subtractBody() }],
    false,
    maxPages,
  );
}
