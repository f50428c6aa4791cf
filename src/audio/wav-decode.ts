// RIFF/WAVE decoding: PCM 8/16/24/32-bit, IEEE float 32/64, WAVE_FORMAT_EXTENSIBLE, any channel count and rate.
// Reference: Microsoft "Multimedia Programming Interface and Data Specifications 1.0" (RIFF, WAVE fmt chunk) and
// the WAVE_FORMAT_EXTENSIBLE addendum (KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT GUIDs).
import { readFileSync } from 'node:fs';

/** Why a byte buffer is not decodable audio. */
export type WavErrorReason = 'empty' | 'not-wav' | 'truncated' | 'unsupported' | 'malformed';

/** A decoding failure: `reason` for programs, `message` for people. */
export class WavError extends Error {
  constructor(readonly reason: WavErrorReason, message: string) {
    super(message);
    this.name = 'WavError';
  }
}

/** The stored sample encoding. */
export type WavEncoding = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32' | 'float64';

export interface DecodedWav {
  readonly sampleRateHz: number;
  readonly channels: number;
  readonly encoding: WavEncoding;
  /** Frames (samples per channel). */
  readonly frames: number;
  /** Channels mixed down to mono by their mean, floats in [-1, 1] (integer PCM divided by 2^(bits−1)). */
  readonly samples: Float32Array;
}

const FORMAT_PCM = 1;
const FORMAT_IEEE_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

interface FmtChunk {
  formatTag: number;
  channels: number;
  sampleRateHz: number;
  blockAlign: number;
  bitsPerSample: number;
}

/** Decodes a WAV file's bytes; throws WavError with a reason on anything it cannot decode faithfully. */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  if (bytes.length === 0) throw new WavError('empty', 'empty file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 12 && fourcc(view, 8) === 'WAVE' && ['RIFX', 'RF64', 'BW64'].includes(fourcc(view, 0))) {
    throw new WavError('unsupported', `unsupported container: ${fourcc(view, 0)} (only little-endian RIFF/WAVE)`);
  }
  if (bytes.length < 12 || fourcc(view, 0) !== 'RIFF' || fourcc(view, 8) !== 'WAVE') {
    throw new WavError('not-wav', 'not a RIFF/WAVE file');
  }
  let fmt: FmtChunk | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = fourcc(view, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (body + Math.min(size, 16) > bytes.length) throw new WavError('truncated', 'truncated fmt chunk');
      fmt = parseFmt(view, body, size);
    } else if (id === 'data') {
      if (fmt === undefined) throw new WavError('malformed', 'data chunk before fmt chunk');
      if (body + size > bytes.length) {
        throw new WavError('truncated', `truncated: data chunk declares ${size} bytes, ${bytes.length - body} present`);
      }
      return decodeData(view, body, size, fmt);
    }
    offset = body + size + (size % 2); // chunks are word-aligned
  }
  throw new WavError(fmt === undefined ? 'malformed' : 'truncated', fmt === undefined ? 'no fmt chunk' : 'no data chunk');
}

/** Reads and decodes a WAV file; errors name the file: `path: reason`. */
export function decodeWavFile(path: string): DecodedWav {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new WavError('malformed', `${path}: cannot read file (${code})`);
  }
  try {
    return decodeWav(bytes);
  } catch (error) {
    if (error instanceof WavError) throw new WavError(error.reason, `${path}: ${error.message}`);
    throw error;
  }
}

function fourcc(view: DataView, offset: number): string {
  return String.fromCharCode(view.getUint8(offset), view.getUint8(offset + 1), view.getUint8(offset + 2), view.getUint8(offset + 3));
}

function parseFmt(view: DataView, body: number, size: number): FmtChunk {
  if (size < 16) throw new WavError('malformed', `fmt chunk too short (${size} bytes)`);
  let formatTag = view.getUint16(body, true);
  const channels = view.getUint16(body + 2, true);
  const sampleRateHz = view.getUint32(body + 4, true);
  const blockAlign = view.getUint16(body + 12, true);
  const bitsPerSample = view.getUint16(body + 14, true);
  if (formatTag === FORMAT_EXTENSIBLE) {
    if (size < 40 || body + 40 > view.byteLength) throw new WavError('malformed', 'WAVE_FORMAT_EXTENSIBLE fmt chunk too short');
    formatTag = view.getUint16(body + 24, true); // first two bytes of the SubFormat GUID
  }
  if (channels === 0) throw new WavError('malformed', 'fmt chunk declares 0 channels');
  if (sampleRateHz === 0) throw new WavError('malformed', 'fmt chunk declares a 0 Hz sample rate');
  return { formatTag, channels, sampleRateHz, blockAlign, bitsPerSample };
}

function encodingOf(fmt: FmtChunk): WavEncoding {
  const { formatTag, bitsPerSample } = fmt;
  if (formatTag === FORMAT_PCM) {
    if (bitsPerSample === 8) return 'pcm8';
    if (bitsPerSample === 16) return 'pcm16';
    if (bitsPerSample === 24) return 'pcm24';
    if (bitsPerSample === 32) return 'pcm32';
  } else if (formatTag === FORMAT_IEEE_FLOAT) {
    if (bitsPerSample === 32) return 'float32';
    if (bitsPerSample === 64) return 'float64';
  }
  const kind = formatTag === FORMAT_PCM ? 'PCM' : formatTag === FORMAT_IEEE_FLOAT ? 'float' : `format tag 0x${formatTag.toString(16)}`;
  throw new WavError('unsupported', `unsupported encoding: ${kind} with ${bitsPerSample} bits per sample`);
}

function decodeData(view: DataView, body: number, size: number, fmt: FmtChunk): DecodedWav {
  const encoding = encodingOf(fmt);
  const bytesPerSample = fmt.bitsPerSample / 8;
  const blockAlign = fmt.blockAlign === 0 ? bytesPerSample * fmt.channels : fmt.blockAlign;
  if (blockAlign < bytesPerSample * fmt.channels) {
    throw new WavError('malformed', `block align ${blockAlign} is smaller than ${fmt.channels} × ${bytesPerSample} bytes`);
  }
  const frames = Math.floor(size / blockAlign);
  const read = sampleReader(view, encoding);
  const samples = new Float32Array(frames);
  const scale = 1 / fmt.channels;
  for (let frame = 0; frame < frames; frame++) {
    const start = body + frame * blockAlign;
    let sum = 0;
    for (let channel = 0; channel < fmt.channels; channel++) sum += read(start + channel * bytesPerSample);
    samples[frame] = sum * scale;
  }
  return { sampleRateHz: fmt.sampleRateHz, channels: fmt.channels, encoding, frames, samples };
}

function sampleReader(view: DataView, encoding: WavEncoding): (offset: number) => number {
  switch (encoding) {
    case 'pcm8':
      return (o) => (view.getUint8(o) - 128) / 128;
    case 'pcm16':
      return (o) => view.getInt16(o, true) / 32768;
    case 'pcm24':
      return (o) => ((view.getUint8(o) | (view.getUint8(o + 1) << 8) | (view.getInt8(o + 2) << 16)) / 8388608);
    case 'pcm32':
      return (o) => view.getInt32(o, true) / 2147483648;
    case 'float32':
      return (o) => view.getFloat32(o, true);
    case 'float64':
      return (o) => view.getFloat64(o, true);
  }
}
