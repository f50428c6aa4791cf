import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWav, writeWavFile, type WavEncoding } from './wav-encode.js';

interface Parsed {
  formatTag: number;
  channels: number;
  sampleRateHz: number;
  byteRate: number;
  blockAlign: number;
  bits: number;
  subFormat?: number;
  channelMask?: number;
  factFrames?: number;
  data: DataView;
  riffSize: number;
}

/** A tiny chunk walker, independent of the writer, enough to check the header fields. */
function parse(bytes: Uint8Array): Parsed {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));
  expect(tag(0)).toBe('RIFF');
  expect(tag(8)).toBe('WAVE');
  const out: Partial<Parsed> = { riffSize: v.getUint32(4, true) };
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = tag(at);
    const size = v.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      out.formatTag = v.getUint16(body, true);
      out.channels = v.getUint16(body + 2, true);
      out.sampleRateHz = v.getUint32(body + 4, true);
      out.byteRate = v.getUint32(body + 8, true);
      out.blockAlign = v.getUint16(body + 12, true);
      out.bits = v.getUint16(body + 14, true);
      if (size === 40) {
        out.channelMask = v.getUint32(body + 20, true);
        out.subFormat = v.getUint32(body + 24, true);
      }
    } else if (id === 'fact') {
      out.factFrames = v.getUint32(body, true);
    } else if (id === 'data') {
      out.data = new DataView(bytes.buffer, bytes.byteOffset + body, size);
    }
    at = body + size + (size % 2);
  }
  return out as Parsed;
}

const ramp = Float32Array.from([0, 0.5, -0.5, 1, -1, 0.25, 2, -2]);

describe('encodeWav', () => {
  it('writes a canonical 44-byte PCM16 mono header with consistent sizes', () => {
    const bytes = encodeWav(ramp, { sampleRateHz: 16000 });
    expect(bytes.length).toBe(44 + 2 * ramp.length);
    const p = parse(bytes);
    expect(p).toMatchObject({ formatTag: 1, channels: 1, sampleRateHz: 16000, byteRate: 32000, blockAlign: 2, bits: 16 });
    expect(p.riffSize).toBe(bytes.length - 8);
    expect(p.data.byteLength).toBe(16);
    const values = Array.from({ length: 8 }, (_, i) => p.data.getInt16(2 * i, true));
    expect(values).toEqual([0, 16384, -16383, 32767, -32767, 8192, 32767, -32767]);
  });

  it.each<[WavEncoding, number]>([
    ['pcm8', 1],
    ['pcm24', 3],
    ['pcm32', 4],
    ['float32', 4],
    ['float64', 8],
  ])('round-trips %s values within quantisation', (encoding, width) => {
    const left = Float32Array.from([0.1, -0.7, 0.33]);
    const right = Float32Array.from([-0.2, 0.9, 0]);
    const p = parse(encodeWav([left, right], { sampleRateHz: 44100, encoding }));
    expect(p.channels).toBe(2);
    expect(p.blockAlign).toBe(2 * width);
    expect(p.byteRate).toBe(44100 * 2 * width);
    expect(p.formatTag).toBe(encoding.startsWith('float') ? 3 : 1);
    if (encoding.startsWith('float')) expect(p.factFrames).toBe(3);
    const read = (i: number): number => {
      const at = i * width;
      switch (encoding) {
        case 'pcm8': return (p.data.getUint8(at) - 128) / 127;
        case 'pcm24': return (p.data.getUint16(at, true) + (p.data.getInt8(at + 2) << 16)) / 8388607;
        case 'pcm32': return p.data.getInt32(at, true) / 2147483647;
        case 'float32': return p.data.getFloat32(at, true);
        default: return p.data.getFloat64(at, true);
      }
    };
    const expected = [0.1, -0.2, -0.7, 0.9, 0.33, 0];
    const tol = encoding === 'pcm8' ? 1 / 127 : 1e-6;
    expected.forEach((x, i) => expect(Math.abs(read(i) - x)).toBeLessThanOrEqual(tol));
  });

  it('pads odd-sized data chunks and writes the extensible header', () => {
    const bytes = encodeWav(Float32Array.from([0, 0.5, -0.5]), { sampleRateHz: 8000, encoding: 'pcm8', extensible: true });
    expect(bytes.length % 2).toBe(0);
    const p = parse(bytes);
    expect(p.formatTag).toBe(0xfffe);
    expect(p.subFormat).toBe(1);
    expect(p.channelMask).toBe(4);
    expect(p.data.byteLength).toBe(3);
    const f = parse(encodeWav([ramp, ramp, ramp], { sampleRateHz: 48000, encoding: 'float32', extensible: true }));
    expect(f).toMatchObject({ subFormat: 3, channels: 3, channelMask: 7, factFrames: ramp.length });
  });

  it('rejects bad input with RangeError', () => {
    expect(() => encodeWav([], { sampleRateHz: 16000 })).toThrow(RangeError);
    expect(() => encodeWav(ramp, { sampleRateHz: 0 })).toThrow(RangeError);
    expect(() => encodeWav([ramp, ramp.subarray(1)], { sampleRateHz: 16000 })).toThrow(RangeError);
  });

  it('writeWavFile leaves only the final file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wav-encode-'));
    try {
      writeWavFile(join(dir, 'a.wav'), ramp, { sampleRateHz: 16000 });
      expect(readdirSync(dir)).toEqual(['a.wav']);
      expect(readFileSync(join(dir, 'a.wav')).length).toBe(60);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
