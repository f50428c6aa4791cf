// RIFF/WAVE writer: integer PCM (8/16/24/32-bit) and IEEE float (32/64-bit), any channel count and sample rate,
// with an optional WAVE_FORMAT_EXTENSIBLE header.
//
// Layout per Microsoft "Multimedia Programming Interface and Data Specifications 1.0" (1991) and the
// WAVEFORMATEXTENSIBLE documentation: 8-bit PCM is unsigned (offset 128), wider PCM is signed little-endian,
// non-PCM formats carry a `fact` chunk, chunks are padded to an even size.
import { writeFileAtomic } from '../util/atomic-write.js';

/** Sample encoding of a WAV file. */
export type WavEncoding = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32' | 'float64';

export interface EncodeWavOptions {
  /** Sample rate in Hz; a positive integer. */
  readonly sampleRateHz: number;
  /** Sample encoding; default 'pcm16'. */
  readonly encoding?: WavEncoding;
  /** Write a WAVE_FORMAT_EXTENSIBLE fmt chunk; default false (never forced, whatever the channel count). */
  readonly extensible?: boolean;
  /** Speaker mask for the extensible header; default: front-centre for mono, FL|FR for stereo, low bits otherwise. */
  readonly channelMask?: number;
}

const BITS: Record<WavEncoding, number> = { pcm8: 8, pcm16: 16, pcm24: 24, pcm32: 32, float32: 32, float64: 64 };
const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;
// KSDATAFORMAT_SUBTYPE_* GUID tail shared by PCM and IEEE float: xxxxxxxx-0000-0010-8000-00aa00389b71.
const GUID_TAIL = [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

function defaultMask(channels: number): number {
  if (channels === 1) return 0x4;
  if (channels === 2) return 0x3;
  return channels >= 31 ? 0 : (1 << channels) - 1;
}

/** Checks that the channels are non-empty, equally long and finite-ready; returns the frame count. */
function checkChannels(channels: readonly Float32Array[] | readonly Float64Array[]): number {
  if (channels.length < 1) throw new RangeError('encodeWav: need at least one channel');
  const frames = channels[0]?.length ?? 0;
  for (const ch of channels) {
    if (ch.length !== frames) throw new RangeError('encodeWav: all channels must have the same length');
  }
  return frames;
}

/** Encodes channels of float samples (nominal range [-1, 1]; PCM clips outside it) as a complete WAV file. */
export function encodeWav(
  samples: Float32Array | Float64Array | readonly Float32Array[] | readonly Float64Array[],
  options: EncodeWavOptions,
): Uint8Array {
  const channels = (ArrayBuffer.isView(samples) ? [samples] : samples) as readonly (Float32Array | Float64Array)[];
  const frames = checkChannels(channels as readonly Float32Array[]);
  const { sampleRateHz } = options;
  if (!Number.isInteger(sampleRateHz) || sampleRateHz <= 0 || sampleRateHz > 0xffffffff) {
    throw new RangeError(`encodeWav: sampleRateHz must be a positive integer, got ${sampleRateHz}`);
  }
  const encoding = options.encoding ?? 'pcm16';
  const bits = BITS[encoding];
  if (bits === undefined) throw new RangeError(`encodeWav: unknown encoding ${String(encoding)}`);
  const isFloat = encoding === 'float32' || encoding === 'float64';
  const extensible = options.extensible ?? false;
  const nch = channels.length;
  const blockAlign = nch * (bits / 8);
  const dataBytes = frames * blockAlign;
  const dataPad = dataBytes % 2;
  const fmtBytes = extensible ? 40 : isFloat ? 18 : 16;
  const factBytes = isFloat ? 12 : 0;
  const total = 12 + 8 + fmtBytes + factBytes + 8 + dataBytes + dataPad;
  if (total - 8 > 0xffffffff) throw new RangeError('encodeWav: data too large for a RIFF file');

  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const dataAt = writeHeader(out, view, { total, fmtBytes, factBytes, extensible, isFloat, nch, sampleRateHz, blockAlign,
    bits, frames, dataBytes, channelMask: options.channelMask ?? defaultMask(nch) });
  writeSamples(view, dataAt, channels, frames, encoding);
  return out;
}

interface HeaderLayout {
  readonly total: number;
  readonly fmtBytes: number;
  readonly factBytes: number;
  readonly extensible: boolean;
  readonly isFloat: boolean;
  readonly nch: number;
  readonly sampleRateHz: number;
  readonly blockAlign: number;
  readonly bits: number;
  readonly frames: number;
  readonly dataBytes: number;
  readonly channelMask: number;
}

/** Writes the RIFF header, fmt (and fact) chunks and the data chunk header; returns the first sample's offset. */
function writeHeader(out: Uint8Array, view: DataView, h: HeaderLayout): number {
  const ascii = (at: number, s: string): void => {
    for (let i = 0; i < s.length; i++) out[at + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, h.total - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, h.fmtBytes, true);
  view.setUint16(20, h.extensible ? FORMAT_EXTENSIBLE : h.isFloat ? FORMAT_FLOAT : FORMAT_PCM, true);
  view.setUint16(22, h.nch, true);
  view.setUint32(24, h.sampleRateHz, true);
  view.setUint32(28, h.sampleRateHz * h.blockAlign, true);
  view.setUint16(32, h.blockAlign, true);
  view.setUint16(34, h.bits, true);
  let at = 36;
  if (h.fmtBytes >= 18) {
    view.setUint16(36, h.fmtBytes - 18, true);
    at = 38;
  }
  if (h.extensible) {
    view.setUint16(38, h.bits, true);
    view.setUint32(40, h.channelMask, true);
    view.setUint32(44, h.isFloat ? FORMAT_FLOAT : FORMAT_PCM, true);
    out.set(GUID_TAIL, 48);
    at = 60;
  }
  if (h.factBytes > 0) {
    ascii(at, 'fact');
    view.setUint32(at + 4, 4, true);
    view.setUint32(at + 8, h.frames, true);
    at += 12;
  }
  ascii(at, 'data');
  view.setUint32(at + 4, h.dataBytes, true);
  return at + 8;
}

/** Writes interleaved samples in the given encoding starting at byte `offset`. */
function writeSamples(
  view: DataView,
  offset: number,
  channels: readonly (Float32Array | Float64Array)[],
  frames: number,
  encoding: WavEncoding,
): void {
  const nch = channels.length;
  const bytes = BITS[encoding] / 8;
  const clamp = (x: number): number => (x > 1 ? 1 : x < -1 ? -1 : Number.isNaN(x) ? 0 : x);
  for (let c = 0; c < nch; c++) {
    const ch = channels[c] as Float32Array | Float64Array;
    let p = offset + c * bytes;
    const step = nch * bytes;
    for (let i = 0; i < frames; i++, p += step) {
      const x = ch[i] as number;
      switch (encoding) {
        case 'pcm8':
          view.setUint8(p, 128 + Math.round(clamp(x) * 127));
          break;
        case 'pcm16':
          view.setInt16(p, Math.round(clamp(x) * 32767), true);
          break;
        case 'pcm24': {
          const v = Math.round(clamp(x) * 8388607);
          view.setUint16(p, v & 0xffff, true);
          view.setInt8(p + 2, v >> 16);
          break;
        }
        case 'pcm32':
          view.setInt32(p, Math.round(clamp(x) * 2147483647), true);
          break;
        case 'float32':
          view.setFloat32(p, x, true);
          break;
        case 'float64':
          view.setFloat64(p, x, true);
          break;
      }
    }
  }
}

/** Encodes and writes a WAV file atomically: to a temporary name beside the target, then renamed into place. */
export function writeWavFile(
  path: string,
  samples: Float32Array | Float64Array | readonly Float32Array[] | readonly Float64Array[],
  options: EncodeWavOptions,
): void {
  writeFileAtomic(path, encodeWav(samples, options));
}
