import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeWav, decodeWavFile, WavError } from './wav-decode.js';

// Reference audio: copied from shared/reference/audio (see test/fixtures/reference/PROVENANCE.md).
const AUDIO = join(import.meta.dirname, '../../test/fixtures/reference/audio');

/** Builds a canonical 44-byte-header WAV around raw sample bytes. */
function wavBytes(opts: { formatTag: number; channels: number; rate: number; bits: number; data: Uint8Array }): Uint8Array {
  const out = new Uint8Array(44 + opts.data.length);
  const v = new DataView(out.buffer);
  const ascii = (o: number, s: string) => [...s].forEach((c, i) => v.setUint8(o + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + opts.data.length, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, opts.formatTag, true);
  v.setUint16(22, opts.channels, true);
  v.setUint32(24, opts.rate, true);
  const blockAlign = (opts.channels * opts.bits) / 8;
  v.setUint32(28, opts.rate * blockAlign, true);
  v.setUint16(32, blockAlign, true);
  v.setUint16(34, opts.bits, true);
  ascii(36, 'data');
  v.setUint32(40, opts.data.length, true);
  out.set(opts.data, 44);
  return out;
}

function expectReason(bytes: Uint8Array, reason: WavError['reason']): void {
  try {
    decodeWav(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(WavError);
    expect((error as WavError).reason).toBe(reason);
    return;
  }
  throw new Error(`expected a WavError (${reason})`);
}

describe('decodeWav on the reference encodings', () => {
  it('reads 16-bit mono at 16 kHz with the expected length', () => {
    const wav = decodeWavFile(join(AUDIO, 'tone_440.wav'));
    expect(wav).toMatchObject({ sampleRateHz: 16000, channels: 1, encoding: 'pcm16', frames: 16000 });
    expect(Math.max(...wav.samples.map(Math.abs))).toBeGreaterThan(0.1);
  });

  it('decodes the same signal identically from PCM 24-bit and float32', () => {
    const pcm24 = decodeWavFile(join(AUDIO, 'fmt_pcm24.wav'));
    const float32 = decodeWavFile(join(AUDIO, 'fmt_float32.wav'));
    expect(pcm24.encoding).toBe('pcm24');
    expect(float32.encoding).toBe('float32');
    expect(pcm24.frames).toBe(float32.frames);
    let maxDiff = 0;
    for (let i = 0; i < pcm24.frames; i++) maxDiff = Math.max(maxDiff, Math.abs(pcm24.samples[i]! - float32.samples[i]!));
    expect(maxDiff).toBeLessThan(2 ** -22);
  });

  it('mixes 44.1 kHz stereo down to mono and keeps the rate', () => {
    const wav = decodeWavFile(join(AUDIO, 'fmt_stereo_44k.wav'));
    expect(wav).toMatchObject({ sampleRateHz: 44100, channels: 2, encoding: 'pcm16' });
    expect(wav.frames).toBe((105884 - 44) / 4);
  });

  it('reads every reference file', () => {
    for (const name of ['babble_espeak', 'fmt_pcm16_8k', 'short_50ms', 'silence_click', 'speech_espeak_adult']) {
      const wav = decodeWavFile(join(AUDIO, `${name}.wav`));
      expect(wav.samples.length).toBe(wav.frames);
      expect(wav.samples.every(Number.isFinite)).toBe(true);
    }
  });
});

describe('decodeWav on synthetic encodings', () => {
  it('scales 8-bit unsigned, 32-bit int and float64 and averages channels', () => {
    expect([...decodeWav(wavBytes({ formatTag: 1, channels: 1, rate: 8000, bits: 8, data: new Uint8Array([0, 128, 255]) })).samples])
      .toEqual([-1, 0, 127 / 128]);
    const int32 = new Int32Array([2 ** 30, -(2 ** 30)]);
    expect([...decodeWav(wavBytes({ formatTag: 1, channels: 1, rate: 8000, bits: 32, data: new Uint8Array(int32.buffer) })).samples])
      .toEqual([0.5, -0.5]);
    const f64 = new Float64Array([0.25, 0.75, -0.5, 0.5]); // two stereo frames
    expect([...decodeWav(wavBytes({ formatTag: 3, channels: 2, rate: 22050, bits: 64, data: new Uint8Array(f64.buffer) })).samples])
      .toEqual([0.5, 0]);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE with a PCM sub-format', () => {
    const plain = wavBytes({ formatTag: 1, channels: 1, rate: 16000, bits: 16, data: new Uint8Array(new Int16Array([16384, -16384]).buffer) });
    // Rebuild with a 40-byte fmt chunk: cbSize 22, valid bits, channel mask, SubFormat GUID starting with 0x0001.
    const out = new Uint8Array(plain.length + 24);
    const v = new DataView(out.buffer);
    out.set(plain.subarray(0, 20), 0);
    v.setUint32(16, 40, true);
    out.set(plain.subarray(20, 36), 20);
    v.setUint16(20, 0xfffe, true);
    v.setUint16(36, 22, true);
    v.setUint16(38, 16, true);
    v.setUint32(40, 4, true);
    v.setUint16(44, 1, true);
    out.set(plain.subarray(36), 60);
    v.setUint32(4, out.length - 8, true);
    expect([...decodeWav(out).samples]).toEqual([0.5, -0.5]);
  });
});

describe('decodeWav on broken input', () => {
  const good = wavBytes({ formatTag: 1, channels: 1, rate: 16000, bits: 16, data: new Uint8Array(400) });

  it('names each kind of breakage', () => {
    expectReason(new Uint8Array(0), 'empty');
    expectReason(new TextEncoder().encode('ID3\u0003 this is an mp3, not a wav'), 'not-wav');
    expectReason(good.subarray(0, 100), 'truncated');
    expectReason(good.subarray(0, 30), 'truncated');
    expectReason(wavBytes({ formatTag: 2, channels: 1, rate: 16000, bits: 4, data: new Uint8Array(10) }), 'unsupported');
    expectReason(wavBytes({ formatTag: 1, channels: 1, rate: 16000, bits: 12, data: new Uint8Array(10) }), 'unsupported');
    expectReason(wavBytes({ formatTag: 1, channels: 0, rate: 16000, bits: 16, data: new Uint8Array(10) }), 'malformed');
  });

  it('refuses big-endian and 64-bit containers as unsupported, other chunks before fmt as fine', () => {
    const rifx = good.slice();
    rifx.set([0x52, 0x49, 0x46, 0x58], 0); // 'RIFX'
    expectReason(rifx, 'unsupported');
    const rf64 = good.slice();
    rf64.set([0x52, 0x46, 0x36, 0x34], 0); // 'RF64'
    expectReason(rf64, 'unsupported');
  });

  it('skips unknown chunks with odd sizes (word padding) and reads a 0-frame data chunk', () => {
    const data = new Uint8Array(new Int16Array([8192, -8192]).buffer);
    const plain = wavBytes({ formatTag: 1, channels: 1, rate: 16000, bits: 16, data });
    const list = new Uint8Array([0x4c, 0x49, 0x53, 0x54, 3, 0, 0, 0, 1, 2, 3, 0]); // 'LIST', 3 bytes + 1 pad
    const withList = new Uint8Array(plain.length + list.length);
    withList.set(plain.subarray(0, 36), 0);
    withList.set(list, 36);
    withList.set(plain.subarray(36), 36 + list.length);
    expect([...decodeWav(withList).samples]).toEqual([0.25, -0.25]);
    expect(decodeWav(wavBytes({ formatTag: 1, channels: 1, rate: 16000, bits: 16, data: new Uint8Array(0) })).frames).toBe(0);
  });

  it('refuses a data chunk before fmt and an extensible sub-format that is not PCM or float', () => {
    const plain = wavBytes({ formatTag: 1, channels: 1, rate: 16000, bits: 16, data: new Uint8Array(4) });
    const swapped = new Uint8Array(plain.length);
    swapped.set(plain.subarray(0, 12), 0);
    swapped.set(plain.subarray(36), 12); // data chunk first
    swapped.set(plain.subarray(12, 36), 12 + plain.length - 36);
    expectReason(swapped, 'malformed');
    const ext = new Uint8Array(68);
    const v = new DataView(ext.buffer);
    ext.set(plain.subarray(0, 36), 0);
    v.setUint32(16, 40, true);
    v.setUint16(20, 0xfffe, true);
    v.setUint16(44, 2, true); // SubFormat GUID 0x0002: MS ADPCM
    ext.set([0x64, 0x61, 0x74, 0x61, 0, 0, 0, 0], 60);
    expectReason(ext, 'unsupported');
  });

  it('prefixes file errors with the path', () => {
    expect(() => decodeWavFile('/nonexistent/x.wav')).toThrow(/^\/nonexistent\/x\.wav: cannot read file \(ENOENT\)$/);
  });
});
