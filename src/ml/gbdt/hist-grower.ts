// placeholder
import type { HistIndex } from './hist-index.js';
import type { SplitParams } from './split-gain.js';
import { TreeBuilder } from './tree.js';
export interface HistTreeInput { x: Float32Array; index: HistIndex; grad: Float32Array; hess: Float32Array; sample: Uint8Array | null; features: Int32Array }
export function growHistTree(_i: HistTreeInput, _p: SplitParams): TreeBuilder { throw new Error('todo'); }
