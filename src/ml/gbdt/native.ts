// Optional `backend: native`: trains with a system libxgboost (e.g. Debian's libxgboost0) through koffi, then
// reads the model back in XGBoost's JSON format. koffi and the library are loaded only when this is called.
import { createRequire } from 'node:module';
import type { Matrix } from '../matrix.js';
import type { GbdtModel } from './model.js';
import { modelFromJson } from './model-json.js';
import type { GbdtParams } from './params.js';
import { checkLabels, type TrainGbdtOptions, type TrainGbdtResult } from './train.js';

/** Library names tried in order (override with the PIPE_LIBXGBOOST environment variable). */
const LIBRARY_NAMES = ['libxgboost.so.0', 'libxgboost.so', 'libxgboost.dylib', 'xgboost.dll'];

interface XgbApi {
  createFromMat: (data: Float32Array, rows: number, cols: number, missing: number, out: unknown[]) => number;
  setFloatInfo: (h: unknown, field: string, data: Float32Array, len: number) => number;
  freeMatrix: (h: unknown) => number;
  create: (dmats: unknown[], len: number, out: unknown[]) => number;
  setParam: (h: unknown, name: string, value: string) => number;
  updateOneIter: (h: unknown, iter: number, dtrain: unknown) => number;
  saveToBuffer: (h: unknown, config: string, outLen: unknown[], outPtr: unknown[]) => number;
  free: (h: unknown) => number;
  loadFromBuffer: (h: unknown, buf: Buffer, len: number) => number;
  predict: (h: unknown, dm: unknown, mask: number, limit: number, training: number, outLen: unknown[], outPtr: unknown[]) => number;
  decodeFloats: (ptr: unknown, len: number) => Float32Array;
  lastError: () => string;
  decode: (ptr: unknown, len: number) => string;
}

let api: XgbApi | null = null;

/** Loads koffi and libxgboost once; throws an Error saying what is missing. */
function loadApi(): XgbApi {
  if (api) return api;
  const require = createRequire(import.meta.url);
  let koffi: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- koffi is optional and untyped here
  try {
    koffi = require('koffi');
  } catch {
    throw new Error('backend native: the optional dependency koffi is not installed (npm install koffi)');
  }
  const names = process.env['PIPE_LIBXGBOOST'] ? [process.env['PIPE_LIBXGBOOST']] : LIBRARY_NAMES;
  let lib: any = null; // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const name of names) {
    try {
      lib = koffi.load(name);
      break;
    } catch {
      // try the next name
    }
  }
  if (!lib) throw new Error(`backend native: libxgboost not found (tried ${names.join(', ')}; Debian: apt-get install libxgboost0)`);
  api = {
    createFromMat: lib.func('int XGDMatrixCreateFromMat(const float *data, uint64_t nrow, uint64_t ncol, float missing, _Out_ void **out)'),
    setFloatInfo: lib.func('int XGDMatrixSetFloatInfo(void *h, const char *field, const float *data, uint64_t len)'),
    freeMatrix: lib.func('int XGDMatrixFree(void *h)'),
    create: lib.func('int XGBoosterCreate(void **dmats, uint64_t len, _Out_ void **out)'),
    setParam: lib.func('int XGBoosterSetParam(void *h, const char *name, const char *value)'),
    updateOneIter: lib.func('int XGBoosterUpdateOneIter(void *h, int iter, void *dtrain)'),
    saveToBuffer: lib.func('int XGBoosterSaveModelToBuffer(void *h, const char *config, _Out_ uint64_t *len, _Out_ void **ptr)'),
    free: lib.func('int XGBoosterFree(void *h)'),
    loadFromBuffer: lib.func('int XGBoosterLoadModelFromBuffer(void *h, const void *buf, uint64_t len)'),
    predict: lib.func('int XGBoosterPredict(void *h, void *dm, int mask, unsigned int limit, int training, _Out_ uint64_t *len, _Out_ void **out)'),
    decodeFloats: (ptr: unknown, len: number) => Float32Array.from(koffi.decode(ptr, 'float', len) as number[]),
    lastError: lib.func('const char *XGBGetLastError()'),
    decode: (ptr: unknown, len: number) => Buffer.from(koffi.decode(ptr, 'uint8_t', len) as number[]).toString('utf8'),
  };
  return api;
}

/** Why the native backend cannot be used here (koffi or libxgboost missing), or null when it can. */
export function nativeBackendProblem(): string | null {
  try {
    loadApi();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Whether the native backend can be used here (koffi and libxgboost both load). */
export function nativeBackendAvailable(): boolean {
  return nativeBackendProblem() === null;
}

/** XGBoost parameter strings for `GbdtParams` (nthread threads; the reference runs used 1). */
function nativeParams(p: GbdtParams, nthread: number): [string, string][] {
  const out: [string, string][] = [
    ['objective', p.objective],
    ['eta', String(p.eta)],
    ['lambda', String(p.lambda)],
    ['alpha', String(p.alpha)],
    ['gamma', String(p.gamma)],
    ['min_child_weight', String(p.minChildWeight)],
    ['max_depth', String(p.maxDepth)],
    ['subsample', String(p.subsample)],
    ['colsample_bytree', String(p.colsampleBytree)],
    ['base_score', String(p.baseScore)],
    ['seed', String(p.seed)],
    ['tree_method', p.treeMethod],
    ['max_bin', String(p.maxBin)],
    ['nthread', String(nthread)],
  ];
  if (p.objective === 'multi:softprob') out.push(['num_class', String(p.numClass)]);
  return out;
}

/** Options of `trainGbdtNative`: those of `trainGbdt` and libxgboost's thread count. */
export interface TrainGbdtNativeOptions extends TrainGbdtOptions {
  /** libxgboost's nthread; default 1 (the single-thread figures the TypeScript backend is compared with). */
  nthread?: number;
}

/** Trains with libxgboost (no early stopping: use the TypeScript backend for that) and returns the model. */
export function trainGbdtNative(x: Matrix, labels: Int32Array, params: GbdtParams, options: TrainGbdtNativeOptions = {}): TrainGbdtResult {
  checkLabels(labels, params, x.rows);
  if (params.earlyStoppingRounds > 0) throw new RangeError('backend native: early_stopping_rounds is only supported by the ts backend');
  return withBooster(x, (xgb, check, dm, booster) => {
    check(xgb.setFloatInfo(dm, 'label', Float32Array.from(labels), labels.length), 'XGDMatrixSetFloatInfo');
    check(xgb.create([dm], 1, booster), 'XGBoosterCreate');
    for (const [k, v] of nativeParams(params, options.nthread ?? 1)) check(xgb.setParam(booster[0], k, v), `XGBoosterSetParam(${k})`);
    for (let i = 0; i < params.numBoostRound; i++) {
      check(xgb.updateOneIter(booster[0], i, dm), 'XGBoosterUpdateOneIter');
      options.onRound?.(i, Number.NaN);
    }
    const len: unknown[] = [0];
    const ptr: unknown[] = [null];
    check(xgb.saveToBuffer(booster[0], '{"format": "json"}', len, ptr), 'XGBoosterSaveModelToBuffer');
    const parsed = modelFromJson(xgb.decode(ptr[0], Number(len[0])));
    const model: GbdtModel = { ...parsed, featureNames: options.featureNames ? [...options.featureNames] : parsed.featureNames };
    return { model, bestIteration: params.numBoostRound - 1, validLoss: [] };
  });
}

/**
 * Loads an XGBoost JSON model into libxgboost and predicts with it (class probabilities, row-major): the check
 * that a model written here is read by XGBoost itself as it is read here.
 */
export function predictNative(modelJson: string, x: Matrix): Float32Array {
  return withBooster(x, (xgb, check, dm, booster) => {
    check(xgb.create([], 0, booster), 'XGBoosterCreate');
    const buf = Buffer.from(modelJson, 'utf8');
    check(xgb.loadFromBuffer(booster[0], buf, buf.length), 'XGBoosterLoadModelFromBuffer');
    const len: unknown[] = [0];
    const out: unknown[] = [null];
    check(xgb.predict(booster[0], dm, 0, 0, 0, len, out), 'XGBoosterPredict');
    return xgb.decodeFloats(out[0], Number(len[0]));
  });
}

/** Creates a DMatrix of `x` and a booster slot, runs `body`, and frees both whatever happens. */
function withBooster<T>(
  x: Matrix,
  body: (xgb: ReturnType<typeof loadApi>, check: (rc: number, what: string) => void, dm: unknown, booster: unknown[]) => T,
): T {
  const xgb = loadApi();
  const check = (rc: number, what: string): void => {
    if (rc !== 0) throw new Error(`libxgboost ${what}: ${xgb.lastError()}`);
  };
  const dm: unknown[] = [null];
  check(xgb.createFromMat(Float32Array.from(x.data), x.rows, x.cols, Number.NaN, dm), 'XGDMatrixCreateFromMat');
  const booster: unknown[] = [null];
  try {
    return body(xgb, check, dm[0], booster);
  } finally {
    if (booster[0]) xgb.free(booster[0]);
    xgb.freeMatrix(dm[0]);
  }
}
