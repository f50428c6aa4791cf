// Where the SmallCNN's parameters live in the arena, and their conversion to and from PyTorch's layout. Conv
// weights are kept as Wt [9·Cin, Cout] with row (kh·3 + kw)·Cin + ci (channels-last im2row order), PyTorch's are
// [Cout, Cin, 3, 3].
import type { NnTensor, SmallCnnArch } from './api.js';

/** Channels of the three conv blocks: 1→16→32→64. */
export const CONV_CHANNELS = [1, 16, 32, 64] as const;
/** PyTorch module index of conv block b's conv and batch norm inside `features`. */
const CONV_INDEX = [0, 4, 8] as const;

/** One named parameter or buffer: float offset inside its block, PyTorch shape, and internal kind. */
export interface Slot {
  readonly name: string;
  readonly offset: number;
  readonly shape: readonly number[];
  readonly size: number;
  /** 'conv' slots are stored transposed (Wt); others as in PyTorch. */
  readonly kind: 'conv' | 'plain';
}

/** Offsets of the parameters (one block, mirrored by gradients and Adam moments) and buffers (running stats). */
export interface NetLayout {
  readonly params: readonly Slot[];
  readonly buffers: readonly Slot[];
  readonly paramFloats: number;
  readonly bufferFloats: number;
  /** Per conv block: offsets of Wt, bias, γ, β (in the parameter block) and running mean/var (buffer block). */
  readonly blocks: readonly { cin: number; cout: number; w: number; b: number; gamma: number; beta: number; mean: number; var: number }[];
  /** Linear head weight [classes, 64] and bias offsets. */
  readonly head: { readonly w: number; readonly b: number };
}

/** Builds the layout for an architecture. */
export function netLayout(arch: SmallCnnArch): NetLayout {
  const params: Slot[] = [];
  const buffers: Slot[] = [];
  let p = 0;
  let q = 0;
  const param = (name: string, shape: number[], kind: Slot['kind'] = 'plain'): number => {
    const size = shape.reduce((a, b) => a * b, 1);
    params.push({ name, offset: p, shape, size, kind });
    p += size;
    return p - size;
  };
  const buffer = (name: string, shape: number[]): number => {
    const size = shape.reduce((a, b) => a * b, 1);
    buffers.push({ name, offset: q, shape, size, kind: 'plain' });
    q += size;
    return q - size;
  };
  const blocks = CONV_INDEX.map((index, i) => {
    const cin = CONV_CHANNELS[i] as number;
    const cout = CONV_CHANNELS[i + 1] as number;
    const w = param(`features.${index}.weight`, [cout, cin, 3, 3], 'conv');
    const b = param(`features.${index}.bias`, [cout]);
    const gamma = param(`features.${index + 1}.weight`, [cout]);
    const beta = param(`features.${index + 1}.bias`, [cout]);
    const mean = buffer(`features.${index + 1}.running_mean`, [cout]);
    const variance = buffer(`features.${index + 1}.running_var`, [cout]);
    return { cin, cout, w, b, gamma, beta, mean, var: variance };
  });
  const head = { w: param('head.2.weight', [arch.classes, 64]), b: param('head.2.bias', [arch.classes]) };
  return { params, buffers, paramFloats: p, bufferFloats: q, blocks, head };
}

/** PyTorch's state-dict order: per module its parameters, then its buffers. */
export function torchOrder(layout: NetLayout): readonly Slot[] {
  const out: Slot[] = [];
  for (const slot of layout.params) {
    out.push(slot);
    if (slot.name.endsWith('.bias') && /^features\.(1|5|9)\./.test(slot.name)) {
      const prefix = slot.name.slice(0, -'bias'.length);
      for (const b of layout.buffers) if (b.name.startsWith(prefix)) out.push(b);
    }
  }
  return out;
}

/** Copies a slot out of internal storage `src` (block start `base`) into a PyTorch-layout tensor. */
export function readSlot(src: Float32Array, base: number, slot: Slot): NnTensor {
  const data = new Float32Array(slot.size);
  if (slot.kind === 'plain') {
    data.set(src.subarray(base + slot.offset, base + slot.offset + slot.size));
  } else {
    const [cout, cin] = slot.shape as [number, number];
    for (let co = 0; co < cout; co++) for (let ci = 0; ci < cin; ci++) for (let t = 0; t < 9; t++) data[(co * cin + ci) * 9 + t] = src[base + slot.offset + (t * cin + ci) * cout + co] as number;
  }
  return { shape: slot.shape, data };
}

/** Writes a PyTorch-layout tensor into internal storage; throws RangeError on a shape mismatch. */
export function writeSlot(dst: Float32Array, base: number, slot: Slot, tensor: NnTensor): void {
  if (tensor.data.length !== slot.size || tensor.shape.length !== slot.shape.length || tensor.shape.some((d, i) => d !== slot.shape[i])) {
    throw new RangeError(`state dict: '${slot.name}' has shape [${tensor.shape.join(', ')}], expected [${slot.shape.join(', ')}]`);
  }
  if (slot.kind === 'plain') {
    dst.set(tensor.data, base + slot.offset);
  } else {
    const [cout, cin] = slot.shape as [number, number];
    for (let co = 0; co < cout; co++) for (let ci = 0; ci < cin; ci++) for (let t = 0; t < 9; t++) dst[base + slot.offset + (t * cin + ci) * cout + co] = tensor.data[(co * cin + ci) * 9 + t] as number;
  }
}
