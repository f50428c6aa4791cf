import { describe, expect, it } from 'vitest';
import { encodeSafetensors, halfToFloat, parseSafetensors, type Float32Tensor } from './safetensors.js';

/** Builds safetensors bytes around a header object and a raw data section. */
function rawFile(header: Record<string, unknown>, data: Uint8Array): Uint8Array {
  const text = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + text.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
  out.set(text, 8);
  out.set(data, 8 + text.length);
  return out;
}

describe('safetensors', () => {
  it('round-trips float32 tensors and metadata, with an 8-byte aligned data section', () => {
    const tensors = new Map<string, Float32Tensor>([
      ['a.weight', { shape: [2, 3], data: Float32Array.of(1, -2, 3.5, 4, 5, 6) }],
      ['scalar', { shape: [], data: Float32Array.of(7) }],
    ]);
    const bytes = encodeSafetensors(tensors, { format: 'pt' });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + headerLength) % 8).toBe(0);
    const file = parseSafetensors(bytes);
    expect(file.names).toEqual(['a.weight', 'scalar']);
    expect(file.metadata).toEqual({ format: 'pt' });
    expect(file.shape('a.weight')).toEqual([2, 3]);
    expect([...file.tensor('a.weight').data]).toEqual([1, -2, 3.5, 4, 5, 6]);
    expect([...file.tensor('scalar').data]).toEqual([7]);
  });

  it('converts F16, BF16 and F64 to float32', () => {
    // F16 0x3c00 = 1, 0xc000 = -2, 0x3555 ≈ 0.33325; BF16 0x3f80 = 1, 0xc040 = -3; F64 0.25.
    const data = new Uint8Array(4 + 4 + 8 + 2);
    const view = new DataView(data.buffer);
    view.setUint16(0, 0x3c00, true);
    view.setUint16(2, 0xc000, true);
    view.setUint16(4, 0x3f80, true);
    view.setUint16(6, 0xc040, true);
    view.setFloat64(8, 0.25, true);
    view.setUint16(16, 0x3555, true);
    const file = parseSafetensors(rawFile({
      h: { dtype: 'F16', shape: [2], data_offsets: [0, 4] },
      b: { dtype: 'BF16', shape: [2], data_offsets: [4, 8] },
      d: { dtype: 'F64', shape: [1], data_offsets: [8, 16] },
      third: { dtype: 'F16', shape: [1], data_offsets: [16, 18] },
    }, data));
    expect([...file.tensor('h').data]).toEqual([1, -2]);
    expect([...file.tensor('b').data]).toEqual([1, -3]);
    expect([...file.tensor('d').data]).toEqual([0.25]);
    expect(file.tensor('third').data[0]).toBeCloseTo(1 / 3, 3);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(halfToFloat(0x7c00)).toBe(Infinity);
  });

  it('rejects malformed files with a clear message', () => {
    expect(() => parseSafetensors(new Uint8Array(4), 'x.safetensors')).toThrow(/x.safetensors: file too short/);
    const bad = rawFile({ w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, new Uint8Array(8));
    expect(() => parseSafetensors(bad, 'm')).toThrow(/tensor 'w' data_offsets \[0, 8\] do not fit shape \[3\]/);
    const dtype = rawFile({ w: { dtype: 'I8', shape: [1], data_offsets: [0, 1] } }, new Uint8Array(1));
    expect(() => parseSafetensors(dtype, 'm')).toThrow(/unsupported dtype I8/);
    expect(() => parseSafetensors(rawFile({}, new Uint8Array(0)), 'm').tensor('nope')).toThrow(/no tensor named 'nope'/);
  });
});
